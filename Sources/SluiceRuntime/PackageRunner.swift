import Foundation
import SluiceCore
import SluiceRegistry

/// Validates and runs packages in this process (the runtime behind `sluice run`).
///
/// ```swift
/// let runner = PackageRunner(registry: registry)
/// let result = runner.run(package, options: RunOptions(eventSink: RecordingEventSink()))
/// print(result.result)   // Success, Failure, Completion or Canceled
/// ```
/// A run first validates the whole package (events OnPreValidate / OnPostValidate); if
/// validation fails nothing executes and the result is Failure. Then it executes, delivering
/// events to the sink and to the package's event handlers.
public struct PackageRunner: Sendable {
    public let registry: ComponentRegistry

    public init(registry: ComponentRegistry) { self.registry = registry }

    /// Validates without executing.
    public func validate(_ package: Package, options: RunOptions = RunOptions()) -> RunResult {
        let started = Date()
        do {
            if let settings = package.checkpoint {
                _ = try PreparedCheckpoint(settings, package: package, options: options, run: false)
            }
            let run = try Run(package: package, registry: registry, options: options)
            let ok = Validator(run: run).validate()
            run.pluginConnections?.finish()
            run.logRouter?.close()
            return RunResult(
                result: ok ? .success : .failure, errors: run.errors, executableResults: [:],
                variables: run.variableSnapshot(), duration: Date().timeIntervalSince(started))
        } catch {
            return failedBeforeStart(package, error, options, started)
        }
    }

    /// Validates, then executes.
    public func run(_ package: Package, options: RunOptions = RunOptions()) -> RunResult {
        let started = Date()
        let run: Run
        // The checkpoint is checked and read before anything else, and written only after validation.
        var checkpoint: PreparedCheckpoint?
        do {
            checkpoint = try package.checkpoint.map { try PreparedCheckpoint($0, package: package, options: options) }
            run = try Run(package: package, registry: registry, options: options)
        } catch {
            return failedBeforeStart(package, error, options, started)
        }
        defer {
            run.pluginConnections?.finish()  // released and destroyed on success, failure and cancel
            run.logRouter?.close()
        }
        guard Validator(run: run).validate() else {
            return RunResult(
                result: .failure, errors: run.errors, executableResults: [:], variables: run.variableSnapshot(),
                duration: Date().timeIntervalSince(started))
        }
        let validationErrors = run.errors
        run.resetErrorCounts()
        if let prepared = checkpoint {
            do {
                run.checkpoint = try CheckpointStore(prepared, run: run)
                checkpoint = nil  // the store holds what it needs of the file
            } catch {
                ExecutionContext(run: run, node: run.root).raise(error: error)
                return RunResult(
                    result: .failure, errors: validationErrors + run.errors, executableResults: [:],
                    variables: run.variableSnapshot(), duration: Date().timeIntervalSince(started))
            }
        }
        run.handlersEnabled = true
        var result = Executor(run: run).execute(run.root)
        if run.cancellation.isCanceled { result = .canceled }
        if let (kind, e) = run.checkpoint?.finish(result) {
            run.raise(RuntimeEvent(kind, source: run.root.source, code: e.code, message: e.description), at: run.root)
        }
        return RunResult(
            result: result, errors: validationErrors + run.errors, executableResults: run.results,
            variables: run.variableSnapshot(), duration: Date().timeIntervalSince(started))
    }

    /// A run that could not even be prepared (a `--param` for a parameter that does not exist, …).
    private func failedBeforeStart(_ package: Package, _ error: any Error, _ options: RunOptions, _ started: Date)
        -> RunResult
    {
        let e = error as? SluiceError ?? SluiceError(.validationFailed, ["executable": package.name, "reason": "\(error)"])
        let source = EventSource(name: package.name, id: package.id, path: ExecutableNode.rootPath, kind: .package)
        var event = RuntimeEvent(.error, source: source, error: e)
        if let secrets = options.sensitiveTexts { event.message = secrets.redact(event.message) }
        options.eventSink?.receive(event)
        return RunResult(result: .failure, errors: [event], executableResults: [:], variables: [:], duration: Date().timeIntervalSince(started))
    }
}
