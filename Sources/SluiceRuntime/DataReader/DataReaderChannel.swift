import Foundation
import SluiceCore

/// Carries the batches of one DataReader output from the engine worker that runs the
/// destination to an async reader: at most `capacity` batches wait; past them the destination
/// waits (back-pressure). The reader waits on a continuation, never on a thread.
///
/// The run's end (``finish(_:)``) ends the sequence after the buffered batches: nil on success,
/// the run's error otherwise. A reader that stops (cancel, `break`) detaches: later rows are
/// discarded and `stopRun` cancels the run.
final class DataReaderChannel: DataReaderConsumer, @unchecked Sendable {
    // @unchecked Sendable: every `var` is touched only under `condition`'s lock.
    let name: String
    private let capacity: Int
    private let timeout: Duration?
    private let failRunOnTimeout: Bool
    private let stopRun: @Sendable (String) -> Void
    private let condition = NSCondition()

    private var buffered: [ColumnBatch] = []
    private var waiter: Waiter?
    private var waiterSerial = 0
    /// Set when the run has ended: `.success` or the run's error.
    private var ending: Result<Void, any Error>?
    /// The reader stopped or timed out (without failing the run): rows are discarded.
    private var readerGone = false
    /// A timeout that fails the run: the destination throws it.
    private var failure: (any Error)?
    private var claimed = false
    private(set) var columns: [DataReaderColumn]?
    /// The most batches ever buffered at once (a test checks it never passes the capacity).
    private var peak = 0

    private struct Waiter {
        let serial: Int
        let continuation: CheckedContinuation<ColumnBatch?, any Error>
        let timer: Task<Void, Never>?
    }

    init(name: String, options: DataReaderReadOptions, stopRun: @escaping @Sendable (String) -> Void) {
        self.name = name
        capacity = options.bufferedBatches
        timeout = options.timeout
        failRunOnTimeout = options.onTimeout == .failRun
        self.stopRun = stopRun
    }

    var peakBuffered: Int { condition.withLock { peak } }

    /// Marks the output as read; false when it already was (an output has one reader).
    func claim() -> Bool {
        condition.withLock {
            defer { claimed = true }
            return !claimed
        }
    }

    // MARK: - The destination's side (an engine worker)

    func begin(_ columns: [DataReaderColumn]) throws {
        condition.withLock { self.columns = columns }
    }

    func receive(_ batch: ColumnBatch, isCanceled: () -> Bool) throws {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let failure { throw failure }
            if readerGone { return }
            if let w = waiter {  // the reader is waiting, so nothing is buffered: hand it over
                waiter = nil
                w.timer?.cancel()
                w.continuation.resume(returning: batch)
                return
            }
            if buffered.count < capacity {
                buffered.append(batch)
                peak = max(peak, buffered.count)
                return
            }
            if isCanceled() { return }
            // Timed, so a canceled run is noticed even if the reader never comes back.
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
        }
    }

    func endOfRows() throws {
        if let failure = condition.withLock({ failure }) { throw failure }
    }

    // MARK: - The run's end

    func finish(_ ending: Result<Void, any Error>) {
        condition.lock()
        self.ending = ending
        let w = waiter
        waiter = nil
        condition.broadcast()
        condition.unlock()
        guard let w else { return }
        w.timer?.cancel()
        switch ending {
        case .success: w.continuation.resume(returning: nil)
        case .failure(let error): w.continuation.resume(throwing: error)
        }
    }

    // MARK: - The reader's side

    /// The next batch; nil at the end (or once the reader stopped).
    /// - Throws: the run's error after the last batch; `SLUICE_E_DATAREADER_TIMEOUT`.
    func next() async throws -> ColumnBatch? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<ColumnBatch?, any Error>) in
                condition.lock()
                if !buffered.isEmpty {
                    let batch = buffered.removeFirst()
                    condition.broadcast()
                    condition.unlock()
                    c.resume(returning: batch)
                    return
                }
                if readerGone || ending != nil {
                    let gone = readerGone, ending = self.ending
                    condition.unlock()
                    if !gone, case .failure(let error) = ending { c.resume(throwing: error) } else { c.resume(returning: nil) }
                    return
                }
                waiterSerial += 1
                let serial = waiterSerial
                let timer = timeout.map { timeout in
                    Task { [weak self] in
                        try? await Task.sleep(for: timeout)
                        if !Task.isCancelled { self?.timeOut(serial, after: timeout) }
                    }
                }
                waiter = Waiter(serial: serial, continuation: c, timer: timer)
                condition.unlock()
            }
        } onCancel: {
            stopReading()
        }
    }

    /// The reader will not read again (canceled, or left its loop): discard, and cancel the run.
    func stopReading() {
        condition.lock()
        let stopsRun = !readerGone && failure == nil && ending == nil
        readerGone = true
        buffered.removeAll()
        let w = waiter
        waiter = nil
        condition.broadcast()
        condition.unlock()
        w?.timer?.cancel()
        w?.continuation.resume(returning: nil)
        if stopsRun { stopRun("the reader of output \"\(name)\" stopped reading") }
    }

    private func timeOut(_ serial: Int, after timeout: Duration) {
        condition.lock()
        guard let w = waiter, w.serial == serial else {
            condition.unlock()
            return
        }
        waiter = nil
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let error = SluiceError(.dataReaderTimeout, ["name": name, "seconds": "\(seconds)"])
        if failRunOnTimeout { failure = error } else { readerGone = true }
        condition.broadcast()
        condition.unlock()
        w.continuation.resume(throwing: error)
    }
}
