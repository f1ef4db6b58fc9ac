import Glibc
import SluiceCore
import CSluiceCSV

/// Reads a CSV file into ``ColumnBatch``es of declared, typed columns.
///
/// ```swift
/// let reader = try CSVReader(path: "orders.csv", columns: [CSVColumn("id", .i4), CSVColumn("note", .wstr)])
/// while let batch = try reader.nextBatch() { … }
/// ```
///
/// How it goes fast (docs/dataflow-limits.md §2): `read()` into one reused buffer; fields are
/// found 64 bytes at a time from bitmasks (the C kernel), quoted regions masked by a prefix-XOR
/// of the qualifier mask; every complete row of the buffer goes onto a tape of field bounds;
/// then each column is converted in one loop of its own type straight from the bytes into the
/// batch's raw buffers. Rows are handed out in file order.
///
/// - Throws: coded errors naming the file, the line and the column: `SLUICE_E_CSV_FILE_NOT_FOUND`,
///   `…_RAGGED_ROW`, `…_VALUE_INVALID`, `…_UNTERMINATED_QUOTE`, `…_INVALID_UTF8`, `…_STRAY_QUOTE`,
///   `…_ROW_TOO_LONG`, `…_OPTIONS_INVALID`.
public final class CSVReader {
    public let file: String
    public let columns: [CSVColumn]
    public let options: CSVOptions

    let kinds: [FieldKind]
    let fd: Int32
    /// A regular file (read with pread at any offset); a pipe or FIFO is read in order.
    let seekable: Bool
    /// The read buffer: `capacity` bytes plus 128 of padding the 64-byte kernel may overread.
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Unquoted copies of quoted non-string fields (as large as the buffer).
    private(set) var scratch: UnsafeMutablePointer<UInt8>
    private(set) var filled = 0
    /// Where the next row starts.
    private(set) var position = 0
    private var atEOF = false
    private var startedFile = false
    private var headerPending: Bool
    /// The line number (1-based) of the row at `position`.
    private(set) var line = 1
    /// The file offset of `buffer[0]`, and of the next byte to read.
    private(set) var bufferOffset = 0
    private var readOffset = 0
    /// No row starting at or after this file offset is read (a morsel's end; see ``ParallelCSVReader``).
    private(set) var stopOffset = Int.max
    /// The buffer never grows past this; a speculative morsel gives up instead (see ``grow()``).
    private var growthLimit = CSVOptions.maximumRowBytes
    /// The field bounds of the rows being converted, `batchRows × columns` each.
    let fieldStarts: UnsafeMutablePointer<Int32>
    let fieldEnds: UnsafeMutablePointer<Int32>
    let accumulators: [ColumnAccumulator]
    /// The columns converted into batches, in file order: every column not skipped, or the first
    /// when all are (a batch without columns would have no rows to count).
    let keptColumns: [Int]
    let powersOfTen: UnsafeMutablePointer<Double>
    /// The rows taken out of the batch ``nextBatch()`` last returned (``CSVRowAction/redirect``),
    /// in file order: what a Flat File source sends to its error output.
    public internal(set) var rejectedRows: [CSVRejectedRow] = []
    /// A batch ends once its rejected rows' text reaches this many bytes: with every chunk in a
    /// buffer of at most ``CSVOptions/maximumRowBytes``, the error output's text column stays
    /// under its 2 GiB of int32 offsets. Lowered by tests.
    var rejectedTextLimit = CSVReader.defaultRejectedTextLimit
    static let defaultRejectedTextLimit = 1 << 30
    /// The UTF-8 bytes of ``rejectedRows``' text.
    var rejectedTextBytes = 0
    /// The current chunk's redirected failures, until ``collectRejected(chunkStart:)``.
    var pendingFailures: [PendingFailure] = []
    /// A single-byte code page's table (nil for UTF-8) and the raw bytes read before transcoding.
    let codePage: SingleByteCodePage?
    private let rawBuffer: UnsafeMutablePointer<UInt8>
    private let rawCapacity: Int

    public init(path: String, columns: [CSVColumn], options: CSVOptions = CSVOptions()) throws {
        try options.validate(file: path)
        kinds = try columns.kinds(file: path)
        codePage = try SingleByteCodePage.make(options.codePage, file: path)
        file = path
        self.columns = columns
        self.options = options
        rawCapacity = codePage == nil ? 0 : max(1, options.readBufferBytes / 3)
        rawBuffer = .allocate(capacity: rawCapacity)
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            rawBuffer.deallocate()
            if code == ENOENT { throw SluiceError(.csvFileNotFound, ["file": path]) }
            throw SluiceError(.csvFileUnreadable, ["file": path, "reason": String(cString: strerror(code))])
        }
        var status = stat()
        seekable = fstat(fd, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        capacity = options.readBufferBytes
        buffer = .allocate(capacity: capacity + 128)
        buffer.initialize(repeating: 0, count: capacity + 128)
        scratch = .allocate(capacity: capacity + 128)
        headerPending = options.hasHeaderRow
        let tape = options.batchRows * columns.count
        fieldStarts = .allocate(capacity: tape)
        fieldEnds = .allocate(capacity: tape)
        accumulators = zip(columns, kinds).map { ColumnAccumulator($0, kind: $1, capacity: options.batchRows) }
        keptColumns = Self.keptColumns(columns)
        powersOfTen = .allocate(capacity: FieldParsers.exactPowersOfTen.count)
        powersOfTen.initialize(from: FieldParsers.exactPowersOfTen, count: FieldParsers.exactPowersOfTen.count)
    }

    deinit {
        close(fd)
        rawBuffer.deallocate()
        buffer.deallocate()
        scratch.deallocate()
        fieldStarts.deallocate()
        fieldEnds.deallocate()
        powersOfTen.deallocate()
    }

    /// The next batch of at most `options.batchRows` rows, or nil after the last row. With
    /// redirected rows (``rejectedRows``) a batch may hold no rows at all, and ends early once
    /// their text reaches ``rejectedTextLimit``.
    public func nextBatch() throws -> ColumnBatch? {
        rejectedRows.removeAll(keepingCapacity: true)
        rejectedTextBytes = 0
        var rows = 0
        // Rejected rows count toward the batch too, so a file of bad rows is handed out in bounded
        // steps (of rows, and of their text).
        while rows + rejectedRows.count < options.batchRows, rejectedTextBytes < rejectedTextLimit {
            if bufferOffset &+ position >= stopOffset { break }
            if position >= filled {
                if atEOF { break }
                try refill()
                continue
            }
            if headerPending {
                let header = try split(maxRows: 1, storing: false, rowLimit: Int.max)
                guard header.rows == 1 else {
                    if header.next > position { advance(header) } else { try needMoreInput() }
                    continue
                }
                headerPending = false
                advance(header)
                continue
            }
            let chunk = try split(maxRows: options.batchRows - rows - rejectedRows.count, storing: true, rowLimit: stopOffset &- bufferOffset)
            guard chunk.rows > 0 else {
                if chunk.next > position { advance(chunk) } else { try needMoreInput() }
                continue
            }
            for k in keptColumns { try convert(column: k, rows: chunk.rows, into: rows, chunkStart: position) }
            collectRejected(chunkStart: position)
            rows += chunk.rows
            advance(chunk)
        }
        guard rows > 0 || !rejectedRows.isEmpty else { return nil }
        if rejectedRows.count > 1, rejectedRows.contains(where: { $0.batchRow == nil }) { rejectedRows.sort { $0.line < $1.line } }
        return try ColumnBatch(keptColumns.map { (columns[$0].name, accumulators[$0].finish(rows: rows)) })
    }

    static func keptColumns(_ columns: [CSVColumn]) -> [Int] {
        let kept = columns.indices.filter { !columns[$0].isSkipped }
        return kept.isEmpty && !columns.isEmpty ? [0] : kept
    }

    private func advance(_ result: SplitResult) {
        position = result.next
        line += result.lines
    }

    /// No complete row is left in the buffer: read more, or fail on an unterminated quote.
    private func needMoreInput() throws {
        if atEOF { throw SluiceError(.csvUnterminatedQuote, ["file": file, "line": String(line)]) }
        try refill()
    }

    /// Moves the partial row to the start of the buffer and reads more after it; at the end of
    /// the file, ends a last row that has no newline.
    private func refill() throws {
        let carried = filled - position
        if position > 0 {
            buffer.update(from: buffer + position, count: carried)
            bufferOffset += position
            position = 0
            filled = carried
        }
        // A single-byte code page's byte becomes up to 3 bytes of UTF-8.
        let expansion = codePage == nil ? 1 : 3
        if capacity - filled < expansion { try grow() }
        while true {
            // A pipe or FIFO cannot pread (ESPIPE): it is read in order, which is all a reader
            // that never restarts needs (the parallel reader takes regular files only).
            let target = codePage == nil ? buffer + filled : rawBuffer
            let room = codePage == nil ? capacity - filled : min(rawCapacity, (capacity - filled) / 3)
            let n = seekable ? pread(fd, target, room, off_t(readOffset)) : read(fd, target, room)
            if n < 0 {
                if errno == EINTR { continue }
                throw SluiceError(.csvFileUnreadable, ["file": file, "reason": String(cString: strerror(errno))])
            }
            if n == 0 {
                atEOF = true
                if filled > 0, buffer[filled - 1] != UInt8(ascii: "\n") {
                    buffer[filled] = UInt8(ascii: "\n")  // the padding has room for it
                    filled += 1
                }
            }
            // The file offset counts raw bytes; with a code page the buffer holds their UTF-8
            // (so buffer offsets are not file offsets: the parallel reader refuses code pages).
            readOffset += n
            filled += codePage.map { $0.decode(rawBuffer, n, into: buffer + filled) } ?? n
            break
        }
        if !startedFile {
            startedFile = true
            if codePage == nil, filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        }
    }

    /// A row fills the whole buffer: double it, up to ``CSVOptions/maximumRowBytes``.
    private func grow() throws {
        if capacity >= growthLimit, growthLimit < CSVOptions.maximumRowBytes { throw SpeculationAbandoned() }
        guard capacity < CSVOptions.maximumRowBytes else {
            throw SluiceError(.csvRowTooLong, ["file": file, "line": String(line), "limit": String(CSVOptions.maximumRowBytes)])
        }
        let bigger = min(capacity * 2, CSVOptions.maximumRowBytes)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger + 128)
        grown.initialize(repeating: 0, count: bigger + 128)
        grown.update(from: buffer, count: filled)
        buffer.deallocate()
        buffer = grown
        scratch.deallocate()
        scratch = .allocate(capacity: bigger + 128)
        capacity = bigger
    }

    /// Starts over at file offset `offset` (a line start) as line `line`, reading the rows that
    /// start before `stopOffset`: one morsel of ``ParallelCSVReader``. At offset 0 the byte order
    /// mark and the header row are handled as by a fresh reader. A `growthLimit` below
    /// ``CSVOptions/maximumRowBytes`` makes a longer row throw ``SpeculationAbandoned``.
    func restart(at offset: Int, stoppingAt stopOffset: Int, line: Int, growthLimit: Int = CSVOptions.maximumRowBytes) {
        bufferOffset = offset
        readOffset = offset
        self.stopOffset = stopOffset
        self.line = line
        self.growthLimit = growthLimit
        position = 0
        filled = 0
        atEOF = false
        startedFile = offset != 0
        headerPending = offset == 0 && options.hasHeaderRow
    }

    /// The file offset where the next row starts (after a morsel: the start of its successor).
    var nextRowOffset: Int { bufferOffset + position }

    /// The line of the byte at `offset` of the buffer, counting from the row at `position`
    /// (the slow path of an error message).
    func lineOf(offset: Int, chunkStart: Int) -> Int {
        var n = line
        for i in chunkStart..<offset where buffer[i] == UInt8(ascii: "\n") { n += 1 }
        return n
    }
}
