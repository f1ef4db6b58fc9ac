import Glibc
import SluiceCore

/// A parser of one fixed-width type: generic code over it is specialized per type inside this
/// module, so the conversion loop has no dynamic dispatch per value.
protocol FixedWidthParser {
    associatedtype Value
    static var typeName: String { get }
    static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _ context: ParseContext) -> Value?
}

struct ParseContext {
    var scale: Int
    var powersOfTen: UnsafePointer<Double>
}

enum Int8Parser: FixedWidthParser {
    static let typeName = "DT_I1"
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _: ParseContext) -> Int8? {
        FieldParsers.int64(p, n).flatMap { Int8(exactly: $0) }
    }
}

enum Int16Parser: FixedWidthParser {
    static let typeName = "DT_I2"
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _: ParseContext) -> Int16? {
        FieldParsers.int64(p, n).flatMap { Int16(exactly: $0) }
    }
}

enum UInt8Parser: FixedWidthParser {
    static let typeName = "DT_UI1"
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _: ParseContext) -> UInt8? {
        FieldParsers.uint64(p, n).flatMap { UInt8(exactly: $0) }
    }
}

enum UInt16Parser: FixedWidthParser {
    static let typeName = "DT_UI2"
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _: ParseContext) -> UInt16? {
        FieldParsers.uint64(p, n).flatMap { UInt16(exactly: $0) }
    }
}

enum UInt32Parser: FixedWidthParser {
    static let typeName = "DT_UI4"
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _: ParseContext) -> UInt32? {
        FieldParsers.uint64(p, n).flatMap { UInt32(exactly: $0) }
    }
}

enum UInt64Parser: FixedWidthParser {
    static let typeName = "DT_UI8"
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _: ParseContext) -> UInt64? { FieldParsers.uint64(p, n) }
}

enum FloatParser: FixedWidthParser {
    static let typeName = "DT_R4"
    /// Through the correctly rounded Double; a value past Float's range is refused, not infinity.
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _ c: ParseContext) -> Float? {
        guard let d = FieldParsers.double(p, n, c.powersOfTen) else { return nil }
        let f = Float(d)
        return f.isFinite || !d.isFinite ? f : nil
    }
}

enum TimestampParser: FixedWidthParser {
    static let typeName = "timestamp (YYYY-MM-DD hh:mm:ss[.fffffff])"
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _: ParseContext) -> Int64? { FieldParsers.timestamp(p, n) }
}

enum Int32Parser: FixedWidthParser {
    static let typeName = "DT_I4"
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _: ParseContext) -> Int32? {
        FieldParsers.int64(p, n).flatMap { Int32(exactly: $0) }
    }
}

enum Int64Parser: FixedWidthParser {
    static let typeName = "DT_I8"
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _: ParseContext) -> Int64? { FieldParsers.int64(p, n) }
}

enum DoubleParser: FixedWidthParser {
    static let typeName = "DT_R8"
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _ c: ParseContext) -> Double? {
        FieldParsers.double(p, n, c.powersOfTen)
    }
}

enum DecimalParser: FixedWidthParser {
    static let typeName = "decimal"
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _ c: ParseContext) -> Int128? {
        FieldParsers.decimal(p, n, scale: c.scale)
    }
}

enum DateParser: FixedWidthParser {
    static let typeName = "DT_DBDATE (YYYY-MM-DD)"
    @inline(__always) static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _: ParseContext) -> Int32? { FieldParsers.date(p, n) }
}

extension CSVReader {
    /// Converts column `k` of the `rows` rows on the tape into batch rows `into…`.
    func convert(column k: Int, rows: Int, into first: Int, chunkStart: Int) throws {
        let accumulator = accumulators[k]
        let context = ParseContext(scale: accumulator.column.effectiveScale, powersOfTen: powersOfTen)
        switch accumulator.kind {
        case .int8: try convertFixed(Int8Parser.self, k, rows, first, chunkStart, context)
        case .int16: try convertFixed(Int16Parser.self, k, rows, first, chunkStart, context)
        case .uint8: try convertFixed(UInt8Parser.self, k, rows, first, chunkStart, context)
        case .uint16: try convertFixed(UInt16Parser.self, k, rows, first, chunkStart, context)
        case .uint32: try convertFixed(UInt32Parser.self, k, rows, first, chunkStart, context)
        case .uint64: try convertFixed(UInt64Parser.self, k, rows, first, chunkStart, context)
        case .float: try convertFixed(FloatParser.self, k, rows, first, chunkStart, context)
        case .timestamp: try convertFixed(TimestampParser.self, k, rows, first, chunkStart, context)
        case .int32: try convertFixed(Int32Parser.self, k, rows, first, chunkStart, context)
        case .int64: try convertFixed(Int64Parser.self, k, rows, first, chunkStart, context)
        case .double: try convertFixed(DoubleParser.self, k, rows, first, chunkStart, context)
        case .decimal: try convertFixed(DecimalParser.self, k, rows, first, chunkStart, context)
        case .date: try convertFixed(DateParser.self, k, rows, first, chunkStart, context)
        case .bool: try convertBool(k, rows, first, chunkStart)
        case .string: try convertString(k, rows, first, chunkStart)
        }
    }

    private func convertFixed<P: FixedWidthParser>(
        _: P.Type, _ k: Int, _ rows: Int, _ first: Int, _ chunkStart: Int, _ context: ParseContext
    ) throws {
        let accumulator = accumulators[k]
        let values = accumulator.values.bytes.bindMemory(to: P.Value.self, capacity: accumulator.capacity)
        let validity = accumulator.validity.bytes.assumingMemoryBound(to: UInt8.self)
        let base = UnsafePointer(buffer), scratch = self.scratch
        let starts = fieldStarts, ends = fieldEnds
        let stride = columns.count
        let qualifier = options.textQualifier
        for r in 0..<rows {
            let start = Int(starts[r &* stride &+ k]), end = Int(ends[r &* stride &+ k])
            var p = base + start
            var n = end - start
            if n == 0 { continue }  // NULL: the validity bit stays clear
            if p[0] == qualifier {
                guard let unquoted = Self.unquote(p, n, p[0], into: scratch) else {
                    try reject(k, first &+ r, r, .csvStrayQuote, accumulator.column.onError) { strayQuote(k, start, chunkStart) }
                    continue
                }
                if unquoted == 0 { continue }
                p = UnsafePointer(scratch)
                n = unquoted
            }
            guard let value = P.parse(p, n, context) else {
                try reject(k, first &+ r, r, .csvValueInvalid, accumulator.column.onError) { invalidValue(k, P.typeName, p, n, start, chunkStart) }
                continue
            }
            let row = first &+ r
            values[row] = value
            validity[row >> 3] |= 1 << UInt8(row & 7)
        }
    }

    private func convertBool(_ k: Int, _ rows: Int, _ first: Int, _ chunkStart: Int) throws {
        let accumulator = accumulators[k]
        let bits = accumulator.values.bytes.assumingMemoryBound(to: UInt8.self)
        let validity = accumulator.validity.bytes.assumingMemoryBound(to: UInt8.self)
        let base = UnsafePointer(buffer), scratch = self.scratch
        let qualifier = options.textQualifier
        for r in 0..<rows {
            let start = Int(fieldStarts[r &* columns.count &+ k]), end = Int(fieldEnds[r &* columns.count &+ k])
            var p = base + start
            var n = end - start
            if n == 0 { continue }
            if p[0] == qualifier {
                guard let unquoted = Self.unquote(p, n, p[0], into: scratch) else {
                    try reject(k, first &+ r, r, .csvStrayQuote, accumulator.column.onError) { strayQuote(k, start, chunkStart) }
                    continue
                }
                if unquoted == 0 { continue }
                p = UnsafePointer(scratch)
                n = unquoted
            }
            guard let value = FieldParsers.bool(p, n) else {
                try reject(k, first &+ r, r, .csvValueInvalid, accumulator.column.onError) { invalidValue(k, "DT_BOOL", p, n, start, chunkStart) }
                continue
            }
            let row = first &+ r
            if value { bits[row >> 3] |= 1 << UInt8(row & 7) }
            validity[row >> 3] |= 1 << UInt8(row & 7)
        }
    }

    private func convertString(_ k: Int, _ rows: Int, _ first: Int, _ chunkStart: Int) throws {
        let accumulator = accumulators[k]
        guard let offsetBuffer = accumulator.offsets else { return }
        let offsets = offsetBuffer.bytes.assumingMemoryBound(to: Int32.self)
        let validity = accumulator.validity.bytes.assumingMemoryBound(to: UInt8.self)
        let base = UnsafePointer(buffer)
        let stride = columns.count
        let qualifier = options.textQualifier
        let emptyIsNull = options.emptyStringIsNull
        let limit = accumulator.column.length ?? Int.max
        let onError = accumulator.column.onError, onTruncation = accumulator.column.onTruncation
        var used = accumulator.dataUsed
        var data = accumulator.values.bytes.assumingMemoryBound(to: UInt8.self)
        var room = accumulator.values.byteCount
        for r in 0..<rows {
            let start = Int(fieldStarts[r &* stride &+ k]), end = Int(fieldEnds[r &* stride &+ k])
            let p = base + start
            let n = end - start
            let row = first &+ r
            defer { offsets[row &+ 1] = Int32(truncatingIfNeeded: used) }
            if n == 0, emptyIsNull { continue }
            if used &+ n > room {
                guard used + n <= Int(Int32.max) else {
                    throw SluiceError(.csvRowTooLong, ["file": file, "line": String(lineOf(offset: start, chunkStart: chunkStart)), "limit": "2147483647 (string bytes of one batch; lower batchRows)"])
                }
                accumulator.dataUsed = used
                accumulator.reserveData(n)
                data = accumulator.values.bytes.assumingMemoryBound(to: UInt8.self)
                room = accumulator.values.byteCount
            }
            var length = n
            if n > 0, p[0] == qualifier {
                guard let unquoted = Self.unquote(p, n, p[0], into: data + used) else {
                    try reject(k, row, r, .csvStrayQuote, onError) { strayQuote(k, start, chunkStart) }
                    continue
                }
                length = unquoted
            } else {
                if let qualifier, FieldParsers.contains(p, n, qualifier) {
                    try reject(k, row, r, .csvStrayQuote, onError) { strayQuote(k, start, chunkStart) }
                    continue
                }
                (data + used).update(from: p, count: n)
            }
            guard FieldParsers.isValidUTF8(data + used, length) else {
                try reject(k, row, r, .csvInvalidUTF8, onError) {
                    SluiceError(.csvInvalidUTF8, ["file": file, "line": String(lineOf(offset: start, chunkStart: chunkStart)), "column": columns[k].name])
                }
                continue
            }
            // More bytes than the length allows characters: count the characters (slow path).
            if length > limit {
                let characters = FieldParsers.characterCount(data + used, length)
                if characters > limit {
                    if onTruncation == .ignore {
                        length = FieldParsers.prefixBytes(data + used, length, characters: limit)
                    } else {
                        try reject(k, row, r, .csvValueTruncated, onTruncation) {
                            SluiceError(.csvValueTruncated, [
                                "file": file, "line": String(lineOf(offset: start, chunkStart: chunkStart)), "column": columns[k].name,
                                "count": String(characters), "length": String(limit),
                            ])
                        }
                        continue
                    }
                }
            }
            used &+= length
            validity[row >> 3] |= 1 << UInt8(row & 7)
        }
        accumulator.dataUsed = used
    }

    /// The text of a quoted field (`p[0]` is the qualifier) into `out`: the qualifiers around
    /// it dropped, doubled ones made single. nil when the field does not end at its closing
    /// qualifier or holds a lone one.
    @inline(__always) static func unquote(_ p: UnsafePointer<UInt8>, _ n: Int, _ q: UInt8, into out: UnsafeMutablePointer<UInt8>) -> Int? {
        guard n >= 2, p[n - 1] == q else { return nil }
        var i = 1, o = 0
        let last = n - 1
        while i < last {
            let c = p[i]
            if c == q {
                guard i + 1 < last, p[i + 1] == q else { return nil }
                i += 1
            }
            out[o] = c
            o += 1
            i += 1
        }
        return o
    }

    private func strayQuote(_ k: Int, _ offset: Int, _ chunkStart: Int) -> SluiceError {
        SluiceError(.csvStrayQuote, ["file": file, "line": String(lineOf(offset: offset, chunkStart: chunkStart)), "column": columns[k].name])
    }

    private func invalidValue(_ k: Int, _ type: String, _ p: UnsafePointer<UInt8>, _ n: Int, _ offset: Int, _ chunkStart: Int) -> SluiceError {
        let shown = String(decoding: UnsafeBufferPointer(start: p, count: min(n, 80)), as: UTF8.self)
        let typeName = accumulators[k].kind == .decimal ? "\(columns[k].dataType.rawValue) (scale \(columns[k].effectiveScale))" : type
        return SluiceError(.csvValueInvalid, [
            "file": file, "line": String(lineOf(offset: offset, chunkStart: chunkStart)), "column": columns[k].name,
            "value": shown, "type": typeName,
        ])
    }
}
