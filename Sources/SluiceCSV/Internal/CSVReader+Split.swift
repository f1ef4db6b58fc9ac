import CSluiceCSV
import SluiceCore

/// What one pass of the splitter found.
struct SplitResult {
    /// Complete rows put on the tape.
    var rows: Int
    /// Where the first row not consumed starts.
    var next: Int
    /// Newline bytes consumed (rows, newlines inside quotes, skipped empty lines).
    var lines: Int
}

extension CSVReader {
    /// Finds up to `maxRows` complete rows from `position`: the field bounds of each go onto the
    /// tape (`storing`), a row with another field count is refused. Empty lines are skipped.
    /// A row is complete at a newline outside quotes; the rest waits for more input.
    ///
    /// 64 bytes at a time: the kernel gives bitmasks of delimiters, newlines and qualifiers; the
    /// inclusive prefix-XOR of the qualifier mask is 1 inside quotes (carried across blocks),
    /// which masks out delimiters and newlines there; the field ends left are visited with
    /// `trailingZeroBitCount`.
    /// It also stops after the row (or empty line) that ends at or past `rowLimit`: no row
    /// starting there belongs to this morsel.
    func split(maxRows: Int, storing: Bool, rowLimit: Int) throws -> SplitResult {
        let base = UnsafePointer(buffer)
        let starts = fieldStarts, ends = fieldEnds
        let end = filled
        let columnCount = columns.count
        let delimiter = options.delimiter
        let qualifier = options.textQualifier ?? 0
        let hasQualifier = options.textQualifier != nil
        var block = position
        var insideQuote: UInt64 = 0
        var rows = 0, field = 0, tape = 0
        var fieldStart = position, rowStart = position
        var linesBeforeBlock = 0, linesAtRowStart = 0
        // A ragged row with `raggedRows == .redirect`: its fields are skipped, not stored, and the
        // tape goes back to where the row began.
        let redirectRagged = options.raggedRows == .redirect
        var skipping = false
        var rowTape = 0, raggedRows = 0
        var rejectedTextFull = false
        while block < end {
            let masks = sluice_csv_block_masks(base + block, delimiter, qualifier)
            let valid: UInt64 = end - block >= 64 ? ~0 : (1 << UInt64(end - block)) &- 1
            var quoted = hasQualifier ? masks.quote & valid : 0
            quoted ^= quoted << 1
            quoted ^= quoted << 2
            quoted ^= quoted << 4
            quoted ^= quoted << 8
            quoted ^= quoted << 16
            quoted ^= quoted << 32
            quoted ^= insideQuote
            insideQuote = quoted >> 63 == 0 ? 0 : ~0
            let newlines = masks.newline & valid
            var stops = (masks.delimiter | masks.newline) & ~quoted & valid
            while stops != 0 {
                let bit = stops.trailingZeroBitCount
                stops &= stops &- 1
                let at = block + bit
                guard newlines >> UInt64(bit) & 1 != 0 else {
                    if storing, !skipping {
                        guard field < columnCount - 1 else {
                            guard redirectRagged else { throw ragged(rowStart: rowStart, lines: linesAtRowStart) }
                            skipping = true
                            tape = rowTape
                            field += 1
                            fieldStart = at + 1
                            continue
                        }
                        starts[tape] = Int32(truncatingIfNeeded: fieldStart)
                        ends[tape] = Int32(truncatingIfNeeded: at)
                        tape += 1
                    }
                    field += 1
                    fieldStart = at + 1
                    continue
                }
                var fieldEnd = at
                if fieldEnd > fieldStart, base[fieldEnd - 1] == 13 { fieldEnd -= 1 }  // CRLF
                let linesHere = linesBeforeBlock + (newlines & (~0 >> UInt64(63 - bit))).nonzeroBitCount
                if field == 0, fieldEnd == fieldStart {
                    // An empty line is not a row.
                } else if storing, skipping || field != columnCount - 1 {
                    guard redirectRagged else { throw ragged(rowStart: rowStart, lines: linesAtRowStart) }
                    tape = rowTape
                    rejectedTextFull = rejectRagged(start: rowStart, end: fieldEnd, line: line + linesAtRowStart)
                    raggedRows += 1
                } else {
                    if storing {
                        starts[tape] = Int32(truncatingIfNeeded: fieldStart)
                        ends[tape] = Int32(truncatingIfNeeded: fieldEnd)
                        tape += 1
                    }
                    rows += 1
                }
                skipping = false
                rowTape = tape
                field = 0
                fieldStart = at + 1
                rowStart = at + 1
                linesAtRowStart = linesHere
                if rows &+ raggedRows >= maxRows || rowStart >= rowLimit || rejectedTextFull {
                    return SplitResult(rows: rows, next: rowStart, lines: linesAtRowStart)
                }
            }
            linesBeforeBlock += newlines.nonzeroBitCount
            block += 64
        }
        return SplitResult(rows: rows, next: rowStart, lines: linesAtRowStart)
    }

    /// The error for a row whose field count differs; counts its fields the slow way.
    private func ragged(rowStart: Int, lines: Int) -> SluiceError {
        var count = 1
        var inside = false
        var i = rowStart
        let qualifier = options.textQualifier
        while i < filled, inside || buffer[i] != UInt8(ascii: "\n") {
            if buffer[i] == qualifier { inside.toggle() } else if !inside, buffer[i] == options.delimiter { count += 1 }
            i += 1
        }
        return SluiceError(.csvRaggedRow, [
            "file": file, "line": String(line + lines), "count": String(count), "expected": String(columns.count),
        ])
    }
}
