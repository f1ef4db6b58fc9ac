import Foundation
import SluiceCore

/// `== != < > <= >=`: numbers compare after promotion to a common type, strings by Unicode
/// scalar order (case-sensitive, as SSIS compares), dates by instant, booleans and GUIDs for
/// equality only. A NULL operand gives NULL.
enum Comparison {
    static func compile(_ op: String, _ a: Compiled, _ b: Compiled, at p: SourcePosition) throws -> Compiled {
        let equalityOnly = op == "==" || op == "!="
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
            order = { x, y in
                let (s, t) = (x.string!, y.string!)
                return s.utf8.elementsEqual(t.utf8) ? 0 : s.unicodeScalars.lexicographicallyPrecedes(t.unicodeScalars) ? -1 : 1
            }
        } else if a.type.isDate && b.type.isDate {
            order = { x, y in compare(x.dateValue!, y.dateValue!) }
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

    @inline(__always) static func compare<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : x == y ? 0 : 1 }
}
