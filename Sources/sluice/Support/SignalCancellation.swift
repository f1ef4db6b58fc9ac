import Foundation
import SluiceComponents
import SluiceCore
import SluiceRuntime

/// SIGINT (Ctrl-C), SIGTERM and SIGHUP all cancel a run the way Ctrl-C does: no new task
/// starts, running tasks are asked to stop (Execute Process ends its child), and the run
/// finishes as Canceled, exit code 3, with its summary, log providers closed and checkpoint kept.
///
/// A second signal, of any of the three, stops at once: the children of Execute Process tasks
/// are ended (their process groups get SIGTERM, then SIGKILL after a short grace) and the
/// process exits with code 3 without waiting for the run.
enum SignalCancellation {
    /// The signals handled, with the reason a canceled run gives.
    private static let handled: [(signal: Int32, name: String, reason: String)] = [
        (SIGINT, "Ctrl-C (SIGINT)", "interrupted (Ctrl-C)"),
        (SIGTERM, "SIGTERM", "SIGTERM received"),
        (SIGHUP, "SIGHUP", "SIGHUP received (the terminal went away)"),
    ]
    /// How long children get between SIGTERM and SIGKILL when stopping at once: short, since
    /// whoever signals twice wants out now.
    static let grace: Duration = .seconds(1)

    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    nonisolated(unsafe) private static var installed: RunCancellation?

    /// ``install(_:)`` the first time; later calls with the same cancellation change nothing
    /// (a project's packages share one).
    static func installOnce(_ cancellation: RunCancellation) {
        if let installed, installed === cancellation { return }
        installed = cancellation
        install(cancellation)
    }

    /// Routes the three signals to `cancellation`, from now until the process exits.
    private static func install(_ cancellation: RunCancellation) {
        // One serial queue: two signals arriving together are still a first and a second.
        let queue = DispatchQueue(label: "sluice.signals")
        for entry in handled {
            // The default action would end the process before the handler runs.
            signal(entry.signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: entry.signal, queue: queue)
            source.setEventHandler { received(entry.name, reason: entry.reason, cancellation) }
            source.resume()
            sources.append(source)
        }
    }

    private static func received(_ name: String, reason: String, _ cancellation: RunCancellation) {
        if cancellation.isCanceled { stopAtOnce(name) }
        cancellation.cancel(reason: reason)
        let notice = SluiceError(.runCanceled, ["reason": reason])
        Console.emit("Warning: \(notice)\nStopping after the running tasks; signal again to stop at once.\n")
    }

    private static func stopAtOnce(_ name: String) -> Never {
        let notice = SluiceError(.runStoppedAtOnce, ["signal": name, "count": String(RunningProcesses.count)])
        Console.emit("Warning: \(notice)\n")
        RunningProcesses.terminateAll(grace: grace)
        // An archive's extracted project, a child's values file (it may hold secrets): _exit runs no deinit.
        PrivateFolder.removeAll()
        // _exit, not exit: the main thread may be exiting too, and exit is not safe to race.
        // Everything printed went out unbuffered through Console.
        _exit(ExitStatus.canceled.rawValue)
    }
}
