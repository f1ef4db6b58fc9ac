import Foundation
import SluiceCore

/// `== != < > <= >=`: numbers compare after promotion to a common type; strings are equal
/// when their characters are (case-sensitive, as SSIS compares) and order by ``Collation``
/// (`"a" < "B"`); dates by instant, a DT_DBTIMESTAMPOFFSET in UTC; booleans and GUIDs for
/// equality only. A NULL operand gives NULL.
///
/// Refused, as SSIS refuses them (Microsoft, "Comparison operators" and "Integration Services
/// Data Types in Expressions"): a time with a date, and any comparison of DT_TEXT, DT_NTEXT or
/// DT_IMAGE.
enum Comparison {
    static func compile(_ op: String, _ a: Compiled, _ b: Compiled, at p: SourcePosition) throws -> Compiled {
        let equalityOnly = op == "==" || op == "!="
        for blob in [a.type, b.type] where [.text, .ntext, .image].contains(blob.dataType) {
            throw SluiceError(.expressionBlobCompared, p.inserts.merging(["operator": op, "type": blob.description]) { $1 })
        }
        if a.type.isDate && b.type.isDate && isTime(a.type) != isTime(b.type) {
            throw SluiceError(.expressionDateTimeCompared, p.inserts.merging(
                ["left": (isTime(a.type) ? a : b).type.description, "right": (isTime(a.type) ? b : a).type.description]) { $1 })
        }
        let ea = a.evaluate, eb = b.evaluate
        let test: @Sendable (Int) -> Bool =
            switch op {
            case "==": { $0 == 0 }
            case "!=": { $0 != 0 }
            case "<": { $0 < 0 }
            case ">": { $0 > 0 }
            case "<=": { $0 <= 0 }
            default: { $0 >= 0 }
            }
        let order: @Sendable (Value, Value) -> Int
        if a.type.isNumeric && b.type.isNumeric {
            let type = TypeRules.numericResult(a.type, b.type)
            if type.isReal {
                order = { x, y in compare(x.double!, y.double!) }
            } else if type.isExactDecimal {
                order = { x, y in compare(x.decimal!, y.decimal!) }
            } else {
                // Integers: exact in 64 bits unless a DT_UI8 beyond DT_I8 meets a signed value.
                order = { x, y in
                    if let i = x.int64, let j = y.int64 { return compare(i, j) }
                    if let i = x.uint64, let j = y.uint64 { return compare(i, j) }
                    return compare(x.decimal!, y.decimal!)
                }
            }
        } else if a.type.isString && b.type.isString {
            if equalityOnly {
                // Equality needs no order: equal UTF-8 bytes is equal scalars, and cheaper.
                let wantEqual = op == "=="
                return Compiled(.bool) {
                    guard case .string(let s) = try ea(), case .string(let t) = try eb() else { return .null }
                    return .bool(s.utf8.elementsEqual(t.utf8) == wantEqual)
                }
            }
            order = { x, y in Collation.order(x.string!, y.string!) }
        } else if a.type.isDate && b.type.isDate {
            order = { x, y in compare(instant(x)!, instant(y)!) }
        } else if equalityOnly && a.type.dataType == b.type.dataType && [.bool, .guid, .bytes].contains(a.type.dataType) {
            order = { x, y in x == y ? 0 : 1 }
        } else {
            throw typeError("\(a.type) and \(b.type) cannot be compared with '\(op)'", at: p)
        }
        return Compiled(.bool) {
            let x = try ea(), y = try eb()
            if x.isNull || y.isNull { return .null }
            return .bool(test(order(x, y)))
        }
    }

    static func isTime(_ t: ExpressionType) -> Bool { t.dataType == .dbTime || t.dataType == .dbTime2 }

    /// What dates compare by: a DT_DBTIMESTAMPOFFSET its UTC instant, any other date its value
    /// (read as UTC).
    static func instant(_ v: Value) -> Date? {
        if case .dateTimeOffset(let o) = v { return o.instant }
        return v.dateValue
    }

    @inline(__always) static func compare<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : x == y ? 0 : 1 }
}
