import Foundation
import SluiceCore

/// Encodes batches as COPY's text format: one line per row, tab between fields, `\N` for NULL,
/// backslash escapes in strings, bytea as `\\x` hex. Column by column kinds are worked out once;
/// the row loop is a switch over them.
struct CopyTextEncoder {
    enum Kind {
        case signed(Int), unsigned(Int), float, double, bool, decimal, date, timestamp, string, bytes
    }

    let kinds: [Kind]

    /// - Throws: the name and type of a column COPY text cannot carry.
    init(types: [DataType]) throws(UnsupportedType) {
        kinds = try types.map { t throws(UnsupportedType) -> Kind in
            switch t {
            case .i1: .signed(1)
            case .i2: .signed(2)
            case .i4: .signed(4)
            case .i8: .signed(8)
            case .ui1: .unsigned(1)
            case .ui2: .unsigned(2)
            case .ui4: .unsigned(4)
            case .ui8: .unsigned(8)
            case .r4: .float
            case .r8: .double
            case .bool: .bool
            case .currency, .decimal, .numeric: .decimal
            case .dbDate: .date
            case .date, .dbTimestamp, .dbTimestamp2: .timestamp
            case .str, .wstr, .text, .ntext: .string
            case .bytes, .image: .bytes
            default: throw UnsupportedType(type: t)
            }
        }
    }

    struct UnsupportedType: Error { let type: DataType }

    /// The rows of `columns` (all of one length, in the COPY's column order) as COPY text.
    func encode(_ columns: [Column]) -> [UInt8] {
        let rows = columns.first?.length ?? 0
        var out: [UInt8] = []
        out.reserveCapacity(rows * columns.count * 12)
        for row in 0..<rows {
            for (c, column) in columns.enumerated() {
                if c > 0 { out.append(9) }
                guard column.isValid(row) else {
                    out.append(contentsOf: [92, 78])  // \N
                    continue
                }
                append(kinds[c], column, row, &out)
            }
            out.append(10)
        }
        return out
    }

    private func append(_ kind: Kind, _ column: Column, _ row: Int, _ out: inout [UInt8]) {
        switch kind {
        case .signed(let width):
            let v: Int64 =
                switch width {
                case 1: Int64(column.values(as: Int8.self)[row])
                case 2: Int64(column.values(as: Int16.self)[row])
                case 4: Int64(column.values(as: Int32.self)[row])
                default: column.values(as: Int64.self)[row]
                }
            out.append(contentsOf: String(v).utf8)
        case .unsigned(let width):
            let v: UInt64 =
                switch width {
                case 1: UInt64(column.values(as: UInt8.self)[row])
                case 2: UInt64(column.values(as: UInt16.self)[row])
                case 4: UInt64(column.values(as: UInt32.self)[row])
                default: column.values(as: UInt64.self)[row]
                }
            out.append(contentsOf: String(v).utf8)
        case .float: appendReal(Double(column.values(as: Float.self)[row]), float: column.values(as: Float.self)[row].description, &out)
        case .double: appendReal(column.values(as: Double.self)[row], float: nil, &out)
        case .bool: out.append(column.bool(at: row) ? 116 : 102)  // t / f
        case .decimal:
            let v = column.valueBuffer.bytes.loadUnaligned(fromByteOffset: row * 16, as: Int128.self)
            Self.appendDecimal(v, scale: column.decimalScale, &out)
        case .date: Self.appendDate(days: Int64(column.values(as: Int32.self)[row]), &out)
        case .timestamp:
            let micros = column.values(as: Int64.self)[row]
            let (days, inDay) = Self.floorDivide(micros, 86_400_000_000)
            Self.appendDate(days: days, suffix: false, &out)
            out.append(32)
            let seconds = inDay / 1_000_000
            Self.pad(seconds / 3600, 2, &out)
            out.append(58)
            Self.pad(seconds / 60 % 60, 2, &out)
            out.append(58)
            Self.pad(seconds % 60, 2, &out)
            out.append(46)
            Self.pad(inDay % 1_000_000, 6, &out)
            if days < Self.daysBeforeYear1 { out.append(contentsOf: " BC".utf8) }
        case .string:
            for byte in column.bytes(at: row) {
                switch byte {
                case 92: out.append(contentsOf: [92, 92])
                case 9: out.append(contentsOf: [92, 116])
                case 10: out.append(contentsOf: [92, 110])
                case 13: out.append(contentsOf: [92, 114])
                default: out.append(byte)
                }
            }
        case .bytes:
            out.append(contentsOf: [92, 92, 120])  // \\x: the backslash escaped for COPY
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            for byte in column.bytes(at: row) {
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            }
        }
    }

    private func appendReal(_ d: Double, float: String?, _ out: inout [UInt8]) {
        if d.isNaN { return out.append(contentsOf: "NaN".utf8) }
        if d.isInfinite { return out.append(contentsOf: (d < 0 ? "-Infinity" : "Infinity").utf8) }
        // Swift's description is the shortest text that reads back to the same value.
        out.append(contentsOf: (float ?? d.description).utf8)
    }

    static func appendDecimal(_ v: Int128, scale: Int, _ out: inout [UInt8]) {
        let negative = v < 0
        var digits = Array(String(v.magnitude).utf8)
        if scale > 0 {
            if digits.count <= scale { digits = Array(repeating: 48, count: scale - digits.count + 1) + digits }
            digits.insert(46, at: digits.count - scale)
        }
        if negative { out.append(45) }
        out.append(contentsOf: digits)
    }

    /// Days from 1970-01-01 back to 0001-01-01 (proleptic Gregorian), negated.
    static let daysBeforeYear1: Int64 = -719_162

    /// `YYYY-MM-DD` (years before 1 as PostgreSQL's `… BC`).
    static func appendDate(days: Int64, suffix: Bool = true, _ out: inout [UInt8]) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        pad(year > 0 ? year : 1 - year, 4, &out)
        out.append(45)
        pad(month, 2, &out)
        out.append(45)
        pad(day, 2, &out)
        if suffix, year <= 0 { out.append(contentsOf: " BC".utf8) }
    }

    static func pad(_ n: Int64, _ width: Int, _ out: inout [UInt8]) {
        let text = Array(String(n).utf8)
        if text.count < width { out.append(contentsOf: repeatElement(48, count: width - text.count)) }
        out.append(contentsOf: text)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return r < 0 ? (q - 1, r + b) : (q, r)
    }
}
