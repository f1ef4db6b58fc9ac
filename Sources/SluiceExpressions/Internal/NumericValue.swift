import Foundation
import SluiceCore

/// Reads numbers out of ``Value``s whatever case holds them. The compiler has already checked
/// the types, so these only convert between representations.
extension Value {
    var int64: Int64? {
        switch self {
        case .int(let i): i
        case .uint(let u): Int64(exactly: u)
        case .real(let d): d.isFinite && d.rounded() == d && abs(d) < 9.2e18 ? Int64(d) : nil
        case .decimal(let d): Int64(exactly: NSDecimalNumber(decimal: d).doubleValue)
        case .bool(let b): b ? -1 : 0
        default: nil
        }
    }

    var uint64: UInt64? {
        switch self {
        case .uint(let u): u
        case .int(let i): UInt64(exactly: i)
        default: int64.flatMap { UInt64(exactly: $0) }
        }
    }

    var double: Double? {
        switch self {
        case .int(let i): Double(i)
        case .uint(let u): Double(u)
        case .real(let d): d
        case .decimal(let d): NSDecimalNumber(decimal: d).doubleValue
        case .bool(let b): b ? -1 : 0
        default: nil
        }
    }

    var decimal: Decimal? {
        switch self {
        case .int(let i): Decimal(i)
        case .uint(let u): Decimal(u)
        case .real(let d): d.isFinite ? Decimal(d) : nil
        case .decimal(let d): d
        case .bool(let b): Decimal(b ? -1 : 0)
        default: nil
        }
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The wall-clock time of a date (the local time of a DT_DBTIMESTAMPOFFSET).
    var dateValue: Date? {
        switch self {
        case .date(let d): d
        case .dateTimeOffset(let o): o.wallClock
        default: nil
        }
    }
}

/// Range checks of integer types.
enum IntegerRange {
    static func fits(_ i: Int64, _ t: DataType) -> Bool {
        switch t {
        case .i1: Int8(exactly: i) != nil
        case .i2: Int16(exactly: i) != nil
        case .i4: Int32(exactly: i) != nil
        case .i8: true
        case .ui1: UInt8(exactly: i) != nil
        case .ui2: UInt16(exactly: i) != nil
        case .ui4: UInt32(exactly: i) != nil
        case .ui8: i >= 0
        default: false
        }
    }
}
