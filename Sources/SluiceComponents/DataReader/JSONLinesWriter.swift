import Foundation
import SluiceCore

/// Writes a DataReader output as JSON Lines: one object a row, keys the column names in order.
///
/// Values: numbers as JSON numbers (decimals with every digit of their scale, reals in their
/// shortest round-trip form, NaN and infinities as null), booleans, strings escaped, dates
/// `YYYY-MM-DD`, timestamps `YYYY-MM-DDTHH:MM:SS.ffffff` (UTC for DT_DBTIMESTAMPOFFSET, with a
/// `Z`), times `HH:MM:SS.ffffff`, GUIDs as text, bytes in base64; NULL as null.
///
/// A convenience for tools that read JSON; each value is formatted, so it is slower than
/// `arrow` and `csv` for large outputs.
public final class JSONLinesWriter: DataReaderConsumer, @unchecked Sendable {
    // @unchecked Sendable: called by one worker at a time, then `finish` after the run (`lock`).
    private let output: DescriptorOutput
    private let lock = NSLock()
    private var keys: [[UInt8]] = []

    public init(fileDescriptor fd: Int32, name: String) {
        output = DescriptorOutput(fd: fd, name: name, format: "jsonl")
    }

    public func begin(_ columns: [DataReaderColumn]) throws {
        lock.withLock {
            keys = columns.map { c in
                var key: [UInt8] = []
                JSONLinesWriter.appendString(c.name.utf8, to: &key)
                key.append(UInt8(ascii: ":"))
                return key
            }
        }
    }

    public func receive(_ batch: ColumnBatch, isCanceled: () -> Bool) throws {
        try lock.withLock {
            var text: [UInt8] = []
            text.reserveCapacity(batch.length * 64)
            let keys = batch.columns.count == self.keys.count ? self.keys : batch.names.map { name in
                var key: [UInt8] = []
                JSONLinesWriter.appendString(name.utf8, to: &key)
                key.append(UInt8(ascii: ":"))
                return key
            }
            for row in 0..<batch.length {
                text.append(UInt8(ascii: "{"))
                for (c, column) in batch.columns.enumerated() {
                    if c > 0 { text.append(UInt8(ascii: ",")) }
                    text.append(contentsOf: keys[c])
                    JSONLinesWriter.appendValue(column, row, to: &text)
                }
                text.append(contentsOf: [UInt8(ascii: "}"), 10])
                if text.count >= 1 << 20 {
                    try output.write(text)
                    text.removeAll(keepingCapacity: true)
                }
            }
            try output.write(text)
        }
    }

    public func endOfRows() throws {}

    /// Writes out what is buffered. Call once, after the run.
    public func finish() throws {
        try lock.withLock { try output.flush() }
    }

    // MARK: - Values

    static func appendValue(_ column: Column, _ row: Int, to text: inout [UInt8]) {
        guard column.isValid(row) else { return text.append(contentsOf: "null".utf8) }
        let p = UnsafeRawPointer(column.valueBuffer.bytes)
        func load<T>(_: T.Type) -> T { p.load(fromByteOffset: row * MemoryLayout<T>.stride, as: T.self) }
        switch column.dataType {
        case .bool: text.append(contentsOf: (column.bool(at: row) ? "true" : "false").utf8)
        case .i1: text.append(contentsOf: String(load(Int8.self)).utf8)
        case .i2: text.append(contentsOf: String(load(Int16.self)).utf8)
        case .i4: text.append(contentsOf: String(load(Int32.self)).utf8)
        case .i8: text.append(contentsOf: String(load(Int64.self)).utf8)
        case .ui1: text.append(contentsOf: String(load(UInt8.self)).utf8)
        case .ui2: text.append(contentsOf: String(load(UInt16.self)).utf8)
        case .ui4: text.append(contentsOf: String(load(UInt32.self)).utf8)
        case .ui8: text.append(contentsOf: String(load(UInt64.self)).utf8)
        case .r4: appendReal(Double(load(Float.self)), load(Float.self).description, to: &text)
        case .r8: appendReal(load(Double.self), load(Double.self).description, to: &text)
        case .currency, .decimal, .numeric: text.append(contentsOf: decimalText(load(Int128.self), scale: column.decimalScale).utf8)
        case .str, .wstr, .text, .ntext: appendString(column.bytes(at: row), to: &text)
        case .bytes, .image: appendString(Data(column.bytes(at: row)).base64EncodedString().utf8, to: &text)
        case .guid: appendString(UUID(uuid: load(uuid_t.self)).uuidString.utf8, to: &text)
        case .dbDate: appendString(CivilTime.date(days: Int64(load(Int32.self))).utf8, to: &text)
        case .dbTime, .dbTime2: appendString(CivilTime.time(micros: load(Int64.self)).utf8, to: &text)
        case .date, .dbTimestamp, .dbTimestamp2, .fileTime: appendString(CivilTime.timestamp(micros: load(Int64.self)).utf8, to: &text)
        case .dbTimestampOffset: appendString((CivilTime.timestamp(micros: load(Int64.self)) + "Z").utf8, to: &text)
        case .object: text.append(contentsOf: "null".utf8)
        }
    }

    private static func appendReal(_ v: Double, _ shortest: String, to text: inout [UInt8]) {
        guard v.isFinite else { return text.append(contentsOf: "null".utf8) }
        text.append(contentsOf: shortest.utf8)
    }

    /// `-12.50` for -1250 at scale 2: every digit of the scale.
    static func decimalText(_ v: Int128, scale: Int) -> String {
        let digits = String(v.magnitude)
        guard scale > 0 else { return v < 0 ? "-" + digits : digits }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -scale)
        return (v < 0 ? "-" : "") + padded[..<cut] + "." + padded[cut...]
    }

    /// A JSON string: quotes, backslashes and control characters escaped; other bytes (UTF-8) as they are.
    static func appendString<S: Sequence<UInt8>>(_ bytes: S, to text: inout [UInt8]) {
        text.append(UInt8(ascii: "\""))
        for b in bytes {
            switch b {
            case UInt8(ascii: "\""): text.append(contentsOf: [92, UInt8(ascii: "\"")])
            case 92: text.append(contentsOf: [92, 92])
            case 10: text.append(contentsOf: [92, UInt8(ascii: "n")])
            case 13: text.append(contentsOf: [92, UInt8(ascii: "r")])
            case 9: text.append(contentsOf: [92, UInt8(ascii: "t")])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                text.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: text.append(b)
            }
        }
        text.append(UInt8(ascii: "\""))
    }
}

/// Days and microseconds since 1970-01-01 as civil (proleptic Gregorian) text.
enum CivilTime {
    static func date(days: Int64) -> String {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    static func time(micros: Int64) -> String {
        let t = ((micros % 86_400_000_000) + 86_400_000_000) % 86_400_000_000
        let s = t / 1_000_000
        return pad(s / 3600, 2) + ":" + pad(s / 60 % 60, 2) + ":" + pad(s % 60, 2) + "." + pad(t % 1_000_000, 6)
    }

    static func timestamp(micros: Int64) -> String {
        let (q, r) = micros.quotientAndRemainder(dividingBy: 86_400_000_000)
        let days = r < 0 ? q - 1 : q
        return date(days: days) + "T" + time(micros: micros)
    }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v.magnitude)
        return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
