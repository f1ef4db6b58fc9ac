import Foundation
import SluiceComponents
import SluiceCore
import SluiceRegistry
import SluiceRuntime

/// The invariants of loading a package from untrusted bytes, checked by the libFuzzer harness
/// (Fuzz/PackageFuzzer, run by `scripts/fuzz.sh packages`) and by the replay of the inputs it
/// keeps (``PackageFuzzRegressionTests``). The fuzz script compiles this file into the harness,
/// so it uses no test framework.
///
/// - `PackageFile.decode` loads the bytes or throws a `SluiceError` with a package-file message
///   (1xxxx) whose inserts are all present; no other error escapes, nothing traps.
/// - A package that loads saves, its text loads again into an equal package (but for sensitive
///   parameter values, which are never saved), and that saves to the same bytes.
/// - The runtime validates it (the built-in components, no plugins) without trapping. Log
///   providers write into a scratch directory, removed afterwards, never where the input says.
enum PackageFuzzCheck {
    /// The broken invariants for `bytes`; empty when all hold.
    static func check(_ bytes: [UInt8]) -> [String] {
        let package: Package
        do {
            package = try PackageFile.decode(bytes)
        } catch {
            return problems(of: error, "decode")
        }
        let text = PackageFile.encode(package)
        let reloaded: Package
        do {
            reloaded = try PackageFile.decode(Array(text.utf8))
        } catch {
            return ["the saved package does not load: \(error)\nsaved:\n\(text)"]
        }
        var failures: [String] = []
        if withoutSensitiveValues(package) != reloaded { failures.append("the saved package loads as a different package\nsaved:\n\(text)") }
        let again = PackageFile.encode(reloaded)
        if again != text { failures.append("saving the reloaded package gives other bytes\nfirst:\n\(text)\nsecond:\n\(again)") }
        validate(package)
        return failures
    }

    /// The problems with an error `stage` threw: it must be a package-file SluiceError with
    /// every insert its template names.
    static func problems(of error: any Error, _ stage: String) -> [String] {
        guard let e = error as? SluiceError else { return ["\(stage) threw \(type(of: error)): \(error)"] }
        guard (10_000..<20_000).contains(e.code) else { return ["\(stage) threw \(e.name) (\(e.code)), not a package-file message"] }
        return e.message.insertNames.filter { e.inserts[$0] == nil }.map { "\(stage): \(e.name) lacks the insert {\($0)}" }
    }

    private static func withoutSensitiveValues(_ package: Package) -> Package {
        var p = package
        for i in p.parameters.indices where p.parameters[i].sensitive { p.parameters[i].value = .null }
        return p
    }

    private static let registry = BuiltInComponents.makeRegistry(pluginDirectories: []).0
    private static let scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("sluice-package-fuzz-\(ProcessInfo.processInfo.processIdentifier)")

    private static func validate(_ package: Package) {
        var p = package
        for i in p.logProviders.indices { p.logProviders[i].path = scratch.appendingPathComponent("log-\(i)").path }
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        _ = PackageRunner(registry: registry).validate(p, options: RunOptions(eventSink: ClosureEventSink { _ in }))
    }
}
