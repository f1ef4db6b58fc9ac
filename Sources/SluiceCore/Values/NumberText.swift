import Foundation

/// A number written in decimal, `-12.50e3`, read exactly: its sign, its significant digits and
/// a power of ten. Every numeric text of a package file, `--set` and `--param` goes through
/// here before it becomes a value, so that nothing is rounded on the way: a decimal keeps its
/// digits, an integer type takes only whole numbers, a real refuses what its type cannot hold.
///
/// ```swift
/// let n = NumberText("1.50e2")!   // digits [1, 5], exponent 1: 150
/// n.integer                       // .value(150)
/// ```
/// Accepted: `[+-] digits [. digits] [(e|E) [+-] digits]`, or `.5` and `5.`; not hexadecimal,
/// `NaN`, `inf`, digit separators or spaces.
struct NumberText {
    let negative: Bool
    /// The significant digits (0...9), without leading or trailing zeros: empty for zero.
    let digits: [UInt8]
    /// The value is `digits × 10^exponent`. Held within ±`exponentLimit`: beyond it every
    /// type refuses the number anyway, and the arithmetic below cannot overflow.
    let exponent: Int

    private static let exponentLimit = 1 << 40

    init?(_ text: some StringProtocol) {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var exponent = 0
        var sawDigit = false
        var afterPoint = false
        while let b = bytes.first {
            if b == UInt8(ascii: ".") {
                guard !afterPoint else { return nil }
                afterPoint = true
            } else if b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                sawDigit = true
                let d = b - UInt8(ascii: "0")
                if !(digits.isEmpty && d == 0) { digits.append(d) }  // leading zeros say nothing
                if afterPoint { exponent -= 1 }
            } else {
                break
            }
            bytes = bytes.dropFirst()
        }
        guard sawDigit else { return nil }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty else { return nil }
            var written = 0
            for b in bytes {
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
                written = min(written * 10 + Int(b - UInt8(ascii: "0")), Self.exponentLimit)
            }
            bytes = bytes[bytes.endIndex...]
            exponent += exponentNegative ? -written : written
        }
        guard bytes.isEmpty else { return nil }
        // Trailing zeros move into the exponent: 1.50 and 15e-1 are the same number.
        while digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        self.negative = negative
        self.digits = digits
        self.exponent = digits.isEmpty ? 0 : max(min(exponent, Self.exponentLimit), -Self.exponentLimit)
    }

    var isZero: Bool { digits.isEmpty }

    /// Digits after the point (0 for a whole number).
    var scale: Int { max(-exponent, 0) }
    /// Digits before the point (0 for a number below 1).
    var integerDigits: Int { max(digits.count + exponent, 0) }

    enum Integer {
        case value(Int64)
        /// A whole number above `Int64.max` that a `UInt64` holds.
        case unsigned(UInt64)
        case fraction
        case outOfRange
    }

    /// The number as a whole number, when it is one (`1.0` and `1e3` are).
    var integer: Integer {
        if isZero { return .value(0) }
        if exponent < 0 { return .fraction }  // trailing zeros are gone: a negative exponent leaves a fraction
        guard integerDigits <= 20 else { return .outOfRange }
        var magnitude: UInt64 = 0
        for d in digits + repeatElement(0, count: exponent) {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return .outOfRange }
            magnitude = sum
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return .value(Int64.min) }
            return Int64(exactly: magnitude).map { .value(-$0) } ?? .outOfRange
        }
        return Int64(exactly: magnitude).map(Integer.value) ?? .unsigned(magnitude)
    }

    /// The digits as text with the point where it belongs, no exponent: `-0.0015`, `1200`.
    var plainText: String {
        if isZero { return "0" }
        var text = negative ? "-" : ""
        let whole = digits.count + exponent
        func char(_ d: UInt8) -> Character { Character(Unicode.Scalar(UInt8(ascii: "0") + d)) }
        if whole <= 0 {
            text += "0." + String(repeating: "0", count: -whole)
            text.append(contentsOf: digits.map(char))
        } else if exponent >= 0 {
            text.append(contentsOf: digits.map(char))
            text += String(repeating: "0", count: exponent)
        } else {
            text.append(contentsOf: digits[..<whole].map(char))
            text += "."
            text.append(contentsOf: digits[whole...].map(char))
        }
        return text
    }
}

extension NumberText {
    /// The number as a value of a real type, or why it cannot be one. Rounds to the nearest
    /// value of the type, as a real literal means; refuses what would become infinite or zero.
    func real(as type: DataType, text: String) -> Result<Double, ValueRefusal> {
        let single = type == .r4
        // Both parse the decimal text directly (correctly rounded): no double rounding for DT_R4.
        let value: Double? = single ? Float(text).map(Double.init) : Double(text)
        guard let value, value.isFinite else { return .failure(.init("out of range for \(type.rawValue)")) }
        if value == 0, !isZero { return .failure(.init("too small for \(type.rawValue): it would read as 0")) }
        return .success(value)
    }

    /// The number as a value of an exact decimal type, or why it cannot be one: DT_NUMERIC
    /// holds 38 digits, DT_DECIMAL 29 (an unscaled value below 2⁹⁶, 28 after the point),
    /// DT_CY an 8-byte integer count of ten-thousandths.
    func decimal(as type: DataType) -> Result<Decimal, ValueRefusal> {
        switch type {
        case .numeric:
            guard integerDigits + scale <= 38 else { return .failure(.init("more than 38 digits (DT_NUMERIC holds 38)")) }
        case .decimal:
            guard scale <= 28 else { return .failure(.init("more than 28 digits after the point (DT_DECIMAL holds 28)")) }
            guard fitsUnscaled(atScale: scale, limit: "79228162514264337593543950335") else {
                return .failure(.init("out of range for DT_DECIMAL (at most 79228162514264337593543950335)"))
            }
        case .currency:
            guard scale <= 4 else { return .failure(.init("more than 4 digits after the point (DT_CY holds 4)")) }
            let limit = negative ? "9223372036854775808" : "9223372036854775807"
            guard fitsUnscaled(atScale: 4, limit: limit) else {
                return .failure(.init("out of range for DT_CY (-922337203685477.5808 to 922337203685477.5807)"))
            }
        default:
            return .failure(.init("\(type.rawValue) is not a decimal type"))
        }
        if isZero { return .success(Decimal.zero) }  // never a negative zero: Decimal reads that as NaN
        var significand = Decimal.zero
        for d in digits { significand = significand * 10 + Decimal(Int(d)) }  // ≤ 38 digits: exact
        return .success(Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: significand))
    }

    /// Whether the value times 10^`scale` (a whole number, scale ≥ this number's scale) is at
    /// most `limit`, compared as digit strings.
    private func fitsUnscaled(atScale scale: Int, limit: String) -> Bool {
        if isZero { return true }
        let count = digits.count + exponent + scale  // digits of the unscaled whole number
        let limitDigits = limit.utf8.map { $0 - UInt8(ascii: "0") }
        if count != limitDigits.count { return count < limitDigits.count }
        let padded = digits + repeatElement(0, count: count - digits.count)
        return padded.lexicographicallyPrecedes(limitDigits) || padded == limitDigits
    }
}
