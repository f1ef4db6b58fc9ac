import Foundation
import Testing
import SluiceCore

/// The reason of the `SLUICE_E_TYPE_MISMATCH` that parsing `text` as `type` throws, or nil.
private func refusal(_ text: String, _ type: DataType) -> String? {
    do {
        _ = try Value.parse(text, as: type)
        return nil
    } catch let error as SluiceError {
        #expect(error.message == .typeMismatch)
        return error.inserts["reason"]
    } catch {
        return "\(error)"
    }
}

/// Dates are read strictly and written back as read: no day rolls over, no offset or
/// fraction of a second is dropped.
@Suite struct DateValueTests {
    @Test(arguments: ["2026-02-29", "2026-02-30", "2026-04-31", "1900-02-29", "2100-02-29", "2026-01-32", "2026-00-10",
                      "2026-13-01", "0000-01-01", "2026-06-00"])
    func refusesDaysTheCalendarDoesNotHave(_ text: String) {
        #expect(refusal(text, .dbDate) != nil)
        #expect(refusal(text + "T10:00:00", .dbTimestamp) != nil)
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "1600-02-29", "2026-12-31", "0001-01-01", "9999-12-31"])
    func readsEveryDayTheCalendarHas(_ text: String) throws {
        let value = try Value.parse(text, as: .dbDate)
        #expect(value.description == text + "T00:00:00Z")
    }

    @Test func namesTheDayThatDoesNotExist() {
        #expect(refusal("2026-02-30", .dbDate) == "2026-02 has no day 30")
    }

    @Test(arguments: ["T24:00:00", "T23:60:00", "T23:59:60", "T10:00:00.", "T10:00", "T1:00:00", "T10:00:00+14:01",
                      "T10:00:00+15:00", "T10:00:00+05:60", "T10:00:00+0530", "T10:00:00+05", "T10:00:00 Z", "T10:00:00z",
                      " 10:00:00", "T10:00:00.1234567", "T10:00:00.000000001"])
    func refusesTimesThatAreNotTimesOfDay(_ time: String) {
        #expect(refusal("2026-11-25" + time, .dbTimestampOffset) != nil, "\(time)")
    }

    @Test func keepsTheOffsetOfADateTimeOffset() throws {
        let value = try Value.parse("2026-11-25T10:00:00+05:30", as: .dbTimestampOffset)
        guard case .dateTimeOffset(let o) = value else {
            Issue.record("\(value) has no offset")
            return
        }
        #expect(o.offsetSeconds == 5 * 3600 + 1800)
        #expect(o.instant == utcDate(2026, 11, 25, 4, 30))
        #expect(o.wallClock == utcDate(2026, 11, 25, 10))
        #expect(value.description == "2026-11-25T10:00:00+05:30")
        #expect(try Value.parse("2026-11-25T10:00:00-14:00", as: .dbTimestampOffset).description == "2026-11-25T10:00:00-14:00")
        #expect(try Value.parse("2026-11-25T10:00:00+00:00", as: .dbTimestampOffset).description == "2026-11-25T10:00:00+00:00")
        #expect(try Value.parse("2026-11-25T10:00:00.5-03:00", as: .dbTimestampOffset).description == "2026-11-25T10:00:00.500-03:00")
    }

    @Test(arguments: [DataType.date, .dbDate, .dbTime, .dbTime2, .dbTimestamp, .dbTimestamp2, .fileTime])
    func refusesAnOffsetForTypesThatHoldNoTimeZone(_ type: DataType) throws {
        #expect(refusal("2026-11-25T00:00:00+05:30", type)?.contains("holds no time zone") == true)
        #expect(refusal("2026-11-25T00:00:00-01:00", type) != nil)
        // UTC, written either way, is what every date already is.
        #expect(try Value.parse("2026-11-25T00:00:00Z", as: type) == .date(utcDate(2026, 11, 25)))
        #expect(try Value.parse("2026-11-25T00:00:00+00:00", as: type) == .date(utcDate(2026, 11, 25)))
    }

    @Test func refusesATimeOfDayForADate() throws {
        #expect(refusal("2026-11-25T10:00:00", .dbDate) == "DT_DBDATE holds a date without a time of day")
        #expect(try Value.parse("2026-11-25T00:00:00", as: .dbDate) == .date(utcDate(2026, 11, 25)))
    }

    @Test(arguments: ["2026-11-25T10:00:00.123456Z", "2026-11-25T10:00:00.000001Z", "2026-11-25T10:00:00.250Z",
                      "1753-01-01T00:00:00.999999Z", "2262-04-11T23:47:16.854775Z", "9999-12-31T23:59:59.997Z",
                      "0001-01-01T00:00:00.001Z", "1969-12-31T23:59:59.999999Z"])
    func writesBackTheFractionOfASecondItRead(_ text: String) throws {
        #expect(try Value.parse(text, as: .dbTimestamp2).description == text)
    }

    @Test func refusesAFractionTheDateCannotHoldThatFarFrom2001() {
        // A Date steps by about 30 µs in the year 9999: the microseconds would change.
        #expect(refusal("9999-12-31T23:59:59.999999", .dbTimestamp2)?.contains("cannot hold that fraction") == true)
        #expect(refusal("2026-11-25T10:00:00.1234567", .dbTimestamp2)?.contains("microseconds") == true)
        // Zeros past the sixth digit say nothing more.
        #expect(refusal("2026-11-25T10:00:00.1234560", .dbTimestamp2) == nil)
    }

    @Test func writesDatesBeforeTheGregorianReformInTheProlepticCalendar() throws {
        let text = "1500-02-29T00:00:00Z"  // a leap day in the Julian calendar only
        #expect(refusal(text, .dbTimestamp) != nil)
        #expect(try Value.parse("1500-03-01T12:00:00Z", as: .dbTimestamp).description == "1500-03-01T12:00:00Z")
    }

    @Test func convertsADateTimeOffsetToOtherDateTypesAtItsLocalTime() throws {
        let value = try Value.parse("2026-11-25T23:30:00+05:30", as: .dbTimestampOffset)
        #expect(try value.converted(to: .dbTimestamp) == .date(utcDate(2026, 11, 25, 23, 30)))
        #expect(try value.converted(to: .dbTimestampOffset) == value)
        #expect(try value.converted(to: .wstr) == .string("2026-11-25T23:30:00+05:30"))
    }
}

func utcDate(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))!
}

@Suite struct DateConversionTests {
    @Test func convertingATimestampToADateDropsTheTimeOfDay() throws {
        let value = Value.date(utcDate(2026, 11, 25, 10, 30))
        #expect(try value.converted(to: .dbDate) == .date(utcDate(2026, 11, 25)))
        #expect(try Value.date(utcDate(1969, 12, 31, 23, 59)).converted(to: .dbDate) == .date(utcDate(1969, 12, 31)))
        // ...so that what a checkpoint writes reads back.
        let stored = try value.converted(to: .dbDate)
        #expect(try Value.parse(stored.description, as: .dbDate) == stored)
    }

    @Test func aNegativeZeroRealReadsBackFromItsText() throws {
        #expect(Value.real(-0.0).description == "-0")
        guard case .real(let d) = try Value.parse(Value.real(-0.0).description, as: .r8) else { return }
        #expect(d.sign == .minus)
    }
}

@Suite struct DateTimeOffsetTextTests {
    @Test func anOffsetMadeInCodeBeyondADayStillWritesText() {
        let instant = utcDate(2026, 1, 1)
        #expect(!Value.dateTimeOffset(DateTimeOffset(instant: instant, offsetSeconds: Int.max)).description.isEmpty)
        #expect(!Value.dateTimeOffset(DateTimeOffset(instant: instant, offsetSeconds: Int.min)).description.isEmpty)
        #expect(Value.dateTimeOffset(DateTimeOffset(instant: instant, offsetSeconds: -3600)).description == "2025-12-31T23:00:00-01:00")
    }
}
