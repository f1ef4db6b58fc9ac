import Foundation
import SluiceCore

/// The parent side of `sluice plugins check`: runs ``ConformanceChecker`` in a child process
/// (the `sluice` binary again, in its check mode) and turns what the child says, and how it
/// ends, into a ``ConformanceReport``.
///
/// A child that crashes, exits or hangs inside a plugin call is a breach of the component it
/// was checking, in the step it last announced; a new child then resumes at the next
/// component. Each child starts past the last one's component, so there are at most as many
/// children as components, plus one.
public enum ConformanceSupervisor {
    /// Checks the library at `path`.
    /// - Parameters:
    ///   - executable: the program to start as the check process (`sluice`).
    ///   - childArguments: its arguments, given the request it must pass to
    ///     ``ConformanceChecker/runChild(path:request:output:)``.
    public static func check(
        path: String, options: ConformanceOptions, executable: URL, childArguments: (String) -> [String]
    ) -> ConformanceReport {
        var report = ConformanceReport(path: path)
        var startAt = 0
        while true {
            var progress = Progress()
            let request = ConformanceChecker.Request(startAt: startAt, options: options)
            let encoded = String(decoding: (try? JSONEncoder().encode(request)) ?? Data(), as: UTF8.self)
            let ending: CheckProcess.Ending
            do {
                ending = try CheckProcess.run(executable, childArguments(encoded), stepTimeout: options.stepTimeout) { message in
                    progress.take(message, into: &report)
                }
            } catch {
                report.breaches.append(ConformanceBreach(
                    SluiceError(.checkProcessFailed, ["path": path, "reason": "\(error)"]), component: ConformanceChecker.libraryComponent,
                    step: "start the check process", expected: "a check process", actual: "\(error)"))
                return report
            }
            if progress.done, ending == .exited(0) { return report }
            report.checks += 1
            report.breaches.append(breach(for: ending, progress: progress, options: options))
            // Resume after the component that broke the process; nothing to resume before one.
            // Strictly forward, whatever the child said: at most one child per component.
            guard let current = progress.componentIndex, current >= startAt, current + 1 < report.components.count else {
                return report
            }
            startAt = current + 1
        }
    }

    /// What one child reported about where it was.
    private struct Progress {
        var componentIndex: Int?
        var component = ConformanceChecker.libraryComponent
        var step = "start"
        var done = false

        mutating func take(_ message: CheckMessage, into report: inout ConformanceReport) {
            switch message {
            case .components(let ids): report.components = ids
            case .component(let index, let id):
                componentIndex = index
                component = id
            case .step(let name): step = name
            case .breach(let breach): report.breaches.append(breach)
            case .note(let note): report.notes.append(note)
            case .checked(let count): report.checks += count
            case .done: done = true
            }
        }
    }

    private static func breach(for ending: CheckProcess.Ending, progress: Progress, options: ConformanceOptions) -> ConformanceBreach {
        let returns = "the call to return"
        switch ending {
        case .signaled(let signal):
            return ConformanceBreach(
                .checkCrashed, component: progress.component, step: progress.step, expected: returns, actual: "signal \(signal) (\(SignalName.of(signal)))")
        case .timedOut:
            return ConformanceBreach(
                .checkTimedOut, component: progress.component, step: progress.step,
                expected: "an answer within \(options.stepTimeout) s (--timeout)", actual: "none, so the check process was killed")
        case .exited(let status):
            return ConformanceBreach(
                .checkExited, component: progress.component, step: progress.step,
                expected: "\(returns) (never exit, abort or longjmp across the boundary)", actual: "exit status \(status)")
        }
    }
}

/// `signal 11 (SIGSEGV)`.
