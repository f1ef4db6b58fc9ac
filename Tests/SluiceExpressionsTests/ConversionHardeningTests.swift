import Foundation
import SluiceCore
@testable import SluiceExpressions
import Testing

/// What a hostile review of the locale conversions found: an order that was not total, a date
/// without an offset refused, and garbage read as dates.
@Suite struct ConversionHardeningTests {
    func eval(_ text: String) throws -> Value {
        try CompiledExpression(text, environment: FixedEnvironment(locale: .englishUnitedStates)).evaluate()
    }

    func refused(_ text: String) -> Bool {
        do {
            _ = try eval(text)
            return false
        } catch { return true }
    }

    /// A sort needs exactly one of a < b, a == b, a > b, and transitivity: checked over pairs and
    /// triples of characters that fold together (the Kelvin sign and K, Ω and the Ohm sign,
    /// the DŽ digraph's three cases, accented and plain letters).
    @Test func theCollationIsATotalOrder() {
        let words = ["K", "k", "\u{212A}", "Ω", "ω", "\u{2126}", "Ǆ", "ǅ", "ǆ", "Θ", "θ", "\u{03F4}", "e", "é", "E", "É", "ë",
                     "ka", "Ka", "\u{212A}a", "éa", "ea", ""]
        for a in words {
            for b in words {
                let ab = Collation.order(a, b), ba = Collation.order(b, a)
                #expect(ab == -ba, "\(a) vs \(b): \(ab) and \(ba)")
                #expect((ab == 0) == a.utf8.elementsEqual(b.utf8), "\(a) vs \(b)")  // exact, not canonical equivalence
                for c in words where ab < 0 && Collation.order(b, c) < 0 {
                    #expect(Collation.order(a, c) < 0, "\(a) < \(b) < \(c) but not \(a) < \(c)")
                }
            }
        }
        // Sorting with it gives one order whatever the input order.
        #expect(words.sorted { Collation.order($0, $1) < 0 } == words.reversed().sorted { Collation.order($0, $1) < 0 })
    }

    /// A DT_DBTIMESTAMPOFFSET without an offset is +00:00 ("Integration Services Data Types"),
    /// also when the date itself ends in `-dd`.
    @Test func anOffsetCastReadsADateWithoutAnOffset() throws {
        #expect(try eval(#"(DT_WSTR,40)(DT_DBTIMESTAMPOFFSET,0)"2002-11-04""#) == .string("2002-11-04 00:00:00 +00:00"))
        #expect(try eval(#"(DT_WSTR,40)(DT_DBTIMESTAMPOFFSET,0)"11-04-2002""#) == .string("2002-11-04 00:00:00 +00:00"))
        #expect(try eval(#"(DT_WSTR,40)(DT_DBTIMESTAMPOFFSET,0)"2002-11-04 10:00-05:00""#) == .string("2002-11-04 10:00:00 -05:00"))
    }

    /// Signs, exponents and a second date are not dates or times.
    @Test func garbageIsNotADate() {
        for text in ["+1/+1/+1", "1/1/+002", "+002-01-01", "11/04/2002 1899-12-30 10:00", "2002-11-04 10:30:5e1",
                     "2002-11-04 10:30:0x1p3", "2002-11-04 10:30:inf", "2002-11-04 +1:30", "10:30:nan"] {
            #expect(refused(#"(DT_DBTIMESTAMP)""# + text + #"""#), "read \(text) as a date")
        }
        // The forms that are dates still are.
        #expect(!refused(#"(DT_DBTIMESTAMP)"11/04/2002 10:30:05.25""#))
        #expect(!refused(#"(DT_DBTIMESTAMP)"2002-11-04 10:30:05""#))
    }
}

/// Products and quotients of wide DT_NUMERIC values keep their whole digits (SQL Server's rule,
/// "Precision, scale, and length (Transact-SQL)"): before, a scale past 38 digits left no room
/// for a whole digit and `1.5 * 2` overflowed.
@Suite struct DecimalScaleTests {
    func eval(_ text: String) throws -> Value {
        try CompiledExpression(text, environment: FixedEnvironment()).evaluate()
    }

    @Test func wideProductsAndQuotientsFit() throws {
        #expect(try eval("(DT_NUMERIC,38,20)1.5 * (DT_NUMERIC,38,20)2") == .decimal(3))
        #expect(try eval("(DT_NUMERIC,38,30)7.5 / (DT_NUMERIC,38,30)2.5") == .decimal(3))
        #expect(try eval("(DT_NUMERIC,10,2)10 / (DT_NUMERIC,10,2)4") == .decimal(Decimal(string: "2.5")!))
        // Small operands keep every digit of the product.
        #expect(try eval("(DT_NUMERIC,10,3)1.125 * (DT_NUMERIC,10,3)1.125") == .decimal(Decimal(string: "1.265625")!))
        #expect(TypeRules.decimalScale("*", ExpressionType(.numeric, precision: 10, scale: 3), ExpressionType(.numeric, precision: 10, scale: 3)) == 6)
        #expect(TypeRules.decimalScale("*", ExpressionType(.numeric, precision: 38, scale: 20), ExpressionType(.numeric, precision: 38, scale: 20)) == 6)
        // A product that really passes 38 digits is still an overflow.
        let big = "(DT_NUMERIC,38,0)99999999999999999999999999999999999999"
        #expect(throws: SluiceError.self) { try eval("\(big) * \(big)") }
    }
}
