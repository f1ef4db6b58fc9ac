import Glibc
import SluiceCore

/// Writes ``ColumnBatch``es as CSV, formatting on several threads: the same bytes as
/// ``CSVWriter`` (which it drives: same temporary file, renamed into place by ``finish()``).
///
/// ```swift
/// let writer = try ParallelCSVWriter(path: "out.csv", columns: columns, workers: 2)
/// while let batch = try reader.nextBatch() { try writer.write(batch) }
/// try writer.finish()
/// ```
///
/// Batches are gathered into morsels of about `morselBytes` of output (estimated at 8 bytes a
/// field); each worker formats a whole morsel into its own buffer and writes it when its turn
/// comes (morsel numbers in order, under one lock), as dataflow-limits.md rule 12 measured.
/// ``write(_:)`` waits while `2 × workers` morsels are in flight, so memory stays bounded.
///
/// - Throws: the errors of ``CSVWriter``. A formatting or write error surfaces at a later
///   ``write(_:)`` or at ``finish()``; the temporary file is then removed.
public final class ParallelCSVWriter {
    public var file: String { writer.file }
    public var temporaryPath: String { writer.temporaryPath }
    public let workers: Int
    public let morselBytes: Int

    private let writer: CSVWriter
    private let shared: FormatQueue
    private var threads = CSVThreads()
    private var gathering: [ColumnBatch] = []
    private var gatheredFields = 0
    private var submitted = 0
    /// Rows in the morsels submitted so far (where the next morsel's first row is, for errors).
    private var rowsSubmitted = 0
    private var rowsGathered = 0
    private var closed = false

    public init(
        path: String, columns: [CSVColumn], options: CSVOptions = CSVOptions(),
        workers: Int = ParallelCSVReader.processorCount, morselBytes: Int = ParallelCSVReader.defaultMorselBytes
    ) throws {
        guard (1...256).contains(workers) else {
            throw SluiceError(.csvOptionsInvalid, ["file": path, "reason": "workers must be 1...256"])
        }
        guard (1...(1 << 30)).contains(morselBytes) else {
            throw SluiceError(.csvOptionsInvalid, ["file": path, "reason": "morselBytes must be 1 B...1 GiB"])
        }
        // A code page's encoder has one scratch buffer, and transcoded offsets are not file
        // offsets: other code pages go through the single-thread reader and writer.
        guard options.codePage == CSVCodePages.utf8 else {
            throw SluiceError(.csvOptionsInvalid, ["file": path, "reason": "parallel reading and writing take UTF-8 (code page 65001) only"])
        }
        writer = try CSVWriter(path: path, columns: columns, options: options)
        self.workers = workers
        self.morselBytes = morselBytes
        shared = FormatQueue(limit: 2 * workers)
        do {
            for _ in 0..<workers {
                let worker = FormatWorker(writer: writer, queue: shared, bufferBytes: morselBytes)
                try threads.start(file: path) { worker.run() }
            }
        } catch {
            stopWorkers()
            writer.abandon()
            throw error
        }
    }

    deinit {
        stopWorkers()
        writer.abandon()
    }

    /// Queues the rows of `batch` (its columns in the declared order and types).
    public func write(_ batch: ColumnBatch) throws {
        guard !closed else { throw SluiceError(.csvWriteFailed, ["file": file, "reason": "the writer is closed"]) }
        try writer.checkShape(batch)
        gathering.append(batch)
        rowsGathered += batch.length
        gatheredFields += batch.length * batch.columns.count
        if gatheredFields * 8 >= morselBytes { try submit() }
    }

    /// Formats and writes the rest, then syncs and renames the temporary file over `file`.
    public func finish() throws {
        guard !closed else { throw SluiceError(.csvWriteFailed, ["file": file, "reason": "the writer is closed"]) }
        closed = true
        do {
            if !gathering.isEmpty { try submit() }
            try shared.waitUntilWritten(submitted)
        } catch {
            stopWorkers()
            writer.abandon()
            throw error
        }
        stopWorkers()
        try writer.finish()
    }

    /// Stops and removes the temporary file; the target is untouched.
    public func abandon() {
        closed = true
        stopWorkers()
        writer.abandon()
    }

    private func submit() throws {
        let morsel = gathering
        let firstRow = rowsSubmitted
        rowsSubmitted += rowsGathered
        gathering = []
        gatheredFields = 0
        rowsGathered = 0
        do {
            try shared.submit(FormatJob(number: submitted, firstRow: firstRow, batches: morsel))
        } catch {
            abandon()
            throw error
        }
        submitted += 1
    }

    private func stopWorkers() {
        shared.close()
        threads.joinAll()
    }
}

struct FormatJob: Sendable {
    var number: Int
    /// The data row (0-based) of the first batch's first row.
    var firstRow: Int
    var batches: [ColumnBatch]
}

/// The morsels waiting to be formatted, whose turn it is to write, and the first error.
final class FormatQueue: @unchecked Sendable {
    // @unchecked Sendable: every var below is read and written only under `lock`.
    private let lock = ConditionLock()
    private let limit: Int
    private var jobs: [FormatJob] = []
    private var written = 0
    private var submitted = 0
    /// Rows in the morsels submitted so far (where the next morsel's first row is, for errors).
    private var rowsSubmitted = 0
    private var rowsGathered = 0
    private var closed = false
    private(set) var failure: (any Error)?

    init(limit: Int) { self.limit = limit }

    /// Queues `job`, waiting while `limit` morsels are in flight; throws the first error.
    func submit(_ job: FormatJob) throws {
        try lock.withLock {
            lock.wait { failure != nil || submitted - written < limit }
            if let failure { throw failure }
            jobs.append(job)
            submitted += 1
            lock.broadcast()
        }
    }

    /// The next morsel to format; nil once closed (or failed).
    func take() -> FormatJob? {
        lock.withLock {
            lock.wait { closed || failure != nil || !jobs.isEmpty }
            guard !closed, failure == nil else { return nil }
            // Removed at once: a taken job's batches must not stay referenced (at most `limit` queued).
            return jobs.removeFirst()
        }
    }

    /// Waits until morsel `number` may be written; false when another morsel failed.
    func waitForTurn(_ number: Int) -> Bool {
        lock.withLock {
            lock.wait { failure != nil || written == number }
            return failure == nil
        }
    }

    func wrote() {
        lock.withLock {
            written += 1
            lock.broadcast()
        }
    }

    func fail(_ error: any Error) {
        lock.withLock {
            if failure == nil { failure = error }
            lock.broadcast()
        }
    }

    /// Waits until `count` morsels are written; throws the first error.
    func waitUntilWritten(_ count: Int) throws {
        try lock.withLock {
            lock.wait { failure != nil || written >= count }
            if let failure { throw failure }
        }
    }

    func close() {
        lock.withLock {
            closed = true
            lock.broadcast()
        }
    }
}

/// One formatting thread with its own output buffer and formatters (their date cache is written).
private final class FormatWorker: @unchecked Sendable {
    // @unchecked Sendable: used by its one thread only. The writer is shared: formatting reads
    // only its `let`s, and `writeFormatted` is called only by the worker whose turn it is.
    let writer: CSVWriter
    let queue: FormatQueue
    let bufferBytes: Int

    init(writer: CSVWriter, queue: FormatQueue, bufferBytes: Int) {
        self.writer = writer
        self.queue = queue
        self.bufferBytes = bufferBytes
    }

    func run() {
        let formatters = ValueFormatters()
        var out = OutputBuffer(fd: -1, file: writer.file, capacity: max(4096, bufferBytes + bufferBytes / 4))
        defer {
            out.deallocate()
            formatters.deallocate()
        }
        while let job = queue.take() {
            out.count = 0
            do {
                var firstRow = job.firstRow
                for batch in job.batches {
                    do {
                        try withExtendedLifetime(batch) { try writer.formatRows(batch, &out, formatters: formatters) }
                    } catch let e as UnwritableDate {
                        throw writer.outOfRange(e, firstRow: firstRow)
                    }
                    firstRow += batch.length
                }
            } catch {
                queue.fail(error)
                return
            }
            guard queue.waitForTurn(job.number) else { return }
            do {
                try writer.writeFormatted(out.bytes, out.count)
            } catch {
                queue.fail(error)
                return
            }
            queue.wrote()
        }
    }
}
