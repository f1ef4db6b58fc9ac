import Foundation
import SluiceCore
@testable import SluiceExpressions
import Testing

/// Conversions as SSIS does them, driven by the package's `LocaleID`. Each test cites the
/// Microsoft page whose behaviour it checks.
@Suite struct LocaleConversionTests {
    func eval(_ text: String, _ locale: PackageLocale = .englishUnitedStates) throws -> Value {
        try CompiledExpression(text, environment: FixedEnvironment(locale: locale)).evaluate()
    }

    func text(_ expression: String, _ locale: PackageLocale = .englishUnitedStates) throws -> String {
        try eval("(DT_WSTR,60)(\(expression))", locale).string ?? "NULL"
    }

    func error(_ text: String, _ locale: PackageLocale = .englishUnitedStates) -> SluiceMessage? {
        do {
            _ = try eval(text, locale)
            return nil
        } catch {
            return (error as? SluiceError)?.message
        }
    }

    // MARK: - LocaleID

    /// "Cast (SSIS Expression)": string to date conversions use the package's locale.
    @Test func numericDatesReadInTheLocalesOrder() throws {
        #expect(try text(#"(DT_DBTIMESTAMP)"11/04/2002""#) == "2002-11-04 00:00:00")
        #expect(try text(#"(DT_DBTIMESTAMP)"11/04/2002""#, .englishUnitedKingdom) == "2002-04-11 00:00:00")
        #expect(try text(#"(DT_DBTIMESTAMP)"11.04.2002 13:05:09""#, .germanGermany) == "2002-04-11 13:05:09")
        #expect(try text(#"(DT_DBDATE)"25/12/2002""#, .frenchFrance) == "2002-12-25")
        #expect(try text(#"(DT_DBTIMESTAMP)"12/25/02 1:30 PM""#) == "2002-12-25 13:30:00")
        // ISO text reads the same in every locale.
        #expect(try text(#"(DT_DBTIMESTAMP)"2002-11-04 10:00:00""#, .englishUnitedKingdom) == "2002-11-04 10:00:00")
        #expect(error(#"(DT_DBTIMESTAMP)"25/12/2002""#) == .expressionConversion)  // no month 25 in en-US
        #expect(error(#"(DT_DBTIMESTAMP)"31/02/2002""#, .englishUnitedKingdom) == .expressionConversion)
    }

    @Test func numbersReadWithTheLocalesDecimalSeparator() throws {
        #expect(try eval(#"(DT_R8)"1,5""#, .germanGermany) == .real(1.5))
        #expect(try eval(#"(DT_NUMERIC,10,2)"12,25""#, .frenchFrance) == .decimal(Decimal(string: "12.25")!))
        #expect(try eval(#"(DT_R8)"1.5""#) == .real(1.5))
        #expect(error(#"(DT_R8)"1,5""#) == .expressionConversion)
    }

    @Test func aPackagesLocaleIdIsOneSluiceKnows() throws {
        #expect(try PackageLocale(id: 1031) == .germanGermany)
        let refused = #expect(throws: SluiceError.self) { try PackageLocale(id: 1041) }
        #expect(refused?.message == .localeUnsupported)
    }

    // MARK: - Collation

    /// SQL Server's default collation (SQL_Latin1_General_CP1_CI_AS), which SSIS users compare
    /// with: case and accents matter only to break ties.
    @Test func stringsOrderCaseInsensitivelyFirst() throws {
        #expect(try eval(#""a" < "B""#) == .bool(true))
        #expect(try eval(#""B" > "a""#) == .bool(true))
        #expect(try eval(#""a" < "A""#) == .bool(true))
        #expect(try eval(#""a" == "A""#) == .bool(false))  // equality stays exact, as in SSIS
        #expect(try eval(#""e" < "é" && "é" < "f""#) == .bool(true))
        #expect(try eval(#""apple" < "Apples""#) == .bool(true))
        #expect(try eval(#""Zebra" >= "zebra""#) == .bool(true))
        #expect(Collation.order("abc", "abc") == 0)
        #expect(Collation.order("ABC", "abd") == -1)
    }

    // MARK: - Dates and times

    /// "Integration Services Data Types": DT_DBTIMESTAMPOFFSET holds an offset from -14:00 to +14:00.
    @Test func timestampOffsetsParseCompareInUtcAndWriteTheirOffset() throws {
        #expect(try text(#"(DT_DBTIMESTAMPOFFSET,3)"2002-11-04 10:00:00.5 +02:00""#) == "2002-11-04 10:00:00.500 +02:00")
        #expect(try text(#"(DT_DBTIMESTAMPOFFSET,0)"2002-11-04 10:00:00 -05:30""#) == "2002-11-04 10:00:00 -05:30")
        let sameInstant = #"(DT_DBTIMESTAMPOFFSET,0)"2002-11-04 10:00:00 +02:00" == (DT_DBTIMESTAMPOFFSET,0)"2002-11-04 08:00:00 +00:00""#
        #expect(try eval(sameInstant) == .bool(true))
        let earlier = #"(DT_DBTIMESTAMPOFFSET,0)"2002-11-04 10:00:00 +05:00" < (DT_DBTIMESTAMPOFFSET,0)"2002-11-04 08:00:00 +00:00""#
        #expect(try eval(earlier) == .bool(true))
        #expect(error(#"(DT_DBTIMESTAMPOFFSET,0)"2002-11-04 10:00:00 +15:00""#) == .expressionConversion)
        #expect(try text(#"(DT_DBTIMESTAMPOFFSET,0)(DT_DBTIMESTAMP)"2002-11-04 10:00:00""#) == "2002-11-04 10:00:00 +00:00")
    }

    /// "Integration Services Data Types": DT_DBTIME2 and DT_DBTIMESTAMP2 carry 0-7 fractional digits.
    @Test func fractionalTypesWriteAllTheirDigits() throws {
        #expect(try text(#"(DT_DBTIMESTAMP2,7)"2002-11-04 10:00:00""#) == "2002-11-04 10:00:00.0000000")
        #expect(try text(#"(DT_DBTIME2,7)"10:00:01.25""#) == "10:00:01.2500000")
        #expect(try text(#"(DT_DBTIME2,2)"10:00:01.25""#) == "10:00:01.25")
        #expect(try text(#"(DT_DBTIMESTAMP2,0)"2002-11-04 10:00:00""#) == "2002-11-04 10:00:00")
        #expect(try text(#"(DT_FILETIME)"2002-11-04 10:00:00""#) == "2002-11-04 10:00:00.000")
    }

    /// "Integration Services Data Types", converting DT_DBTIME to DT_DBTIMESTAMP: "the date field
    /// is set to the current date".
    @Test func aTimeCastToATimestampTakesTodaysDate() throws {
        let value = try eval(#"(DT_DBTIMESTAMP)(DT_DBTIME)"13:45:00""#)
        let today = DateTime.format(DateTime.localToday(), dateOnly: true)
        #expect(value == .date(try #require(DateTime.parse(today + " 13:45:00"))))
        // Not folded at compile time: it reads today when it runs.
        let expression = try CompiledExpression(#"(DT_DBTIMESTAMP)(DT_DBTIME)"13:45:00""#, environment: FixedEnvironment())
        #expect(expression.type.dataType == .dbTimestamp)
    }

    // MARK: - Lengths

    /// "Cast (SSIS Expression)": DT_STR's length is in bytes of its code page.
    @Test func strLengthsCountBytesOfTheCodePage() throws {
        #expect(try eval(#"(DT_STR,4,65001)"été!""#) == .string("ét"))   // é is two bytes in UTF-8
        #expect(try eval(#"(DT_STR,4,1252)"été!""#) == .string("été!"))
        #expect(try eval(#"(DT_STR,3,932)"日本語""#) == .string("日"))
    }

    /// "LEN (SSIS Expression)": for DT_TEXT, DT_NTEXT and DT_IMAGE "the function returns a byte count".
    @Test func lenOfABlobCountsBytes() throws {
        let env = FixedEnvironment(variables: [
            "User::Image": TypedValue(.image, .bytes([1, 2, 3])),
        ])
        #expect(try CompiledExpression("LEN(@[User::Image])", environment: env).evaluate() == .int(3))
        #expect(try eval(#"LEN((DT_NTEXT)"abc")"#) == .int(6))
        #expect(try eval(#"LEN((DT_TEXT,65001)"été")"#) == .int(5))
        #expect(try eval(#"LEN("été")"#) == .int(3))
    }

    // MARK: - DT_CY

    /// "Integration Services Data Types in Expressions": DT_CY with DT_CY or an integer is DT_CY.
    @Test func currencyArithmeticStaysCurrency() throws {
        let sum = try CompiledExpression(#"(DT_CY)"1.25" + (DT_CY)"2.5""#, environment: FixedEnvironment())
        #expect(sum.type.dataType == .currency)
        #expect(try sum.evaluate() == .decimal(Decimal(string: "3.75")!))
        let product = try CompiledExpression(#"(DT_CY)"1.2345" * 3"#, environment: FixedEnvironment())
        #expect(product.type.dataType == .currency)
        #expect(try product.evaluate() == .decimal(Decimal(string: "3.7035")!))
        #expect(try CompiledExpression(#"(DT_CY)"1" / 3"#, environment: FixedEnvironment()).evaluate() == .decimal(Decimal(string: "0.3333")!))
        #expect(try CompiledExpression(#"(DT_CY)"1" * 1.5"#, environment: FixedEnvironment()).type.dataType == .numeric)
    }

    // MARK: - Errors SSIS raises

    @Test func currencyAndNumericOverflow() throws {
        #expect(error(#"(DT_CY)"922337203685477.5807" + (DT_CY)"1""#) == .expressionOverflow)
        #expect(error(#"(DT_CY)"922337203685478""#) == .expressionConversion)
        #expect(error(#"(DT_NUMERIC,38,0)"99999999999999999999999999999999999999" * 10"#) == .expressionOverflow)
    }

    /// "Comparison operators": a time cannot be compared with a date.
    @Test func aTimeComparedWithADateIsATypeError() {
        #expect(error(#"(DT_DBTIME)"10:00:00" < (DT_DBTIMESTAMP)"2002-11-04""#) == .expressionDateTimeCompared)
        #expect(error(#"(DT_DBDATE)"2002-11-04" == (DT_DBTIME2,0)"10:00:00""#) == .expressionDateTimeCompared)
    }

    /// "Integration Services Data Types in Expressions": BLOB types do not compare.
    @Test func blobsDoNotCompare() {
        #expect(error(#"(DT_NTEXT)"a" == (DT_NTEXT)"a""#) == .expressionBlobCompared)
        #expect(error(#"(DT_TEXT,1252)"a" < "b""#) == .expressionBlobCompared)
    }

    /// "& (Bitwise AND) (SSIS Expression)": both signed or both unsigned.
    @Test func bitwiseOperatorsRefuseMixedSignedness() throws {
        #expect(error("3 & 5U") == .expressionBitwiseSignedness)
        #expect(error("(DT_UI1)3 | (DT_I2)5") == .expressionBitwiseSignedness)
        #expect(try eval("(DT_UI1)3 ^ 5U") == .uint(6))
        #expect(try eval("3 & 5") == .int(1))
    }

    /// "ROUND (SSIS Expression)": the length "must evaluate to a positive integer or zero".
    @Test func roundRefusesANegativeLength() throws {
        #expect(error("ROUND(1250, -2)") == .expressionRoundNegativeLength)
        let env = FixedEnvironment(variables: ["User::Digits": TypedValue(.i4, .int(-1))])
        let atRunTime = try CompiledExpression("ROUND(12.5, @[User::Digits])", environment: env)
        #expect(throws: SluiceError.self) { try atRunTime.evaluate() }
        #expect(try eval("ROUND(12.25, 1)") == .decimal(Decimal(string: "12.3")!))
    }

    // MARK: - Batches

    /// The batch evaluator converts with the plan's locale, as the scalar one does.
    @Test func batchesConvertWithTheEnvironmentsLocale() throws {
        let batch = try ColumnBatch([("s", Column(["1,5", "2,25", nil] as [String?]))])
        let e = try BatchExpression("(DT_R8)s", schema: ["s": .wstr], environment: FixedEnvironment(locale: .germanGermany))
        let column = try e.evaluate(batch)
        #expect(column.value(at: 0) == .real(1.5))
        #expect(column.value(at: 1) == .real(2.25))
        #expect(column.value(at: 2) == .null)
        let ordered = try BatchExpression(#"s < "2""#, schema: ["s": .wstr]).evaluate(batch)
        #expect(ordered.value(at: 0) == .bool(true))
    }
}
