import Foundation
import SluiceCore
import SluiceRegistry

/// Finds the plugin libraries of the search path and registers their components, opening none.
///
/// For each `*.so`, in directory order: the cache answers when it knows the file (same resolved
/// path, size, mtime, inode, host); otherwise the scanner loads it (in a child process, or in
/// process where there is no scanner executable). Accepted libraries register their components
/// with factories that open the library on first use; rejected ones are recorded with their
/// reason and code. New verdicts go into the cache. A library that failed only because its id
/// clashed with another's stays accepted in the cache: the clash depends on the search path.
extension ComponentRegistry {
    /// What a scan found.
    public struct LoadReport: Sendable {
        public var loaded: [String] = []
        public var rejected: [RejectedLibrary] = []
        /// Directories that did not exist or could not be read (warnings, not errors).
        public var missingDirectories: [String] = []
        /// The libraries scanned this time (the others came from the cache).
        public var scanned: [String] = []
    }

    /// Registers the components of every `*.so` in `directories`, in order.
    /// - Parameters:
    ///   - scanner: how a library not in the cache is scanned; `.inProcess` opens it here.
    ///   - cache: where verdicts are kept between runs; nil keeps none.
    @discardableResult
    public func loadPlugins(from directories: [String], scanner: PluginScanner = .inProcess, cache: PluginCache? = nil) -> LoadReport {
        var report = LoadReport()
        var paths: [String] = []
        for dir in directories {
            guard let found = PluginSearchPath.libraries(in: dir) else {
                report.missingDirectories.append(dir)
                continue
            }
            for raw in found {
                let path = URL(fileURLWithPath: raw).resolvingSymlinksInPath().path
                if claim(path: path) { paths.append(path) }
            }
        }
        let stamps = paths.map(LibraryFileStamp.of)
        let (cached, damaged) = cache?.load() ?? ([:], false)
        var verdicts = [Verdict?](repeating: nil, count: paths.count)
        var toScan: [Int] = []
        for (i, path) in paths.enumerated() {
            if let stamp = stamps[i], let entry = cached[path], entry.stamp == stamp {
                verdicts[i] = Verdict(outcome: entry.outcome, opened: nil, cacheable: false)
            } else {
                toScan.append(i)
            }
        }
        for (i, verdict) in zip(toScan, Self.scan(toScan.map { paths[$0] }, with: scanner)) { verdicts[i] = verdict }

        let wasScanned = Set(toScan)
        var updates: [PluginCache.Entry] = []
        for (i, path) in paths.enumerated() {
            guard let verdict = verdicts[i] else { continue }
            if verdict.cacheable, let stamp = stamps[i] { updates.append(PluginCache.Entry(stamp: stamp, outcome: verdict.outcome)) }
            if wasScanned.contains(i) { report.scanned.append(path) }
            switch register(path: path, stamp: stamps[i], verdict) {
            case .success(let library): report.loaded.append(library.path)
            case .failure(let rejected): report.rejected.append(rejected)
            }
        }
        if let cache, !updates.isEmpty || damaged { cache.save(updates) }
        return report
    }

    /// Scans one library in process and registers it (the single-library form of ``loadPlugins(from:scanner:cache:)``).
    /// Returns nil when this registry already saw the path.
    public func loadPlugin(at rawPath: String) -> Result<PluginLibrary?, RejectedLibrary> {
        let path = URL(fileURLWithPath: rawPath).resolvingSymlinksInPath().path
        guard claim(path: path) else { return .success(nil) }
        let (outcome, opened) = PluginLoader.scanInProcess(path)
        return register(path: path, stamp: LibraryFileStamp.of(path), Verdict(outcome: outcome, opened: opened, cacheable: false)).map { $0 }
    }

    struct Verdict {
        let outcome: ScanOutcome
        /// The library already open in this process (an in-process scan).
        let opened: OpenLibrary?
        let cacheable: Bool
    }

    private static func scan(_ paths: [String], with scanner: PluginScanner) -> [Verdict] {
        switch scanner {
        case .inProcess:
            return paths.map { path in
                let (outcome, opened) = PluginLoader.scanInProcess(path)
                return Verdict(outcome: outcome, opened: opened, cacheable: true)
            }
        case .childProcess(let child):
            // Children run side by side (a few at a time): each mostly waits for exec and dlopen.
            let results = Locked([Verdict?](repeating: nil, count: paths.count))
            let width = max(2, min(8, ProcessInfo.processInfo.activeProcessorCount * 2))
            let next = Locked(0)
            DispatchQueue.concurrentPerform(iterations: min(width, paths.count)) { _ in
                while true {
                    let i = next.withLock { n -> Int in defer { n += 1 }; return n }
                    guard i < paths.count else { return }
                    let (outcome, cacheable) = child.scan(paths[i])
                    results.withLock { $0[i] = Verdict(outcome: outcome, opened: nil, cacheable: cacheable) }
                }
            }
            return results.withLock { $0 }.enumerated().map { i, v in
                v ?? Verdict(outcome: .rejected(SluiceError(.pluginScanOutputInvalid, ["path": paths[i], "reason": "no scan ran"])), opened: nil, cacheable: false)
            }
        }
    }

    private func register(path: String, stamp: LibraryFileStamp?, _ verdict: Verdict) -> Result<PluginLibrary, RejectedLibrary> {
        do {
            switch verdict.outcome {
            case .rejected(let error): throw error
            case .accepted(let scanned):
                let library = verdict.opened.map { PluginLibrary(path: path, scanned: scanned, stamp: stamp, opened: $0) }
                    ?? PluginLibrary(path: path, scanned: scanned, stamp: stamp)
                let entries = scanned.components.enumerated().map { index, descriptor in
                    ComponentEntry(descriptor: descriptor, factory: PluginLoader.factory(for: descriptor, PluginComponent(library: library, index: index)))
                }
                try register(entries, library: path)
                recordLoaded(library)
                return .success(library)
            }
        } catch {
            let rejected = RejectedLibrary(path: path, error: SluiceError.wrapping(error, as: .pluginOpenFailed, ["path": path]))
            recordRejected(rejected)
            return .failure(rejected)
        }
    }
}
