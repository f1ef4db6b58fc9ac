import Foundation
import SluiceCore

/// Numeric literals, typed as SSIS types them: integers are DT_I4, or DT_I8 when too large
/// (suffix L: DT_I8, U: DT_UI4, UL: DT_UI8); reals with a decimal point are DT_NUMERIC with the
/// literal's precision and scale, with an exponent or suffix E/L DT_R8, with suffix F DT_R4.
enum Literals {
    static func integer(_ text: String, _ suffix: String, at p: SourcePosition) throws -> Compiled {
        let tooLarge = typeError("the integer literal \(text)\(suffix) is out of range", at: p)
        switch suffix {
        case "U":
            guard let u = UInt64(text) else { throw tooLarge }
            return u <= UInt64(UInt32.max) ? Compiled(ExpressionType(.ui4), constant: .uint(u)) : Compiled(ExpressionType(.ui8), constant: .uint(u))
        case "UL", "LU":
            guard let u = UInt64(text) else { throw tooLarge }
            return Compiled(ExpressionType(.ui8), constant: .uint(u))
        case "L":
            guard let i = Int64(text) else { throw tooLarge }
            return Compiled(.i8, constant: .int(i))
        default:
            if let i = Int64(text) {
                return Int32(exactly: i) != nil ? Compiled(.i4, constant: .int(i)) : Compiled(.i8, constant: .int(i))
            }
            if let u = UInt64(text) { return Compiled(ExpressionType(.ui8), constant: .uint(u)) }
            throw tooLarge
        }
    }

    static func real(_ text: String, _ suffix: String, at p: SourcePosition) throws -> Compiled {
        let isExponent = text.contains("e") || text.contains("E")
        if suffix == "F" {
            guard let d = Double(text), d.isFinite, Float(d).isFinite else { throw typeError("the literal \(text)F is out of range", at: p) }
            return Compiled(ExpressionType(.r4), constant: .real(Double(Float(d))))
        }
        if isExponent || suffix == "E" || suffix == "L" {
            guard let d = Double(text), d.isFinite else { throw typeError("the literal \(text) is out of range", at: p) }
            return Compiled(.r8, constant: .real(d))
        }
        // A plain decimal literal is exact: DT_NUMERIC with the digits as written.
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integerDigits = max(parts[0].drop { $0 == "0" }.count, 1)
        let scale = parts.count > 1 ? parts[1].count : 0
        guard integerDigits + scale <= 38, let d = Decimal(string: text.hasPrefix(".") ? "0" + text : text) else {
            throw typeError("the literal \(text) has more than 38 digits", at: p)
        }
        return Compiled(ExpressionType(.numeric, precision: integerDigits + scale, scale: scale), constant: .decimal(d))
    }
}
