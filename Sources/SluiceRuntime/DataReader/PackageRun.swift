import Foundation
import SluiceCore

extension PackageRunner {
    /// Starts a run on a thread of its own and returns at once, with the rows reaching the
    /// DataReader destinations named `outputs` readable as they come (docs/package-output.md).
    ///
    /// ```swift
    /// let run = try runner.start(package, reading: ["Orders"])
    /// for try await batch in try run.batches("Orders") { total += batch.length }
    /// let result = await run.result()
    /// ```
    /// Read every output you name: a destination whose reader is behind waits for it. Leaving a
    /// loop early (or canceling the reading task) cancels the run.
    /// - Throws: `SLUICE_E_DATAREADER_OUTPUT_UNKNOWN` when the package has no such output
    ///   (nothing runs).
    public func start(
        _ package: Package, options: RunOptions = RunOptions(), reading outputs: [String],
        readOptions: DataReaderReadOptions = DataReaderReadOptions()
    ) throws -> PackageRun {
        try DataReaderDestinations.requireOutputs(outputs, in: package)
        let run = PackageRun(package: package.name, outputs: outputs, options: options, readOptions: readOptions)
        var withReaders = options
        withReaders.dataReaders = DataReaderOutputs(run.channels)
        let runOptions = withReaders
        let runner = self
        let thread = Thread {
            run.finish(runner.run(package, options: runOptions))
        }
        thread.name = "sluice-run"
        thread.start()
        return run
    }
}

/// A package run started by ``PackageRunner/start(_:options:reading:readOptions:)``: its outputs
/// as async sequences, its result when it ends.
public final class PackageRun: @unchecked Sendable {
    // @unchecked Sendable: `ended` and `waiting` are touched only under `lock`.
    public let packageName: String
    let channels: [String: DataReaderChannel]
    private let cancellation: RunCancellation
    private let lock = NSLock()
    private var ended: RunResult?
    private var waiting: [CheckedContinuation<RunResult, Never>] = []

    init(package: String, outputs: [String], options: RunOptions, readOptions: DataReaderReadOptions) {
        packageName = package
        let cancellation = options.cancellation
        self.cancellation = cancellation
        var channels: [String: DataReaderChannel] = [:]
        for name in outputs {
            channels[name] = DataReaderChannel(name: name, options: readOptions) { reason in cancellation.cancel(reason: reason) }
        }
        self.channels = channels
    }

    /// The record batches reaching output `name`, in order. An output has one reader.
    /// - Throws: `SLUICE_E_DATAREADER_OUTPUT_UNKNOWN` (not among the outputs started with),
    ///   `SLUICE_E_DATAREADER_OUTPUT_TWICE`.
    public func batches(_ name: String) throws -> DataReaderBatches {
        guard let channel = channels[name] else {
            throw SluiceError(.dataReaderOutputUnknown, ["name": name, "known": channels.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")])
        }
        guard channel.claim() else { throw SluiceError(.dataReaderOutputTwice, ["name": name]) }
        return DataReaderBatches(channel: channel)
    }

    /// The rows reaching output `name`, one by one (a convenience over ``batches(_:)``).
    public func rows(_ name: String) throws -> DataReaderRows {
        DataReaderRows(batches: try batches(name))
    }

    /// Asks the run to stop; it ends as Canceled.
    public func cancel() { cancellation.cancel(reason: "canceled by the caller") }

    /// Waits for the run to end.
    public func result() async -> RunResult {
        await withCheckedContinuation { (c: CheckedContinuation<RunResult, Never>) in
            lock.lock()
            if let ended {
                lock.unlock()
                c.resume(returning: ended)
            } else {
                waiting.append(c)
                lock.unlock()
            }
        }
    }

    /// The most batches any output held for its reader at once (bounded by `bufferedBatches`).
    public var peakBufferedBatches: Int { channels.values.map(\.peakBuffered).max() ?? 0 }

    /// Called on the run's thread when the run has ended: ends every output, wakes the waiters.
    fileprivate func finish(_ result: RunResult) {
        let ok = result.result == .success || result.result == .completion
        let reason = result.errors.first?.message ?? "no error was reported"
        for channel in channels.values {
            let inserts = ["package": packageName, "result": result.result.rawValue, "name": channel.name, "reason": reason]
            channel.finish(ok ? .success(()) : .failure(SluiceError(.dataReaderRunFailed, inserts)))
        }
        let toResume: [CheckedContinuation<RunResult, Never>] = lock.withLock {
            ended = result
            defer { waiting = [] }
            return waiting
        }
        for c in toResume { c.resume(returning: result) }
    }
}
