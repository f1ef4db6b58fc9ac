import SluiceCore

/// The Arrow format string of each Sluice data type, and back (SDK/README.md, "Data types as
/// Arrow"). Several Sluice types share one format (DT_STR, DT_WSTR, … are all "u"); importing
/// gives the widest: DT_WSTR, DT_BYTES, DT_DBTIME2, DT_DBTIMESTAMP. Decimals are exact:
/// "d:19,4" is DT_CY, "d:29,s" DT_DECIMAL, any other "d:p,s" (p ≤ 38) DT_NUMERIC.
package enum ArrowFormat {
    package struct ColumnType: Equatable, Sendable {
        package let dataType: DataType
        package let decimalScale: Int
    }

    /// The Sluice type of an Arrow format, or nil when it has none.
    package static func columnType(_ format: String) -> ColumnType? {
        if format.hasPrefix("d:") { return decimal(format.dropFirst(2)) }
        let type: DataType? = switch format {
        case "c": .i1
        case "s": .i2
        case "i": .i4
        case "l": .i8
        case "C": .ui1
        case "S": .ui2
        case "I": .ui4
        case "L": .ui8
        case "f": .r4
        case "g": .r8
        case "b": .bool
        case "w:16": .guid
        case "u": .wstr
        case "z": .bytes
        case "tdD": .dbDate
        case "ttu": .dbTime2
        case "tsu:": .dbTimestamp
        case "tsu:UTC": .dbTimestampOffset
        default: nil
        }
        return type.map { ColumnType(dataType: $0, decimalScale: 0) }
    }

    /// "p,s" or "p,s,128": decimal128 with 1 ≤ p ≤ 38 and 0 ≤ s ≤ p.
    private static func decimal(_ body: Substring) -> ColumnType? {
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 || (parts.count == 3 && parts[2] == "128"),
            let precision = Int(parts[0]), let scale = Int(parts[1]),
            (1...38).contains(precision), (0...precision).contains(scale)
        else { return nil }
        let type: DataType = precision == 19 && scale == 4 ? .currency : precision == 29 ? .decimal : .numeric
        return ColumnType(dataType: type, decimalScale: scale)
    }
}
