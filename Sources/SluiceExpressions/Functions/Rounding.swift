import Foundation
import SluiceCore

/// ROUND(numeric, length): the result keeps the first argument's type; halves round away from
/// zero.
///
/// A negative length is SLUICE_E_EXPRESSION_ROUND_NEGATIVE_LENGTH, as in SSIS (Microsoft,
/// "ROUND (SSIS Expression)": "The length argument must evaluate to a positive integer or
/// zero"); a constant one is found at validation. The rounding helpers still take negative
/// lengths (rounding left of the point) for callers that want SQL Server's meaning.
enum Rounding {
    static func compile(_ call: FunctionCall) throws -> Operators.Result {
        let x = try call.numericArgument(0)
        let n = try call.integerArgument(1)
        let isR4 = x.type.dataType == .r4, dt = x.type.dataType, fail = call.errors, p = call.position
        return call.strict(x.type, [x, n]) { v in
            let requested = FunctionCall.integer(v[1])
            guard requested >= 0 else {
                throw SluiceError(.expressionRoundNegativeLength, p.inserts.merging(["length": String(requested)]) { $1 })
            }
            let length = min(requested, 100)
            switch v[0] {
            case .int(let i):
                guard let r = integer(i, length), IntegerRange.fits(r, dt) else { throw fail.overflow }
                return .int(r)
            case .uint(let u):
                guard let r = unsigned(u, length), dt == .ui8 || IntegerRange.fits(Int64(r), dt) else { throw fail.overflow }
                return .uint(r)
            case .decimal(let d):
                return .decimal(decimal(d, length))
            default:
                let r = real(v[0].double!, length)
                let value = isR4 ? Double(Float(r)) : r
                guard value.isFinite else { throw fail.overflow }
                return .real(value)
            }
        }
    }

    static func decimal(_ d: Decimal, _ length: Int64) -> Decimal {
        guard length > -38 else { return 0 }
        guard length < 38 else { return d }
        return Casts.round(d, scale: Int(length))
    }

    /// Reals round on their shortest decimal text, so `ROUND(2.675E0, 2)` is 2.68 as written,
    /// not 2.67 as the nearest binary fraction (2.67499…) would give.
    static func real(_ d: Double, _ length: Int64) -> Double {
        guard d.isFinite, length < 17 else { return d }
        guard let exact = Decimal(string: "\(d)") else { return d }
        let rounded = decimal(exact, length)
        return Double("\(rounded)") ?? d
    }

    /// Nil on overflow of Int64.
    static func integer(_ i: Int64, _ length: Int64) -> Int64? {
        guard length < 0 else { return i }
        let digits = -length
        if digits > 18 {
            // 10^19 is beyond Int64: anything that would round up to it overflows.
            return i.magnitude >= 5_000_000_000_000_000_000 ? nil : 0
        }
        let unit = pow10(Int(digits))
        var q = i / unit
        let r = i % unit
        if r.magnitude * 2 >= UInt64(unit) { q += i < 0 ? -1 : 1 }
        let (result, overflow) = q.multipliedReportingOverflow(by: unit)
        return overflow ? nil : result
    }

    static func unsigned(_ u: UInt64, _ length: Int64) -> UInt64? {
        guard length < 0 else { return u }
        let digits = -length
        if digits > 19 { return 0 }  // half of 10^20 is beyond UInt64
        var unit: UInt64 = 1
        for _ in 0..<digits { unit *= 10 }
        var q = u / unit
        if (u % unit) >= unit - unit / 2 { q += 1 }
        let (result, overflow) = q.multipliedReportingOverflow(by: unit)
        return overflow ? nil : result
    }

    private static func pow10(_ n: Int) -> Int64 {
        var p: Int64 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }
}
