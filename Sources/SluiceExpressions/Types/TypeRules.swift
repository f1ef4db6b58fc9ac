import SluiceCore

/// SSIS's implicit conversions between numeric types in binary operations.
///
/// - A real on either side gives DT_R8 (DT_R4 with DT_R4 stays DT_R4).
/// - DT_CY with DT_CY or an integer stays DT_CY (Microsoft, "Integration Services Data Types
///   in Expressions", the implicit conversion chart).
/// - Any other exact decimal (DT_NUMERIC, DT_DECIMAL, DT_CY) on either side gives DT_NUMERIC
///   with the larger scale.
/// - Two integers of the same signedness give the wider one; a signed and an unsigned give a
///   signed type wide enough for both (DT_I8 at most; overflow is checked at run time).
enum TypeRules {
    static func numericResult(_ a: ExpressionType, _ b: ExpressionType) -> ExpressionType {
        if a.isReal || b.isReal {
            return a.dataType == .r4 && b.dataType == .r4 ? ExpressionType(.r4) : .r8
        }
        let currencyOrInteger = { (t: ExpressionType) in t.dataType == .currency || t.isInteger }
        if (a.dataType == .currency || b.dataType == .currency) && currencyOrInteger(a) && currencyOrInteger(b) {
            return ExpressionType(.currency)
        }
        if a.isExactDecimal || b.isExactDecimal {
            let scale = max(a.isExactDecimal ? a.scale ?? 4 : 0, b.isExactDecimal ? b.scale ?? 4 : 0)
            return ExpressionType(.numeric, precision: 38, scale: scale)
        }
        if a.isSignedInteger == b.isSignedInteger {
            return a.integerBits >= b.integerBits ? ExpressionType(a.dataType) : ExpressionType(b.dataType)
        }
        let (signed, unsigned) = a.isSignedInteger ? (a, b) : (b, a)
        let bits = max(signed.integerBits, min(unsigned.integerBits * 2, 64))
        return ExpressionType(bits <= 16 ? .i2 : bits <= 32 ? .i4 : .i8)
    }

    /// The scale of an exact-decimal product or quotient, by SQL Server's rule for decimal
    /// results ("Precision, scale, and length (Transact-SQL)"), which DT_NUMERIC follows: a
    /// product has precision p1 + p2 + 1 and scale s1 + s2; a quotient scale max(6, s1 + p2 + 1)
    /// and precision p1 - s1 + s2 + that scale. Past 38 digits the whole digits are kept and
    /// the scale shrinks to what is left, but not below 6, so `(DT_NUMERIC,38,20)1.5 * 2`
    /// still fits.
    static func decimalScale(_ op: String, _ a: ExpressionType, _ b: ExpressionType) -> Int {
        let (p1, s1) = digits(a), (p2, s2) = digits(b)
        let (precision, scale) = op == "*" ? (p1 + p2 + 1, s1 + s2) : { () -> (Int, Int) in
            let s = max(6, s1 + p2 + 1)
            return (p1 - s1 + s2 + s, s)
        }()
        guard precision > 38 else { return scale }
        let whole = precision - scale
        return max(min(scale, 38 - whole), min(scale, 6))
    }

    /// Precision and scale of a numeric operand: an exact decimal's own (or 38 and 4 when not
    /// declared), an integer's digits with scale 0.
    private static func digits(_ t: ExpressionType) -> (Int, Int) {
        if t.isExactDecimal { return (min(max(t.precision ?? 38, 1), 38), min(max(t.scale ?? 4, 0), 38)) }
        switch t.integerBits {
        case ...8: return (3, 0)
        case ...16: return (5, 0)
        case ...32: return (10, 0)
        default: return (20, 0)
        }
    }

    /// The type of `a + b` on strings: always DT_WSTR, as SSIS works on DT_STR values as DT_WSTR
    /// inside an expression; lengths add up.
    static func concatenation(_ a: ExpressionType, _ b: ExpressionType) -> ExpressionType {
        // Lengths grown by REPLICATE can pass Int.max when added: that length is unknown, not a trap.
        .wstr(a.length.flatMap { l in b.length.flatMap { m in
            let (sum, overflow) = l.addingReportingOverflow(m)
            return overflow ? nil : sum
        } })
    }

    /// SSIS requires an explicit cast to combine a DT_UI8 with a signed integer.
    static func mixesUI8WithSigned(_ a: ExpressionType, _ b: ExpressionType) -> Bool {
        (a.dataType == .ui8 && b.isSignedInteger) || (b.dataType == .ui8 && a.isSignedInteger)
    }

    /// The common type of the two branches of `?:`, or nil when they cannot meet.
    static func common(_ a: ExpressionType, _ b: ExpressionType) -> ExpressionType? {
        // An unknown length (a DT_WSTR variable) stays unknown rather than reading as 0.
        let length = a.length.flatMap { l in b.length.map { max(l, $0) } }
        if a.dataType == b.dataType {
            if a.isString { return ExpressionType(a.dataType, length: length, codePage: a.codePage) }
            if a.isExactDecimal { return numericResult(a, b) }
            return a
        }
        if a.isNumeric && b.isNumeric { return mixesUI8WithSigned(a, b) ? nil : numericResult(a, b) }
        if a.isString && b.isString { return .wstr(length) }
        if a.isDate && b.isDate { return .dbTimestamp }
        return nil
    }
}
