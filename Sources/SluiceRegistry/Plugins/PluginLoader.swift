import CSluiceABI
import Foundation
import SluiceCore

/// Finds, checks and registers plugin libraries.
///
/// Each library is opened with `RTLD_NOW | RTLD_LOCAL` (unresolved symbols fail at load, and
/// plugins cannot interpose on each other), its descriptor is checked in full, then `init` runs,
/// then all its components register at once. A library that fails any step is recorded in
/// ``ComponentRegistry/rejectedLibraries`` with its reason and error code; nothing is unloaded.
extension ComponentRegistry {
    /// What a scan found.
    public struct LoadReport: Sendable {
        public var loaded: [String] = []
        public var rejected: [RejectedLibrary] = []
        /// Directories that did not exist or could not be read (warnings, not errors).
        public var missingDirectories: [String] = []
    }

    /// Loads every `*.so` in `directories`, in order.
    @discardableResult
    public func loadPlugins(from directories: [String]) -> LoadReport {
        var report = LoadReport()
        for dir in directories {
            guard let paths = PluginSearchPath.libraries(in: dir) else {
                report.missingDirectories.append(dir)
                continue
            }
            for path in paths {
                switch loadPlugin(at: path) {
                case .success(nil): continue
                case .success(let library?): report.loaded.append(library.path)
                case .failure(let rejected): report.rejected.append(rejected)
                }
            }
        }
        return report
    }

    /// Loads one library. Returns nil when this registry already saw the path.
    public func loadPlugin(at rawPath: String) -> Result<PluginLibrary?, RejectedLibrary> {
        let path = URL(fileURLWithPath: rawPath).resolvingSymlinksInPath().path
        guard claim(path: path) else { return .success(nil) }
        PluginLoader.serialized.lock()
        defer { PluginLoader.serialized.unlock() }
        do {
            let (handle, descriptor) = try PluginLoader.open(path)
            let checked = try DescriptorChecker.check(descriptor, path: path)
            let library = PluginLibrary(path: path, handle: handle, descriptor: checked.library)
            try PluginLoader.initialize(library)
            let entries = zip(checked.descriptors, checked.definitions).map { descriptor, def in
                ComponentEntry(descriptor: descriptor, factory: PluginLoader.factory(for: descriptor, def, library))
            }
            try register(entries, library: path)
            recordLoaded(library)
            return .success(library)
        } catch {
            let rejected = RejectedLibrary(path: path, error: SluiceError.wrapping(error, as: .pluginOpenFailed, ["path": path]))
            recordRejected(rejected)
            return .failure(rejected)
        }
    }
}

enum PluginLoader {
    /// Loading is serialized: plugin `init` functions never run concurrently.
    static let serialized = NSLock()

    /// Opens the library and reads its descriptor's version; nothing else of it is trusted yet.
    static func open(_ path: String) throws -> (UnsafeMutableRawPointer, UnsafePointer<sluice_plugin_descriptor>) {
        _ = dlerror()
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw SluiceError(.pluginOpenFailed, ["path": path, "reason": reason])
        }
        guard let symbol = dlsym(handle, HostABI.entrySymbol) else {
            throw SluiceError(.pluginEntryMissing, ["path": path, "symbol": HostABI.entrySymbol])
        }
        let entry = unsafeBitCast(symbol, to: sluice_plugin_entry_fn.self)
        guard let descriptor = entry() else {
            throw SluiceError(.pluginDescriptorInvalid, ["path": path, "reason": "\(HostABI.entrySymbol) returned NULL"])
        }
        // Read the version before any other field: the first three members never move.
        try DescriptorChecker.checkVersion(descriptor, path: path)
        return (handle, descriptor)
    }

    static func initialize(_ library: PluginLibrary) throws {
        guard let initialize = library.descriptor.`init` else { return }
        let error = ErrorBuffer()
        let status = initialize(HostServices.table, error.pointer)
        guard status == SLUICE_OK else {
            throw error.failure(.pluginInitFailed, ["path": library.path, "reason": error.message(orStatus: status)])
        }
    }

    static func factory(
        for descriptor: ComponentDescriptor, _ def: CheckedDefinition, _ library: PluginLibrary
    ) -> ComponentFactory {
        let component = PluginComponent(library: library, definition: def)
        switch descriptor.kind {
        case .task:
            return .task { properties in try PluginTask(component: component, descriptor: descriptor, properties: properties) }
        default:
            return .plugin(component)
        }
    }
}
