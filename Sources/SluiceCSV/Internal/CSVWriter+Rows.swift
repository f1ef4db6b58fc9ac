import SluiceCore

/// One column of the batch being written, as raw pointers read in the row loop.
struct ColumnView {
    var kind: FieldKind
    var values: UnsafeRawPointer
    var validity: UnsafePointer<UInt8>?
    var offsets: UnsafePointer<Int32>?
    var scale: Int

    init(_ column: Column, _ kind: FieldKind) {
        self.kind = kind
        values = UnsafeRawPointer(column.valueBuffer.bytes)
        validity = column.validityBuffer.map { UnsafePointer($0.bytes.assumingMemoryBound(to: UInt8.self)) }
        offsets = column.offsetBuffer.map { UnsafePointer($0.bytes.assumingMemoryBound(to: Int32.self)) }
        scale = column.decimalScale
    }
}

extension CSVWriter {
    /// Formats every row of `batch` (the batch is kept alive by the caller). The switch on the
    /// column's kind is a jump, not a dynamic call; each case is a specialized formatter.
    /// - Throws: ``UnwritableDate`` (a year outside 0000-9999), ``UnencodableCharacter``, or
    ///   `SLUICE_E_CSV_WRITE_FAILED`.
    /// Reads only `let`s of the writer, so workers with their own `formatters` (the date cache is
    /// written) and buffers may call it at once (``ParallelCSVWriter``).
    func formatRows(_ batch: ColumnBatch, _ out: inout OutputBuffer, formatters: ValueFormatters) throws {
        let views = zip(batch.columns, kinds).map { ColumnView($0, $1) }
        let delimiter = options.delimiter
        let crlf = options.writeCRLF
        for row in 0..<batch.length {
            for (c, view) in views.enumerated() {
                try out.reserve(64)
                if c > 0 { out.append(delimiter) }
                if let validity = view.validity, validity[row >> 3] & (1 << UInt8(row & 7)) == 0 { continue }
                switch view.kind {
                case .int8: formatters.int(Int64(view.values.load(fromByteOffset: row, as: Int8.self)), &out)
                case .int16: formatters.int(Int64(view.values.load(fromByteOffset: row &* 2, as: Int16.self)), &out)
                case .uint8: formatters.int(Int64(view.values.load(fromByteOffset: row, as: UInt8.self)), &out)
                case .uint16: formatters.int(Int64(view.values.load(fromByteOffset: row &* 2, as: UInt16.self)), &out)
                case .uint32: formatters.int(Int64(view.values.load(fromByteOffset: row &* 4, as: UInt32.self)), &out)
                case .uint64: formatters.uint(view.values.load(fromByteOffset: row &* 8, as: UInt64.self), &out)
                case .float: formatters.float(view.values.load(fromByteOffset: row &* 4, as: Float.self), &out)
                case .timestamp:
                    let micros = view.values.load(fromByteOffset: row &* 8, as: Int64.self)
                    guard formatters.timestamp(micros, &out) else { throw UnwritableDate(stored: micros, isTimestamp: true, row: row, column: c) }
                case .int32: formatters.int(Int64(view.values.load(fromByteOffset: row &* 4, as: Int32.self)), &out)
                case .int64: formatters.int(view.values.load(fromByteOffset: row &* 8, as: Int64.self), &out)
                case .double: formatters.double(view.values.load(fromByteOffset: row &* 8, as: Double.self), &out)
                case .decimal: formatters.decimal(view.values.load(fromByteOffset: row &* 16, as: Int128.self), scale: view.scale, &out)
                case .date:
                    let days = view.values.load(fromByteOffset: row &* 4, as: Int32.self)
                    guard formatters.date(days, &out) else { throw UnwritableDate(stored: Int64(days), isTimestamp: false, row: row, column: c) }
                case .bool:
                    let on = view.values.load(fromByteOffset: row >> 3, as: UInt8.self) & (1 << UInt8(row & 7)) != 0
                    if on { out.append(trueText, 4) } else { out.append(falseText, 5) }
                case .string:
                    guard let offsets = view.offsets else { continue }
                    let start = Int(offsets[row]), end = Int(offsets[row &+ 1])
                    do { try writeEncodedText(view.values.assumingMemoryBound(to: UInt8.self) + start, end - start, &out) } catch var e as UnencodableCharacter {
                        e.row = row
                        e.column = c
                        throw e
                    }
                }
            }
            try out.reserve(2)
            if crlf { out.append(13) }
            out.append(10)
        }
    }

    private var trueText: UnsafePointer<UInt8> { CSVWriter.literals }
    private var falseText: UnsafePointer<UInt8> { CSVWriter.literals + 4 }

    /// "truefalse", allocated once for the process.
    nonisolated(unsafe) static let literals: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 9)
        p.initialize(from: Array("truefalse".utf8), count: 9)
        return UnsafePointer(p)
    }()

    /// A string field in the file's code page: UTF-8 as is, else encoded first (the delimiter and
    /// qualifier are ASCII, the same byte in every code page, so quoting works on the result).
    /// - Throws: ``UnencodableCharacter`` (row and column 0) for a character the code page lacks.
    @inline(__always) func writeEncodedText(_ p: UnsafePointer<UInt8>?, _ n: Int, _ out: inout OutputBuffer) throws {
        guard let codePage, let p else { return try writeText(p, n, &out) }
        switch codePage.encode(p, n) {
        case .success(let (bytes, count)): try writeText(bytes, count, &out)
        case .failure(let e): throw e
        }
    }

    /// A string field: as is, or quoted (qualifier doubled) when it holds the delimiter, the
    /// qualifier, CR or LF, or is empty (so it differs from NULL).
    func writeText(_ p: UnsafePointer<UInt8>?, _ n: Int, _ out: inout OutputBuffer) throws {
        let delimiter = options.delimiter
        let qualifier = options.textQualifier
        var needsQuotes = n == 0
        var qualifiers = 0
        if let p {
            for i in 0..<n {
                let c = p[i]
                if c == qualifier { qualifiers += 1; needsQuotes = true }
                else if c == delimiter || c == 10 || c == 13 { needsQuotes = true }
            }
        }
        guard needsQuotes else {
            try out.reserve(n)
            if let p { out.append(p, n) }
            return
        }
        guard let qualifier else {
            if n == 0 { return }
            throw SluiceError(.csvWriteFailed, [
                "file": file, "reason": "a value holds the delimiter or a newline, and no text qualifier is set",
            ])
        }
        try out.reserve(n + qualifiers + 2)
        out.append(qualifier)
        if let p {
            if qualifiers == 0 {
                out.append(p, n)
            } else {
                for i in 0..<n {
                    if p[i] == qualifier { out.append(qualifier) }
                    out.append(p[i])
                }
            }
        }
        out.append(qualifier)
    }
}
