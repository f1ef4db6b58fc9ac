/// A JSON number as the document wrote it, for every number that is not an `Int64` (a
/// fraction, an exponent, more digits than 64 bits hold, `-0`).
///
/// The parser keeps the text because it cannot know what the number is for: a `DT_WSTR` or
/// `DT_NUMERIC` value keeps every digit of `123456789012345678901234567890`, where a `Double`
/// would have made it `1.2345678901234568e+29`. Writing a document gives the same text back.
///
/// ```swift
/// let n = JSONNumber("0.10")!   // n.text == "0.10", n.double == 0.1
/// ```
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's text: valid JSON number syntax.
    public let text: String
    /// The nearest `Double` (always finite: the parser refuses numbers beyond its range).
    public let double: Double

    /// A number from JSON number text; nil when the text is not one or is beyond a `Double`.
    public init?(_ text: String) {
        guard Self.isJSONNumber(text.utf8), let d = Double(text), d.isFinite else { return nil }
        self.text = text
        self.double = d
    }

    /// A finite `Double` as JSON text (`1.0`, `0.1`, `-0.0`, `1e+20`); nil for NaN and infinities.
    public init?(_ d: Double) {
        guard d.isFinite else { return nil }
        text = Self.text(of: d)
        double = d
    }

    /// For the parser, which has checked the syntax and the range.
    init(checked text: String, double: Double) {
        self.text = text
        self.double = double
    }

    public var description: String { text }

    /// The shortest text that reads back as `d`, with `.0` on whole numbers so they stay
    /// visibly real.
    static func text(of d: Double) -> String {
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return String(d)
    }

    private static func isJSONNumber(_ utf8: String.UTF8View) -> Bool {
        var i = utf8.startIndex
        func digits() -> Int {
            var n = 0
            while i < utf8.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[i]) {
                i = utf8.index(after: i)
                n += 1
            }
            return n
        }
        func take(_ c: Unicode.Scalar) -> Bool {
            guard i < utf8.endIndex, utf8[i] == UInt8(ascii: c) else { return false }
            i = utf8.index(after: i)
            return true
        }
        _ = take("-")
        let leadingZero = i < utf8.endIndex && utf8[i] == UInt8(ascii: "0")
        let whole = digits()
        guard whole > 0, !(leadingZero && whole > 1) else { return false }
        if take("."), digits() == 0 { return false }
        if take("e") || take("E") {
            if !take("+") { _ = take("-") }
            if digits() == 0 { return false }
        }
        return i == utf8.endIndex
    }
}
