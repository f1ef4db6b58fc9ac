import Foundation
import SluiceCore

/// The unary, binary and conditional operators: type rules at compile time, evaluation with
/// SSIS's NULL propagation, overflow and division-by-zero errors.
enum Operators {
    typealias Result = (compiled: Compiled, foldable: Bool)

    static func unary(_ op: String, _ x: Compiled, at p: SourcePosition) throws -> Result {
        let e = x.evaluate
        switch op {
        case "!":
            guard x.type.isBool else { throw typeError("'!' needs DT_BOOL, not \(x.type)", at: p) }
            return (Compiled(.bool) { try e().bool.map { .bool(!$0) } ?? .null }, true)
        case "~":
            guard x.type.isInteger else { throw typeError("'~' needs an integer type, not \(x.type)", at: p) }
            let t = x.type
            return (Compiled(t) {
                let v = try e()
                if v.isNull { return .null }
                if t.isSignedInteger { return .int(~v.int64!) }
                let mask: UInt64 = t.integerBits == 64 ? .max : (1 << UInt64(t.integerBits)) - 1
                return .uint(~v.uint64! & mask)
            }, true)
        default:  // "-"
            guard x.type.isNumeric, !(x.type.isInteger && !x.type.isSignedInteger) else {
                throw typeError("'-' needs a signed numeric type, not \(x.type)", at: p)
            }
            let zero = Compiled(x.type, constant: x.type.isInteger ? .int(0) : x.type.isReal ? .real(0) : .decimal(0))
            var negate = try arithmetic("-", zero, x, at: p)
            negate.type = x.type  // -1.5 stays (DT_NUMERIC,2,1), not the widened type of 0 - x
            return (negate, true)
        }
    }

    static func binary(_ op: String, _ a: Compiled, _ b: Compiled, at p: SourcePosition) throws -> Result {
        switch op {
        case "&&", "||": return (try logical(op, a, b, at: p), true)
        case _ where ["&", "|", "^"].contains(op) && a.type.isInteger && b.type.isInteger
            && a.type.isSignedInteger != b.type.isSignedInteger:
            // Microsoft, "& (Bitwise AND) (SSIS Expression)": "both conditions must be a signed
            // integer data type or both conditions must be an unsigned integer data type".
            throw SluiceError(.expressionBitwiseSignedness, p.inserts.merging(
                ["operator": op, "left": a.type.description, "right": b.type.description]) { $1 })
        case _ where TypeRules.mixesUI8WithSigned(a.type, b.type):
            throw typeError("\(a.type) and \(b.type) need an explicit cast to be combined with '\(op)'", at: p)
        case "==", "!=", "<", ">", "<=", ">=": return (try Comparison.compile(op, a, b, at: p), true)
        case "&", "|", "^": return (try bitwise(op, a, b, at: p), true)
        case "+" where a.type.isString || b.type.isString:
            guard a.type.isString && b.type.isString else {
                throw typeError("\(a.type) and \(b.type) are incompatible for '+'; cast one of them", at: p)
            }
            let ea = a.evaluate, eb = b.evaluate
            let tooLong = stringTooLong("'+'", at: p)
            return (Compiled(TypeRules.concatenation(a.type, b.type)) {
                guard let x = try ea().string, let y = try eb().string else { return .null }
                guard StringLimit.admitsConcatenation(x, y) else { throw tooLong }
                return .string(x + y)
            }, true)
        default:
            return (try arithmetic(op, a, b, at: p), true)
        }
    }

    static func conditional(_ c: Compiled, _ t: Compiled, _ f: Compiled, at p: SourcePosition) throws -> Result {
        guard c.type.isBool else { throw typeError("the condition of '?:' must be DT_BOOL, not \(c.type)", at: p) }
        guard let type = TypeRules.common(t.type, f.type) else {
            throw typeError("the branches of '?:' have incompatible types \(t.type) and \(f.type)", at: p)
        }
        let ec = c.evaluate
        let et = try Casts.implicit(t, to: type, at: p).evaluate
        let ef = try Casts.implicit(f, to: type, at: p).evaluate
        return (Compiled(type) {
            switch try ec() {
            case .bool(true): return try et()
            case .bool(false): return try ef()
            default: return .null
            }
        }, true)
    }

    // MARK: - Logical and bitwise

    /// Three-valued logic with short-circuit: FALSE && anything is FALSE, TRUE || anything is
    /// TRUE, otherwise a NULL operand gives NULL.
    private static func logical(_ op: String, _ a: Compiled, _ b: Compiled, at p: SourcePosition) throws -> Compiled {
        guard a.type.isBool && b.type.isBool else {
            throw typeError("'\(op)' needs DT_BOOL operands, not \(a.type) and \(b.type)", at: p)
        }
        let ea = a.evaluate, eb = b.evaluate
        let decisive = op == "||"
        return Compiled(.bool) {
            let x = try ea()
            if x == .bool(decisive) { return x }
            let y = try eb()
            if y == .bool(decisive) { return y }
            if x.isNull || y.isNull { return .null }
            return .bool(!decisive)
        }
    }

    private static func bitwise(_ op: String, _ a: Compiled, _ b: Compiled, at p: SourcePosition) throws -> Compiled {
        guard a.type.isInteger && b.type.isInteger else {
            throw typeError("'\(op)' needs integer operands, not \(a.type) and \(b.type)", at: p)
        }
        let type = TypeRules.numericResult(a.type, b.type)
        let ea = a.evaluate, eb = b.evaluate
        let f: @Sendable (UInt64, UInt64) -> UInt64 =
            switch op {
            case "&": { $0 & $1 }
            case "|": { $0 | $1 }
            default: { $0 ^ $1 }
            }
        let signed = type.isSignedInteger
        return Compiled(type) {
            let x = try ea(), y = try eb()
            if x.isNull || y.isNull { return .null }
            if signed { return .int(Int64(bitPattern: f(UInt64(bitPattern: x.int64!), UInt64(bitPattern: y.int64!)))) }
            return .uint(f(x.uint64!, y.uint64!))
        }
    }

    // MARK: - Arithmetic

    static func arithmetic(_ op: String, _ a: Compiled, _ b: Compiled, at p: SourcePosition) throws -> Compiled {
        guard a.type.isNumeric && b.type.isNumeric else {
            throw typeError("\(a.type) and \(b.type) are incompatible for '\(op)'", at: p)
        }
        var type = TypeRules.numericResult(a.type, b.type)
        if type.dataType != .currency && type.isExactDecimal && (op == "*" || op == "/") {
            type.scale = TypeRules.decimalScale(op, a.type, b.type)
        }
        if op == "%" && !type.isInteger { throw typeError("'%' needs integer operands, not \(a.type) and \(b.type)", at: p) }
        let ea = a.evaluate, eb = b.evaluate
        let overflow = SluiceError(.expressionOverflow, p.inserts.merging(["operation": "'\(op)'"]) { $1 })
        let divideByZero = SluiceError(.expressionDivideByZero, p.inserts)
        if type.isSignedInteger {
            let dt = type.dataType
            return Compiled(type) {
                let x = try ea(), y = try eb()
                if x.isNull || y.isNull { return .null }
                guard let i = x.int64, let j = y.int64 else { throw overflow }
                let (r, o): (Int64, Bool)
                switch op {
                case "+": (r, o) = i.addingReportingOverflow(j)
                case "-": (r, o) = i.subtractingReportingOverflow(j)
                case "*": (r, o) = i.multipliedReportingOverflow(by: j)
                case "/":
                    if j == 0 { throw divideByZero }
                    (r, o) = i.dividedReportingOverflow(by: j)
                default:
                    if j == 0 { throw divideByZero }
                    (r, o) = i.remainderReportingOverflow(dividingBy: j)
                }
                guard !o, IntegerRange.fits(r, dt) else { throw overflow }
                return .int(r)
            }
        }
        if type.isInteger {
            let dt = type.dataType
            return Compiled(type) {
                let x = try ea(), y = try eb()
                if x.isNull || y.isNull { return .null }
                guard let i = x.uint64, let j = y.uint64 else { throw overflow }
                let (r, o): (UInt64, Bool)
                switch op {
                case "+": (r, o) = i.addingReportingOverflow(j)
                case "-": (r, o) = i.subtractingReportingOverflow(j)
                case "*": (r, o) = i.multipliedReportingOverflow(by: j)
                case "/":
                    if j == 0 { throw divideByZero }
                    (r, o) = i.dividedReportingOverflow(by: j)
                default:
                    if j == 0 { throw divideByZero }
                    (r, o) = i.remainderReportingOverflow(dividingBy: j)
                }
                guard !o, dt == .ui8 || IntegerRange.fits(Int64(r), dt) else { throw overflow }
                return .uint(r)
            }
        }
        if type.isReal {
            let isR4 = type.dataType == .r4
            return Compiled(type) {
                let x = try ea(), y = try eb()
                guard let i = x.double, let j = y.double else { return .null }
                let r: Double
                switch op {
                case "+": r = i + j
                case "-": r = i - j
                case "*": r = i * j
                default:
                    if j == 0 { throw divideByZero }
                    r = i / j
                }
                let value = isR4 ? Double(Float(r)) : r
                guard value.isFinite else { throw overflow }
                return .real(value)
            }
        }
        let isCurrency = type.dataType == .currency
        let scale = isCurrency ? 4 : type.scale ?? 0
        return Compiled(type) {
            let x = try ea(), y = try eb()
            guard let i = x.decimal, let j = y.decimal else { return .null }
            var r: Decimal
            switch op {
            case "+": r = i + j
            case "-": r = i - j
            case "*": r = i * j
            default:
                if j.isZero { throw divideByZero }
                r = i / j
            }
            if isCurrency || op == "/" || scale < 38 && op == "*" { r = Casts.round(r, scale: scale) }
            guard r.isFinite, !r.isNaN else { throw overflow }
            // DT_CY stays in its 64-bit range, DT_NUMERIC within 38 digits.
            guard isCurrency ? CurrencyRange.contains(r) : NumericRange.fits(r, scale: scale) else { throw overflow }
            return .decimal(r)
        }
    }
}
