import SluiceCore

/// A redirected failure found while converting a chunk: the row's place in the batch and on the
/// tape, the message code and the 1-based column.
struct PendingFailure {
    var batchRow: Int
    var tapeRow: Int
    var code: Int32
    var column: Int
}

extension CSVReader {
    /// A value of column `k` failed: throws `error()` (``CSVRowAction/fail``), records the row for
    /// the error output (``CSVRowAction/redirect``) or lets it go on NULL (``CSVRowAction/ignore``).
    /// Only the failure path calls it, so the happy path of the conversion loops stays a loop.
    @inline(never)
    func reject(_ k: Int, _ batchRow: Int, _ tapeRow: Int, _ message: SluiceMessage, _ action: CSVRowAction, _ error: () -> SluiceError) throws {
        switch action {
        case .fail: throw error()
        case .ignore: return
        case .redirect: pendingFailures.append(PendingFailure(batchRow: batchRow, tapeRow: tapeRow, code: message.code, column: k + 1))
        }
    }

    /// Turns the chunk's redirected failures into ``rejectedRows``: one per row, reporting its
    /// first failing column, with its line and raw text. One pass over the chunk for the lines.
    func collectRejected(chunkStart: Int) {
        guard !pendingFailures.isEmpty else { return }
        pendingFailures.sort { ($0.tapeRow, $0.column) < ($1.tapeRow, $1.column) }
        let stride = columns.count
        var lineAt = line, scanned = chunkStart
        var previous = -1
        for f in pendingFailures where f.tapeRow != previous {
            previous = f.tapeRow
            let start = Int(fieldStarts[f.tapeRow &* stride]), end = Int(fieldEnds[f.tapeRow &* stride &+ stride &- 1])
            while scanned < start {
                if buffer[scanned] == UInt8(ascii: "\n") { lineAt += 1 }
                scanned += 1
            }
            let text = rawText(start, end)
            rejectedTextBytes += text.utf8.count
            rejectedRows.append(CSVRejectedRow(line: lineAt, batchRow: f.batchRow, code: f.code, column: f.column, text: text))
        }
        pendingFailures.removeAll(keepingCapacity: true)
    }

    /// Records a ragged row for the error output (its fields never reached the tape); true when
    /// the rejected text has reached ``rejectedTextLimit`` (the batch ends after this row).
    func rejectRagged(start: Int, end: Int, line: Int) -> Bool {
        let text = rawText(start, end)
        rejectedTextBytes += text.utf8.count
        rejectedRows.append(CSVRejectedRow(line: line, batchRow: nil, code: SluiceMessage.csvRaggedRow.code, column: 0, text: text))
        return rejectedTextBytes >= rejectedTextLimit
    }

    private func rawText(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: buffer + start, count: max(0, end - start)), as: UTF8.self)
    }
}

extension FieldParsers {
    /// Characters (code points) of valid UTF-8: the bytes that do not continue a character.
    static func characterCount(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var count = 0
        for i in 0..<n where p[i] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// The bytes of the first `characters` characters of valid UTF-8.
    static func prefixBytes(_ p: UnsafePointer<UInt8>, _ n: Int, characters: Int) -> Int {
        var seen = 0
        for i in 0..<n where p[i] & 0xC0 != 0x80 {
            if seen == characters { return i }
            seen += 1
        }
        return n
    }
}
