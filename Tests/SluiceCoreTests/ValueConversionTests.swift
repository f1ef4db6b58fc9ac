import Foundation
import Testing
import SluiceCore

/// The message of the error `body` throws, or nil when it throws none.
private func thrownMessage(_ body: () throws -> Value) -> SluiceMessage? {
    do {
        _ = try body()
        return nil
    } catch {
        return (error as? SluiceError)?.message
    }
}

private func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))!
}

@Suite struct ValueParsingTests {
    @Test func parsesIntegersOfEverySignedType() throws {
        #expect(try Value.parse("42", as: .i4) == .int(42))
        #expect(try Value.parse(" -7 ", as: .i2) == .int(-7))
        #expect(try Value.parse("+5", as: .i8) == .int(5))
        #expect(try Value.parse("9223372036854775807", as: .i8) == .int(Int64.max))
        #expect(try Value.parse("-128", as: .i1) == .int(-128))
        #expect(try Value.parse("127", as: .i1) == .int(127))
    }

    @Test(arguments: [
        ("128", DataType.i1), ("-129", .i1), ("32768", .i2), ("2147483648", .i4), ("-2147483649", .i4),
        ("9223372036854775808", .i8), ("256", .ui1), ("65536", .ui2), ("4294967296", .ui4), ("-1", .ui1),
        ("18446744073709551616", .ui8),
    ])
    func rejectsIntegersOutOfTheTypesRange(_ text: String, _ type: DataType) {
        #expect(thrownMessage { try Value.parse(text, as: type) } == .typeMismatch)
    }

    @Test func parsesUnsignedIntegersAsUnsignedValues() throws {
        #expect(try Value.parse("255", as: .ui1) == .uint(255))
        #expect(try Value.parse("18446744073709551615", as: .ui8) == .uint(UInt64.max))
        #expect(try Value.parse("0", as: .ui4) == .uint(0))
    }

    @Test(arguments: ["abc", "", "4.5", "1e3", "12abc", "0x10"])
    func rejectsTextThatIsNotAnInteger(_ text: String) throws {
        let error = try #require(throws: SluiceError.self) { try Value.parse(text, as: .i4) }
        #expect(error.message == .typeMismatch)
        #expect(error.text == "Cannot convert \"\(text)\" to DT_I4: not an integer")
    }

    @Test func parsesRealsAndDecimals() throws {
        #expect(try Value.parse("2.5", as: .r8) == .real(2.5))
        #expect(try Value.parse("-1e3", as: .r4) == .real(-1000))
        #expect(try Value.parse("12.50", as: .numeric) == .decimal(Decimal(string: "12.5")!))
        #expect(try Value.parse(" -0.0001 ", as: .currency) == .decimal(Decimal(string: "-0.0001")!))
        let largest = "79228162514264337593543950335"
        #expect(try Value.parse(largest, as: .decimal) == .decimal(Decimal(string: largest)!))
        #expect(thrownMessage { try Value.parse("two", as: .r8) } == .typeMismatch)
    }

    @Test(arguments: ["", "abc", "12abc", "1-2", "1.2.3", "0x10", "1 2"])
    func rejectsTextThatIsNotADecimalNumber(_ text: String) {
        #expect(thrownMessage { try Value.parse(text, as: .numeric) } == .typeMismatch)
    }

    @Test(arguments: ["true", "True", "TRUE", "1", "-1", "yes", "Yes", " true "])
    func readsTrueSpellings(_ text: String) throws {
        #expect(try Value.parse(text, as: .bool) == .bool(true))
    }

    @Test(arguments: ["false", "False", "FALSE", "0", "no", "NO"])
    func readsFalseSpellings(_ text: String) throws {
        #expect(try Value.parse(text, as: .bool) == .bool(false))
    }

    @Test(arguments: ["maybe", "", "2", "t", "y"])
    func rejectsOtherBooleanSpellings(_ text: String) throws {
        let error = try #require(throws: SluiceError.self) { try Value.parse(text, as: .bool) }
        #expect(error.text.contains("expected True or False"))
    }

    @Test func readsDatesInUTCForEveryDateType() throws {
        let expected = Value.date(utc(2026, 11, 25, 10))
        #expect(try Value.parse("2026-11-25T10:00:00Z", as: .dbTimestamp) == expected)
        #expect(try Value.parse("2026-11-25T10:00:00+00:00", as: .date) == expected)
        #expect(try Value.parse("2026-11-25T10:00:00Z", as: .dbTimestampOffset) == expected)
    }

    @Test func readsDatesWithoutAnOffsetAsUTC() throws {
        #expect(try Value.parse("2026-11-25T10:00:00", as: .dbTimestamp) == .date(utc(2026, 11, 25, 10)))
        #expect(try Value.parse("2026-11-25", as: .dbDate) == .date(utc(2026, 11, 25)))
        #expect(try Value.parse(" 2026-01-31 ", as: .dbDate) == .date(utc(2026, 1, 31)))
    }

    @Test func readsFractionalSeconds() throws {
        let expected = utc(2026, 11, 25, 10).addingTimeInterval(0.25)
        #expect(try Value.parse("2026-11-25T10:00:00.250Z", as: .dbTimestamp2) == .date(expected))
        #expect(try Value.parse("2026-11-25T10:00:00.250", as: .dbTimestamp2) == .date(expected))
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01", "25/11/2026", "10:00", "2026-11-25 at noon", "2026-11-25x",
        "2026-11-25 10:00:00", "2026-11-25T10:00", "2026-11-25T10:00:00 junk",
    ])
    func rejectsTextThatIsNotAnISODate(_ text: String) {
        #expect(thrownMessage { try Value.parse(text, as: .dbTimestamp) } == .typeMismatch)
    }

    @Test func writesDatesAsISOTextInUTC() throws {
        #expect(Value.date(utc(2026, 11, 25, 10)).description == "2026-11-25T10:00:00Z")
        #expect(Value.date(utc(2026, 11, 25, 10).addingTimeInterval(0.25)).description == "2026-11-25T10:00:00.250Z")
        let noon = try Value.parse("2026-11-25T14:00:00+02:00", as: .dbTimestampOffset)
        #expect(noon.description == "2026-11-25T14:00:00+02:00")
    }

    @Test func readsGUIDsWithOrWithoutBracesInAnyCase() throws {
        let id = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
        #expect(try Value.parse("{E621E1F8-C36C-495A-93FC-0C247A3E6E5F}", as: .guid) == .guid(id))
        #expect(try Value.parse("e621e1f8-c36c-495a-93fc-0c247a3e6e5f", as: .guid) == .guid(id))
        #expect(try Value.parse(" {e621e1f8-c36c-495a-93fc-0c247a3e6e5f} ", as: .guid) == .guid(id))
        #expect(Value.guid(id).description == "{E621E1F8-C36C-495A-93FC-0C247A3E6E5F}")
        #expect(thrownMessage { try Value.parse("E621E1F8C36C495A93FC0C247A3E6E5F", as: .guid) } == .typeMismatch)
        #expect(thrownMessage { try Value.parse("not-a-guid", as: .guid) } == .typeMismatch)
    }

    @Test func readsBytesAsHexWithOrWithoutThePrefix() throws {
        #expect(try Value.parse("0xDEADBEEF", as: .bytes) == .bytes([0xDE, 0xAD, 0xBE, 0xEF]))
        #expect(try Value.parse("0Xdeadbeef", as: .image) == .bytes([0xDE, 0xAD, 0xBE, 0xEF]))
        #expect(try Value.parse("00ff", as: .bytes) == .bytes([0x00, 0xFF]))
        #expect(try Value.parse("0x", as: .bytes) == .bytes([]))
        #expect(try Value.parse("", as: .bytes) == .bytes([]))
        #expect(Value.bytes([0x0A, 0xBC]).description == "0x0ABC")
    }

    @Test(arguments: ["0xABC", "0xZZ", "GG", "0x+1", "0x-0", "+1+2", "0x 1", "0x0x"])
    func rejectsTextThatIsNotHexBytes(_ text: String) {
        #expect(thrownMessage { try Value.parse(text, as: .bytes) } == .typeMismatch)
    }

    @Test func keepsTextExactlyAsGivenForStringTypes() throws {
        #expect(try Value.parse("  spaced  ", as: .wstr) == .string("  spaced  "))
        #expect(try Value.parse("", as: .str) == .string(""))
        #expect(try Value.parse("😀", as: .ntext) == .string("😀"))
    }

    @Test func refusesToParseObjects() throws {
        let error = try #require(throws: SluiceError.self) { try Value.parse("x", as: .object) }
        #expect(error.text.contains("objects cannot be written as text"))
    }
}

@Suite struct ValueConversionTests {
    @Test func convertsNumbersBetweenNumericTypesWhenTheyFit() throws {
        #expect(try Value.int(5).converted(to: .r8) == .real(5))
        #expect(try Value.int(200).converted(to: .ui1) == .uint(200))
        #expect(try Value.uint(7).converted(to: .i2) == .int(7))
        #expect(try Value.uint(UInt64.max).converted(to: .ui8) == .uint(UInt64.max))
        #expect(try Value.real(3).converted(to: .i4) == .int(3))
        #expect(try Value.real(-2).converted(to: .i1) == .int(-2))
        #expect(try Value.int(12).converted(to: .numeric) == .decimal(12))
        #expect(try Value.uint(12).converted(to: .decimal) == .decimal(12))
        #expect(try Value.real(0.5).converted(to: .currency) == .decimal(Decimal(string: "0.5")!))
        #expect(try Value.decimal(Decimal(string: "2.5")!).converted(to: .r8) == .real(2.5))
        #expect(try Value.real(0.1).converted(to: .r4) == .real(Double(Float(0.1))))
    }

    @Test func rejectsNumbersOutsideTheTargetRange() throws {
        let error = try #require(throws: SluiceError.self) { try Value.int(200).converted(to: .i1) }
        #expect(error.message == .typeMismatch)
        #expect(error.text == "Cannot convert 200 to DT_I1: out of range")
        #expect(thrownMessage { try Value.int(-129).converted(to: .i1) } == .typeMismatch)
        #expect(thrownMessage { try Value.int(-1).converted(to: .ui4) } == .typeMismatch)
        #expect(thrownMessage { try Value.uint(UInt64.max).converted(to: .i8) } == .typeMismatch)
        #expect(thrownMessage { try Value.real(2.5).converted(to: .i4) } == .typeMismatch)
        #expect(thrownMessage { try Value.real(1e19).converted(to: .i8) } == .typeMismatch)
        #expect(thrownMessage { try Value.real(.nan).converted(to: .i4) } == .typeMismatch)
    }

    @Test func rejectsNegativeNumbersForDTUI8InsteadOfCrashing() throws {
        #expect(thrownMessage { try Value.int(-1).converted(to: .ui8) } == .typeMismatch)
        #expect(thrownMessage { try Value.real(-2).converted(to: .ui8) } == .typeMismatch)
        #expect(thrownMessage { try Value.bool(true).converted(to: .ui8) } == .typeMismatch)
        #expect(try Value.int(Int64.max).converted(to: .ui8) == .uint(UInt64(Int64.max)))
        #expect(try Value.bool(false).converted(to: .ui8) == .uint(0))
    }

    @Test func convertsBooleansTheSSISWay() throws {
        #expect(try Value.bool(true).converted(to: .i4) == .int(-1))
        #expect(try Value.bool(false).converted(to: .i2) == .int(0))
        #expect(try Value.int(0).converted(to: .bool) == .bool(false))
        #expect(try Value.int(-3).converted(to: .bool) == .bool(true))
        #expect(try Value.bool(true).converted(to: .wstr) == .string("True"))
    }

    @Test func convertsAnythingToText() throws {
        #expect(try Value.int(-4).converted(to: .wstr) == .string("-4"))
        #expect(try Value.real(2).converted(to: .str) == .string("2"))
        #expect(try Value.real(2.5).converted(to: .str) == .string("2.5"))
        #expect(try Value.decimal(Decimal(string: "1.25")!).converted(to: .ntext) == .string("1.25"))
        #expect(try Value.bytes([1, 2]).converted(to: .text) == .string("0x0102"))
        let id = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
        #expect(try Value.guid(id).converted(to: .wstr) == .string("{E621E1F8-C36C-495A-93FC-0C247A3E6E5F}"))
        #expect(try Value.date(utc(2026, 1, 2, 3, 4, 5)).converted(to: .wstr) == .string("2026-01-02T03:04:05Z"))
    }

    @Test func parsesTextIntoTheTargetType() throws {
        #expect(try Value.string("12").converted(to: .i4) == .int(12))
        #expect(try Value.string("yes").converted(to: .bool) == .bool(true))
        #expect(try Value.string("2026-11-25").converted(to: .dbDate) == .date(utc(2026, 11, 25)))
        #expect(try Value.string("0x01").converted(to: .bytes) == .bytes([1]))
        #expect(thrownMessage { try Value.string("abc").converted(to: .i4) } == .typeMismatch)
    }

    @Test func keepsNullAsNullForEveryType() throws {
        for type in DataType.allCases {
            #expect(try Value.null.converted(to: type) == .null)
        }
    }

    @Test func keepsValuesOfTheirOwnKind() throws {
        let id = UUID()
        let now = Date(timeIntervalSince1970: 1_000)
        #expect(try Value.guid(id).converted(to: .guid) == .guid(id))
        #expect(try Value.date(now).converted(to: .dbTimestamp) == .date(now))
        #expect(try Value.bytes([9]).converted(to: .image) == .bytes([9]))
        let object = ObjectValue([1, 2], description: "two numbers")
        #expect(try Value.object(object).converted(to: .object) == .object(object))
    }

    @Test func refusesConversionsThatMakeNoSense() throws {
        let error = try #require(throws: SluiceError.self) { try Value.guid(UUID()).converted(to: .i4) }
        #expect(error.text.contains("a guid value has no conversion to DT_I4"))
        #expect(thrownMessage { try Value.date(Date()).converted(to: .r8) } == .typeMismatch)
        #expect(thrownMessage { try Value.int(1).converted(to: .dbDate) } == .typeMismatch)
        #expect(thrownMessage { try Value.bytes([1]).converted(to: .guid) } == .typeMismatch)
        #expect(thrownMessage { try Value.real(1).converted(to: .bool) } == .typeMismatch)
    }

    @Test func describesValuesTheWaySetWritesThem() {
        #expect(Value.null.description == "NULL")
        #expect(Value.bool(true).description == "True")
        #expect(Value.bool(false).description == "False")
        #expect(Value.real(3).description == "3")
        #expect(Value.real(0.1).description == "0.1")
        #expect(Value.uint(UInt64.max).description == "18446744073709551615")
    }

    @Test func everyDataTypeHasAValueKindAndAllButObjectAnArrowFormat() {
        for type in DataType.allCases {
            #expect((type.arrowFormat == nil) == (type == .object), "\(type)")
        }
        #expect(DataType(rawValue: "DT_I4") == .i4)
        #expect(DataType.dbTimestampOffset.valueKind == .date)
        #expect(DataType.currency.valueKind == .decimal)
    }
}

@Suite struct RandomUUIDTests {
    @Test func randomUUIDsAreVersion4AndDistinct() {
        let ids = (0..<1_000).map { _ in UUID.random() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let text = id.uuidString
            #expect(Array(text)[14] == "4", "\(text)")  // version nibble
            #expect("89AB".contains(Array(text)[19]), "\(text)")  // variant
        }
    }
}

/// Numbers keep exactly the value written, or are refused with the reason: decimals every
/// digit, reals the nearest value of their precision but never infinity or a silent zero.
@Suite struct ExactNumberTests {
    private func reason(_ text: String, _ type: DataType) -> String? {
        do {
            _ = try Value.parse(text, as: type)
            return nil
        } catch {
            return (error as? SluiceError)?.inserts["reason"] ?? "\(error)"
        }
    }

    @Test(arguments: [
        ("12345678901234567890123456789012345678", DataType.numeric), ("-0.1234567890123456789012345678901234567", .numeric),
        ("0.00000000000000000000000000000000000001", .numeric), ("79228162514264337593543950335", .decimal),
        ("-79228162514264337593543950335", .decimal), ("0.1234567890123456789012345678", .decimal),
        ("922337203685477.5807", .currency), ("-922337203685477.5808", .currency), ("0.0001", .currency),
        ("0.1", .decimal), ("1.5", .numeric),
    ])
    func keepsEveryDigitOfADecimal(_ text: String, _ type: DataType) throws {
        let value = try Value.parse(text, as: type)
        #expect(value.description == text)
        #expect(value == .decimal(Decimal(string: text)!))
    }

    @Test func readsDecimalsWrittenWithAnExponentOrExtraZeros() throws {
        #expect(try Value.parse("1.5e3", as: .numeric).description == "1500")
        #expect(try Value.parse("25E-3", as: .decimal).description == "0.025")
        #expect(try Value.parse("1.2300", as: .currency).description == "1.23")
        #expect(try Value.parse("-0", as: .numeric) == .decimal(0))
        #expect(try Value.parse("+.5", as: .numeric).description == "0.5")
    }

    @Test(arguments: [
        ("123456789012345678901234567890123456789", DataType.numeric, "more than 38 digits"),
        ("0.000000000000000000000000000000000000001", .numeric, "more than 38 digits"),
        ("1e38", .numeric, "more than 38 digits"),
        ("79228162514264337593543950336", .decimal, "out of range for DT_DECIMAL"),
        ("0.12345678901234567890123456789", .decimal, "more than 28 digits after the point"),
        ("922337203685477.5808", .currency, "out of range for DT_CY"),
        ("-922337203685477.5809", .currency, "out of range for DT_CY"),
        ("1.23456", .currency, "more than 4 digits after the point"),
        ("1e999999999999999999999", .numeric, "more than 38 digits"),
    ])
    func refusesADecimalItsTypeCannotHold(_ text: String, _ type: DataType, _ expected: String) {
        #expect(reason(text, type)?.hasPrefix(expected) == true, "\(text): \(reason(text, type) ?? "accepted")")
    }

    @Test(arguments: ["NaN", "nan", "inf", "-Infinity", "0x1p3", "0x10", "1_000", "1e", "--1", "1.2.3", ".", "", "1 2", "١٢"])
    func refusesNumberTextThatIsNotPlainDecimal(_ text: String) {
        for type in [DataType.r4, .r8, .numeric, .decimal, .currency] {
            #expect(reason(text, type) != nil, "\(text) as \(type)")
        }
    }

    @Test func refusesRealsTheirTypeCannotHold() {
        #expect(reason("1e39", .r4) == "out of range for DT_R4")
        #expect(reason("-3.5e38", .r4) == "out of range for DT_R4")
        #expect(reason("1e309", .r8) == "out of range for DT_R8")
        #expect(reason("1e-50", .r4) == "too small for DT_R4: it would read as 0")
        #expect(reason("1e-400", .r8) == "too small for DT_R8: it would read as 0")
        #expect(reason("3.4028235e38", .r4) == nil)
        #expect(reason("1e-45", .r4) == nil)  // the smallest subnormal: not zero
        #expect(reason("0e999", .r8) == nil)  // zero, however written
    }

    @Test func readsRealsAsTheNearestValueOfTheirPrecision() throws {
        #expect(try Value.parse("0.1", as: .r4) == .real(Double(Float(0.1))))
        #expect(try Value.parse(".5", as: .r8) == .real(0.5))
        #expect(try Value.parse("5.", as: .r8) == .real(5))
        #expect(try Value.parse("+2e2", as: .r8) == .real(200))
        guard case .real(let negativeZero) = try Value.parse("-0", as: .r8) else { return }
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
        // Decimal text is read in single precision directly, not rounded twice through a Double.
        let text = "1.00000005960464477539062500000001"
        #expect(try Value.parse(text, as: .r4) == .real(Double(Float(text)!)))
    }

    @Test func convertsRealsToDTR4WithinItsRangeOnly() {
        #expect((try? Value.real(1e39).converted(to: .r4)) == nil)
        #expect((try? Value.int(Int64.max).converted(to: .r4)) == .real(Double(Float(Int64.max))))
    }

    @Test(arguments: ["-0", "+0", " 0 "])
    func readsZeroWithASignAsZeroForUnsignedTypes(_ text: String) throws {
        #expect(try Value.parse(text, as: .ui4) == .uint(0))
    }
}

/// Computed numbers (not text) converted to a decimal type follow SSIS: rounded to the digits
/// the type keeps after the point, refused beyond its range; so what a checkpoint writes back
/// is always a value of the type.
@Suite struct DecimalConversionTests {
    @Test func roundsToTheScaleOfTheType() throws {
        #expect(try Value.real(0.123456).converted(to: .currency) == .decimal(Decimal(string: "0.1235")!))
        #expect(try Value.real(-0.00005).converted(to: .currency) == .decimal(Decimal(string: "-0.0001")!))
        #expect(try Value.real(0.1).converted(to: .numeric) == .decimal(Decimal(string: "0.1")!))
        #expect(try Value.real(1e-300).converted(to: .numeric) == .decimal(0))
        let thirty = Decimal(string: "0.123456789012345678901234567891")!
        #expect(try Value.decimal(thirty).converted(to: .decimal) == .decimal(Decimal(string: "0.1234567890123456789012345679")!))
        for type in [DataType.currency, .decimal, .numeric] {
            let stored = try Value.real(2.0 / 3.0).converted(to: type)
            #expect(try Value.parse(stored.description, as: type) == stored, "\(type)")
        }
    }

    @Test func refusesNumbersBeyondTheRangeOfTheType() {
        #expect((try? Value.int(1_000_000_000_000_000).converted(to: .currency)) == nil)
        #expect((try? Value.int(922_337_203_685_477).converted(to: .currency)) == .decimal(922_337_203_685_477))
        #expect((try? Value.real(1e300).converted(to: .numeric)) == nil)
        #expect((try? Value.real(.infinity).converted(to: .decimal)) == nil)
        #expect((try? Value.real(8e28).converted(to: .decimal)) == nil)
        #expect((try? Value.uint(UInt64.max).converted(to: .decimal)) == .decimal(Decimal(UInt64.max)))
    }
}
