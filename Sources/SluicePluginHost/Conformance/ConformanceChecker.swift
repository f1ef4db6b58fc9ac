import CSluiceABI
import Foundation
import SluiceCore
import SluiceRegistry

/// The check process of `sluice plugins check`: loads one library as the host would (so a
/// refused library is a breach under the loader's own code), then checks its components from
/// a start index on, writing ``CheckMessage`` lines as it goes.
///
/// It runs plugin code that may crash, hang or exit, so it only ever runs in a process of its
/// own; ``ConformanceSupervisor`` starts it and survives it.
public enum ConformanceChecker {
    /// What the parent asks the check process to do.
    struct Request: Codable {
        var startAt: Int
        var options: ConformanceOptions
    }

    /// Runs the checks the encoded `request` asks for on the library at `path`, writing the
    /// report lines to `output` (a descriptor the plugin's own prints do not reach).
    /// - Returns: false when `request` is not one the supervisor wrote.
    public static func runChild(path: String, request: String, output: Int32) -> Bool {
        guard let request = try? JSONDecoder().decode(Request.self, from: Data(request.utf8)) else { return false }
        let emit = { (message: CheckMessage) in write(message.encodedLine(), to: output) }
        AllocationLedger.enable()
        check(path: path, request: request, emit: emit)
        emit(.done)
        return true
    }

    static func check(path: String, request: Request, emit: @escaping (CheckMessage) -> Void) {
        emit(.step("load (dlopen, the descriptor checks, init)"))
        let registry = ComponentRegistry()
        let library: PluginLibrary
        switch registry.loadPlugin(at: path) {
        case .failure(let rejected):
            emit(.checked(count: 1))
            emit(.breach(ConformanceBreach(
                rejected.error, component: libraryComponent, step: "load", expected: "a library the host accepts",
                actual: rejected.reason)))
            return
        case .success(nil):
            return
        case .success(let loaded?):
            library = loaded
        }
        emit(.checked(count: 1))
        emit(.components(library.components.map(\.id)))
        for (index, descriptor) in library.components.enumerated() where index >= request.startAt {
            emit(.component(index: index, id: descriptor.id))
            // The loader opened and checked the library in this process: this only hands back
            // the checked definition behind the descriptor.
            guard let definition = try? PluginComponent(library: library, index: index).definition() else { return }
            let probe = ComponentProbe(definition: definition, descriptor: descriptor, options: request.options, emit: emit)
            probe.run()
            emit(.checked(count: probe.checks))
        }
    }

    /// How a breach of the library as a whole names its component.
    static let libraryComponent = "(library)"

    /// Writes all of `data`, retrying short writes; a parent that is gone ends the check anyway.
    private static func write(_ data: Data, to fd: Int32) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = Glibc.write(fd, base + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
