import Foundation
import SluiceCore

/// ABS, CEILING, FLOOR, EXP, LN, LOG, POWER, ROUND, SIGN, SQRT, SQUARE.
///
/// ABS, CEILING, FLOOR and ROUND keep the argument's type (CEILING and FLOOR of a real give
/// DT_R8); SIGN gives DT_I4; the others compute in DT_R8, as SSIS casts their arguments to it.
enum MathFunctions {
    static let all: [String: FunctionLibrary.Definition] = [
        "ABS": .init(arity: 1...1) { call in
            let x = try call.numericArgument(0)
            let dt = x.type.dataType, fail = call.errors
            return call.strict(x.type, [x]) { v in
                switch v[0] {
                case .int(let i):
                    let (r, o) = Int64(0).subtractingReportingOverflow(i)
                    guard i >= 0 || (!o && IntegerRange.fits(r, dt)) else { throw fail.overflow }
                    return .int(i >= 0 ? i : r)
                case .real(let d): return .real(abs(d))
                case .decimal(let d): return .decimal(d < 0 ? -d : d)
                default: return v[0]  // unsigned
                }
            }
        },
        "CEILING": .init(arity: 1...1) { call in try wholeNumber(call, real: { $0.rounded(.up) }, decimal: .up) },
        "FLOOR": .init(arity: 1...1) { call in try wholeNumber(call, real: { $0.rounded(.down) }, decimal: .down) },
        "EXP": .init(arity: 1...1) { call in try real(call) { x in exp(x) } },
        "LN": .init(arity: 1...1) { call in
            let fail = call.errors
            return try real(call) { x in
                guard x > 0 else { throw fail.argument("the logarithm of \(Text.formatReal(x, digits: 15)) is undefined") }
                return log(x)
            }
        },
        "LOG": .init(arity: 1...1) { call in
            let fail = call.errors
            return try real(call) { x in
                guard x > 0 else { throw fail.argument("the logarithm of \(Text.formatReal(x, digits: 15)) is undefined") }
                return log10(x)
            }
        },
        "SQRT": .init(arity: 1...1) { call in
            let fail = call.errors
            return try real(call) { x in
                guard x >= 0 else { throw fail.argument("the square root of a negative number is undefined") }
                return x.squareRoot()
            }
        },
        "SQUARE": .init(arity: 1...1) { call in try real(call) { x in x * x } },
        "POWER": .init(arity: 2...2) { call in
            let x = try call.numericArgument(0), y = try call.numericArgument(1), fail = call.errors
            return call.strict(.r8, [x, y]) { v in
                let (b, e) = (v[0].double!, v[1].double!)
                guard b != 0 || e >= 0 else { throw fail.argument("zero cannot be raised to a negative power") }
                let r = pow(b, e)
                if r.isNaN { return .null }  // SSIS: an indeterminate result is NULL
                guard r.isFinite else { throw fail.overflow }
                return .real(r)
            }
        },
        "SIGN": .init(arity: 1...1) { call in
            let x = try call.numericArgument(0)
            return call.strict(.i4, [x]) { v in
                switch v[0] {
                case .int(let i): return .int(i.signum())
                case .uint(let u): return .int(u == 0 ? 0 : 1)
                case .decimal(let d): return .int(d.isZero ? 0 : d < 0 ? -1 : 1)
                default:
                    let d = v[0].double!
                    return .int(d == 0 ? 0 : d < 0 ? -1 : 1)
                }
            }
        },
        "ROUND": .init(arity: 2...2) { call in try Rounding.compile(call) },
    ]

    /// A DT_R8 function of one numeric argument; an infinite result is an overflow.
    private static func real(_ call: FunctionCall, _ f: @escaping @Sendable (Double) throws -> Double) throws
        -> Operators.Result
    {
        let x = try call.numericArgument(0), fail = call.errors
        return call.strict(.r8, [x]) { v in
            let r = try f(v[0].double!)
            guard r.isFinite else { throw fail.overflow }
            return .real(r)
        }
    }

    /// CEILING and FLOOR: integers unchanged, decimals rounded in their type, reals as DT_R8.
    private static func wholeNumber(
        _ call: FunctionCall, real: @escaping @Sendable (Double) -> Double, decimal mode: NSDecimalNumber.RoundingMode
    ) throws -> Operators.Result {
        let x = try call.numericArgument(0)
        let type = x.type.isReal ? ExpressionType.r8 : x.type
        return call.strict(type, [x]) { v in
            switch v[0] {
            case .real(let d): return .real(real(d))
            case .decimal(var d):
                var r = Decimal()
                NSDecimalRound(&r, &d, 0, mode)
                return .decimal(r)
            default: return v[0]
            }
        }
    }
}
