import Foundation
import SluiceCore

/// The declared SQL types a SQLite destination creates columns with, and the data types a
/// SQLite source gives columns it was not told the type of (the table is in docs/dataflow-sqlite.md).
enum SQLiteTypeNames {
    /// The declared type of a created column.
    static func declared(_ type: DataType, scale: Int) -> String? {
        switch type {
        case .i1, .i2: "SMALLINT"
        case .i4, .ui2: "INT"
        case .i8, .ui4: "BIGINT"
        case .ui1: "TINYINT"
        case .ui8: "UNSIGNED BIG INT"
        case .bool: "BOOLEAN"
        case .r4: "REAL"
        case .r8: "DOUBLE"
        // "TEXT" in the name gives the column TEXT affinity: a DECIMAL or NUMERIC column would
        // turn the exact text into a REAL and keep only 15 significant digits.
        case .currency: "MONEY_TEXT"
        case .decimal: "DECIMAL_TEXT(29,\(scale))"
        case .numeric: "NUMERIC_TEXT(38,\(scale))"
        case .dbDate: "DATE"
        case .date, .dbTimestamp, .dbTimestamp2: "DATETIME"
        case .str, .wstr, .text, .ntext: "TEXT"
        case .bytes, .image: "BLOB"
        default: nil
        }
    }

    /// The data type (and decimal scale) of a result column declared `declared`; nil when the
    /// name maps to none (an expression has no declared type at all).
    static func dataType(declared: String) -> (type: DataType, scale: Int)? {
        let upper = declared.uppercased().trimmingCharacters(in: .whitespaces)
        let base = upper.prefix { $0 != "(" }.trimmingCharacters(in: .whitespaces)
        switch base {
        case "INTEGER", "BIGINT", "INT8": return (.i8, 0)
        case "INT", "INT4", "MEDIUMINT": return (.i4, 0)
        case "SMALLINT", "INT2": return (.i2, 0)
        case "TINYINT": return (.ui1, 0)
        case "UNSIGNED BIG INT": return (.ui8, 0)
        case "BOOLEAN", "BOOL", "BIT": return (.bool, 0)
        case "REAL", "DOUBLE", "DOUBLE PRECISION", "FLOAT": return (.r8, 0)
        case "MONEY", "MONEY_TEXT": return (.currency, 4)
        case "DATE": return (.dbDate, 0)
        case "DATETIME", "TIMESTAMP": return (.dbTimestamp, 0)
        case "TEXT", "CLOB", "CHAR", "VARCHAR", "NCHAR", "NVARCHAR", "CHARACTER", "VARYING CHARACTER", "NATIVE CHARACTER":
            return (.wstr, 0)
        case "BLOB": return (.bytes, 0)
        case "DECIMAL", "NUMERIC", "DECIMAL_TEXT", "NUMERIC_TEXT":
            // Bare DECIMAL / NUMERIC says nothing of a scale: SQLite stores it as REAL.
            guard let (precision, scale) = precisionAndScale(upper) else { return (.r8, 0) }
            return (base.hasPrefix("DECIMAL") && precision <= 29 ? .decimal : .numeric, scale)
        default: return nil
        }
    }

    /// `(p)` or `(p,s)` after the type name, with 1 ≤ p ≤ 38 and 0 ≤ s ≤ p.
    private static func precisionAndScale(_ text: String) -> (Int, Int)? {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else { return nil }
        let parts = text[text.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let p = Int(parts[0]), (1...38).contains(p) else { return nil }
        let s = parts.count == 2 ? Int(parts[1]) : 0
        guard let s, (0...p).contains(s) else { return nil }
        return (p, s)
    }

    /// `name` as a quoted SQL identifier.
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
