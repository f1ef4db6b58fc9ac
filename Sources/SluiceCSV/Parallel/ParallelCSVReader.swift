import Glibc
import SluiceCore

/// Reads a CSV file on several threads into the same ``ColumnBatch``es, in the same order, as
/// ``CSVReader``.
///
/// ```swift
/// let reader = try ParallelCSVReader(path: "lineitem.csv", columns: columns, workers: 2)
/// while let batch = try reader.nextBatch() { … }
/// ```
///
/// The file is cut into morsels of about `morselBytes`. A cut must fall at a row start, which a
/// byte offset alone cannot tell (a quoted field may hold newlines), so each cut is first a
/// guess (``CSVReader/likelyRowStart(near:)``, polars' check of the following lines' field
/// counts) and then checked: the worker of morsel i reads every row that *starts* before the
/// next cut, running past it to finish the last one, and reports where the following row
/// starts. The consumer takes results in file order and accepts morsel i + 1 only if its
/// guessed start is that offset; otherwise it parses the morsel again itself from the right
/// offset. Workers count lines from 1; the consumer adds the lines of the morsels before.
///
/// Batches are cut where the single-thread reader cuts them: a batch that spans a morsel end
/// is joined from both morsels' rows (a copy; a morsel's full batches pass through when the
/// rows before it filled whole batches). At most `2 × workers` morsels are in flight, so
/// memory stays near `2 × workers × (morsel batches)` plus each worker's read buffer.
///
/// - Throws: the errors of ``CSVReader``, with the line of the whole file, and
///   `SLUICE_E_CSV_THREAD_START_FAILED`. Batches before an error are handed out first (possibly
///   fewer than ``CSVReader`` hands out); the reader then throws the same error on every call.
public final class ParallelCSVReader {
    public let file: String
    public let columns: [CSVColumn]
    public let options: CSVOptions
    public let workers: Int
    public let morselBytes: Int

    /// 8 MiB: large enough that the per-morsel work (two cut probes, a batch joined) is noise.
    public static let defaultMorselBytes = 8 << 20
    /// The processors online (at least 1).
    public static var processorCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// The consumer's own reader: parses again a morsel whose guessed start was wrong.
    private let sequential: CSVReader
    private let window: MorselWindow
    private var threads = CSVThreads()
    private var nextMorsel = 0
    /// Where the next row really starts, and its line.
    private var expectedOffset = 0
    private var lineBase = 1
    private var pending: [ColumnBatch] = []
    private var pendingIndex = 0
    private var pendingRow = 0
    private var pendingError: (any Error)?
    private var failure: (any Error)?
    /// The batch being joined across a morsel end.
    private let joined: [ColumnAccumulator]
    private var joinedRows = 0
    /// Morsels parsed again by the consumer because their guessed start was wrong (for tests).
    private(set) var reparsedMorsels = 0
    /// Of those, the ones whose worker gave up on a row past the speculative buffer limit (for tests).
    private(set) var abandonedSpeculations = 0

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
        // Redirected rows are reported per batch by one reader; joining them across morsels is
        // not done, so the parallel reader only fails or ignores.
        guard options.raggedRows == .fail, !columns.contains(where: { $0.onError == .redirect || $0.onTruncation == .redirect }) else {
            throw SluiceError(.csvOptionsInvalid, ["file": path, "reason": "redirected rows need the single-thread reader (CSVReader)"])
        }
        // Morsels are cut by file offset: only a regular file has them (a FIFO would block here,
        // and its size says nothing). Read pipes with CSVReader.
        var kind = stat()
        if stat(path, &kind) == 0, (kind.st_mode & S_IFMT) != S_IFREG {
            throw SluiceError(.csvOptionsInvalid, ["file": path, "reason": "parallel reading needs a regular file; a pipe or FIFO is read by one reader"])
        }
        sequential = try CSVReader(path: path, columns: columns, options: options)
        file = path
        self.columns = columns
        self.options = options
        self.workers = workers
        self.morselBytes = morselBytes
        let kinds = sequential.kinds
        joined = sequential.keptColumns.map { ColumnAccumulator(columns[$0], kind: kinds[$0], capacity: options.batchRows) }
        var status = stat()
        guard fstat(sequential.fd, &status) == 0 else {
            throw SluiceError(.csvFileUnreadable, ["file": path, "reason": String(cString: strerror(errno))])
        }
        let size = max(0, Int(status.st_size))
        let count = max(1, size / morselBytes + (size % morselBytes == 0 ? 0 : 1))
        window = MorselWindow(count: count, limit: 2 * workers)
        let readers = try (0..<workers).map { _ in try CSVReader(path: path, columns: columns, options: options) }
        let speculativeLimit = min(max(options.readBufferBytes, 4 * morselBytes), CSVOptions.maximumRowBytes)
        do {
            for reader in readers {
                let worker = MorselWorker(reader: reader, window: window, morselBytes: morselBytes, growthLimit: speculativeLimit)
                try threads.start(file: path) { worker.run() }
            }
        } catch {
            window.cancel()
            threads.joinAll()
            throw error
        }
    }

    deinit {
        window.cancel()
        threads.joinAll()
    }

    /// The next batch of `options.batchRows` rows (fewer only for the last), or nil after the last row.
    public func nextBatch() throws -> ColumnBatch? {
        if let failure { throw failure }
        do {
            return try next()
        } catch {
            failure = error
            throw error
        }
    }

    private func next() throws -> ColumnBatch? {
        let batchRows = options.batchRows
        while true {
            if pendingIndex < pending.count {
                let batch = pending[pendingIndex]
                if joinedRows == 0, pendingRow == 0, batch.length == batchRows {
                    pendingIndex += 1
                    return batch
                }
                let n = min(batchRows - joinedRows, batch.length - pendingRow)
                for (k, accumulator) in joined.enumerated() {
                    try accumulator.append(batch.columns[k], rows: pendingRow..<(pendingRow + n), at: joinedRows, file: file, line: lineBase)
                }
                joinedRows += n
                pendingRow += n
                if pendingRow == batch.length {
                    pendingIndex += 1
                    pendingRow = 0
                }
                if joinedRows == batchRows { return try finishJoined() }
                continue
            }
            if let pendingError { throw pendingError }
            guard nextMorsel < window.count else { return joinedRows > 0 ? try finishJoined() : nil }
            try load(nextMorsel)
            nextMorsel += 1
        }
    }

    private func finishJoined() throws -> ColumnBatch {
        let rows = joinedRows
        joinedRows = 0
        return try ColumnBatch(zip(sequential.keptColumns, joined).map { (columns[$0].name, $1.finish(rows: rows)) })
    }

    /// Takes morsel `morsel`'s result, or parses it here when its guessed start was wrong.
    private func load(_ morsel: Int) throws {
        var result = window.take(morsel)
        if let r = result, r.start != expectedOffset || r.error is SpeculationAbandoned {
            if r.error is SpeculationAbandoned { abandonedSpeculations += 1 }
            result = nil
        }
        let checked = result ?? reparse(morsel)
        pending = checked.batches
        pendingIndex = 0
        pendingRow = 0
        if let error = checked.error { pendingError = Self.relined(error, base: lineBase) }
        if let end = checked.end { expectedOffset = end }
        lineBase += checked.lines
    }

    private func reparse(_ morsel: Int) -> MorselResult {
        reparsedMorsels += 1
        let stop = morsel + 1 < window.count ? sequential.likelyRowStart(near: (morsel + 1) * morselBytes) : Int.max
        return sequential.parseMorsel(start: expectedOffset, stop: stop, growthLimit: CSVOptions.maximumRowBytes)
    }

    /// `error` with its line counted in the whole file.
    static func relined(_ error: any Error, base: Int) -> any Error {
        guard let e = error as? SluiceError, let text = e.inserts["line"], let local = Int(text) else { return error }
        var inserts = e.inserts
        inserts["line"] = String(local + base - 1)
        return SluiceError(e.message, inserts, cause: e.cause)
    }
}

/// One worker thread: claims morsels, parses each with its own reader (and file descriptor).
private final class MorselWorker: @unchecked Sendable {
    // @unchecked Sendable: made on the consumer's thread, then used by its one thread only.
    let reader: CSVReader
    let window: MorselWindow
    let morselBytes: Int
    let growthLimit: Int

    init(reader: CSVReader, window: MorselWindow, morselBytes: Int, growthLimit: Int) {
        self.reader = reader
        self.window = window
        self.morselBytes = morselBytes
        self.growthLimit = growthLimit
    }

    func run() {
        while let morsel = window.claim() {
            let start = morsel == 0 ? 0 : reader.likelyRowStart(near: morsel * morselBytes)
            let stop = morsel + 1 < window.count ? reader.likelyRowStart(near: (morsel + 1) * morselBytes) : Int.max
            // Morsel 0 starts where the file does: no guess to check, so no limit either.
            let limit = morsel == 0 ? CSVOptions.maximumRowBytes : growthLimit
            window.deliver(morsel, reader.parseMorsel(start: start, stop: stop, growthLimit: limit))
        }
    }
}

extension CSVReader {
    /// Every batch of the rows starting in `start..<stop`, lines counted from 1.
    func parseMorsel(start: Int, stop: Int, growthLimit: Int) -> MorselResult {
        restart(at: start, stoppingAt: max(start, stop), line: 1, growthLimit: growthLimit)
        var batches: [ColumnBatch] = []
        do {
            while let batch = try nextBatch() { batches.append(batch) }
        } catch {
            return MorselResult(start: start, stop: stop, end: nil, lines: 0, batches: batches, error: error)
        }
        return MorselResult(start: start, stop: stop, end: nextRowOffset, lines: line - 1, batches: batches, error: nil)
    }
}
