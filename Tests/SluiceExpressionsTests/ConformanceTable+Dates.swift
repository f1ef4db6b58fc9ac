import Foundation
import SluiceCore

/// Date functions (SSIS "DATEADD", "DATEDIFF", "DATEPART", "DAY", "MONTH", "YEAR", "GETDATE").
/// Parts are bare names or string literals, case-insensitive; text must be cast to a date.
extension ConformanceTable {
    private static let jan1 = #"(DT_DBTIMESTAMP)"2026-01-01""#

    static let dateFunctions: [ConformanceRow] = dateAdd + dateDiff + dateParts

    static let dateAdd: [ConformanceRow] = [
        date(#"DATEADD("day", 21, (DT_DBTIMESTAMP)"2026-01-31 10:00:00")"#, "2026-02-21 10:00:00"),
        date(#"DATEADD(dd, -1, (DT_DBDATE)"2026-03-01")"#, "2026-02-28 00:00:00"),
        date(#"DATEADD(d, 1, (DT_DATE)"2026-02-28")"#, "2026-03-01 00:00:00"),
        // Months clamp to the end of a shorter month, as SQL Server's DATEADD.
        date(#"DATEADD("Month", 1, (DT_DBTIMESTAMP)"2026-01-31")"#, "2026-02-28 00:00:00"),
        date(#"DATEADD(m, 1, (DT_DBTIMESTAMP)"2024-01-31")"#, "2024-02-29 00:00:00"),
        date(#"DATEADD(mm, -13, (DT_DBTIMESTAMP)"2026-03-15 08:00:00")"#, "2025-02-15 08:00:00"),
        date(#"DATEADD("yyyy", 2, (DT_DBTIMESTAMP)"2024-02-29")"#, "2026-02-28 00:00:00"),
        date(#"DATEADD(yy, -1, (DT_DBTIMESTAMP)"2026-06-15 08:00:00")"#, "2025-06-15 08:00:00"),
        date(#"DATEADD(year, 1, @[User::When])"#, "2027-01-31 10:30:00"),
        date(#"DATEADD(qq, 1, (DT_DBTIMESTAMP)"2026-01-15")"#, "2026-04-15 00:00:00"),
        date(#"DATEADD(q, -2, (DT_DBTIMESTAMP)"2026-01-15")"#, "2025-07-15 00:00:00"),
        date(#"DATEADD(wk, 2, \#(jan1))"#, "2026-01-15 00:00:00"),
        date(#"DATEADD(ww, -1, \#(jan1))"#, "2025-12-25 00:00:00"),
        date(#"DATEADD(dw, 1, (DT_DBDATE)"2026-01-03")"#, "2026-01-04 00:00:00"),
        date(#"DATEADD(dy, 1, (DT_DBDATE)"2026-12-31")"#, "2027-01-01 00:00:00"),
        date(#"DATEADD(y, 1, (DT_DBDATE)"2026-12-31")"#, "2027-01-01 00:00:00"),
        date(#"DATEADD(hh, 25, (DT_DBTIMESTAMP)"2026-01-01 00:00:00")"#, "2026-01-02 01:00:00"),
        date(#"DATEADD("Hour", 12, (DT_DBTIMESTAMP)"1969-12-31 18:00:00")"#, "1970-01-01 06:00:00"),
        date(#"DATEADD(mi, 90, (DT_DBTIMESTAMP)"2026-01-01 23:00:00")"#, "2026-01-02 00:30:00"),
        date(#"DATEADD(n, -1, \#(jan1))"#, "2025-12-31 23:59:00"),
        date(#"DATEADD(ss, -30, \#(jan1))"#, "2025-12-31 23:59:30"),
        date(#"DATEADD(s, 86400, \#(jan1))"#, "2026-01-02 00:00:00"),
        date(#"DATEADD(ms, 1500, \#(jan1))"#, "2026-01-01 00:00:01.500"),
        date(#"DATEADD(MS, -1, \#(jan1))"#, "2025-12-31 23:59:59.999"),
        date(#"DATEADD(DAY, 1, (DT_DBTIME)"23:30:00")"#, "1899-12-31 23:30:00"),
        date(#"DATEADD(dd, @[User::Days], @[User::When])"#, "2026-02-07 10:30:00"),
        date(#"DATEADD(dd, 1L, \#(jan1))"#, "2026-01-02 00:00:00"),
        ok(#"DATEADD(dd, NULL(DT_I4), \#(jan1))"#, .null, "DT_DBTIMESTAMP"),
        ok(#"DATEADD(dd, 1, NULL(DT_DBTIMESTAMP))"#, .null, "DT_DBTIMESTAMP"),
    ]

    static let dateDiff: [ConformanceRow] = [
        ok(#"DATEDIFF("dd", (DT_DBTIMESTAMP)"2003-08-01", (DT_DBTIMESTAMP)"2003-08-08")"#, 7),
        // Boundaries crossed, as SQL Server counts them.
        ok(#"DATEDIFF(year, (DT_DBDATE)"2025-12-31", (DT_DBDATE)"2026-01-01")"#, 1),
        ok(#"DATEDIFF(yy, \#(jan1), (DT_DBTIMESTAMP)"2026-12-31 23:59:59")"#, 0),
        ok(#"DATEDIFF(yyyy, (DT_DBDATE)"2026-06-01", (DT_DBDATE)"2020-06-01")"#, -6),
        ok(#"DATEDIFF(mm, (DT_DBDATE)"2026-01-31", (DT_DBDATE)"2026-02-01")"#, 1),
        ok(#"DATEDIFF(month, (DT_DBDATE)"2025-11-15", (DT_DBDATE)"2026-02-14")"#, 3),
        ok(#"DATEDIFF(qq, (DT_DBDATE)"2026-03-31", (DT_DBDATE)"2026-04-01")"#, 1),
        ok(#"DATEDIFF(quarter, (DT_DBDATE)"2026-01-01", (DT_DBDATE)"2026-03-31")"#, 0),
        ok(#"DATEDIFF(q, (DT_DBDATE)"2024-11-01", (DT_DBDATE)"2026-01-01")"#, 5),
        ok(#"DATEDIFF(dd, (DT_DBDATE)"2026-01-02", (DT_DBDATE)"2026-01-01")"#, -1),
        ok(#"DATEDIFF(day, (DT_DBTIMESTAMP)"2026-01-01 23:59:59", (DT_DBTIMESTAMP)"2026-01-02 00:00:00")"#, 1),
        ok(#"DATEDIFF(d, (DT_DBTIMESTAMP)"1969-12-31 23:00:00", (DT_DBTIMESTAMP)"1970-01-01 01:00:00")"#, 1),
        ok(#"DATEDIFF(dy, (DT_DBDATE)"2024-01-01", (DT_DBDATE)"2025-01-01")"#, 366),
        ok(#"DATEDIFF(dw, (DT_DBDATE)"2026-01-01", (DT_DBDATE)"2026-01-08")"#, 7),
        ok(#"DATEDIFF(dd, (DT_DBDATE)"2026-01-01", @[User::When])"#, 30),
        // Weeks end on Saturday night (Sunday starts a week).
        ok(#"DATEDIFF(wk, (DT_DBDATE)"2026-01-03", (DT_DBDATE)"2026-01-04")"#, 1),
        ok(#"DATEDIFF("Week", (DT_DBDATE)"2026-01-04", (DT_DBDATE)"2026-01-10")"#, 0),
        ok(#"DATEDIFF(ww, (DT_DBDATE)"2026-01-01", (DT_DBDATE)"2026-01-31")"#, 4),
        ok(#"DATEDIFF(hh, (DT_DBTIMESTAMP)"2026-01-01 10:59:59", (DT_DBTIMESTAMP)"2026-01-01 11:00:00")"#, 1),
        ok(#"DATEDIFF(hour, \#(jan1), (DT_DBTIMESTAMP)"2026-01-02")"#, 24),
        ok(#"DATEDIFF(mi, (DT_DBTIMESTAMP)"2026-01-01 10:00:59", (DT_DBTIMESTAMP)"2026-01-01 10:01:00")"#, 1),
        ok(#"DATEDIFF(n, (DT_DBTIME)"10:00:00", (DT_DBTIME)"12:30:00")"#, 150),
        ok(#"DATEDIFF(ss, \#(jan1), (DT_DBTIMESTAMP)"2026-01-01 01:00:00")"#, 3600),
        ok(#"DATEDIFF(s, (DT_DBTIMESTAMP)"2026-01-01 00:00:00.900", (DT_DBTIMESTAMP)"2026-01-01 00:00:01.100")"#, 1),
        ok(#"DATEDIFF(ms, \#(jan1), (DT_DBTIMESTAMP)"2026-01-01 00:00:01.5")"#, 1500),
        ok(#"DATEDIFF(dd, NULL(DT_DBTIMESTAMP), @[User::When])"#, .null, "DT_I4"),
    ]

    static let dateParts: [ConformanceRow] = [
        ok(#"DATEPART("month", (DT_DBTIMESTAMP)"2002-11-04")"#, 11),
        ok(#"DATEPART(yy, @[User::When])"#, 2026),
        ok(#"DATEPART("yyyy", @[User::When])"#, 2026),
        ok(#"DATEPART(q, (DT_DBDATE)"2026-08-15")"#, 3),
        ok(#"DATEPART("Quarter", (DT_DBDATE)"2026-12-31")"#, 4),
        ok(#"DATEPART(mm, @[User::When])"#, 1),
        ok(#"DATEPART(dy, (DT_DBDATE)"2026-02-01")"#, 32),
        ok(#"DATEPART(y, (DT_DBDATE)"2024-12-31")"#, 366),
        ok(#"DATEPART(dd, @[User::When])"#, 31),
        // SQL Server week numbers: week 1 holds January 1; weeks start on Sunday.
        ok(#"DATEPART(wk, (DT_DBDATE)"2026-01-01")"#, 1),
        ok(#"DATEPART(wk, (DT_DBDATE)"2026-01-03")"#, 1),
        ok(#"DATEPART(wk, (DT_DBDATE)"2026-01-04")"#, 2),
        ok(#"DATEPART(week, (DT_DBDATE)"2026-12-31")"#, 53),
        ok(#"DATEPART(ww, (DT_DBDATE)"2023-01-07")"#, 1),
        ok(#"DATEPART(ww, (DT_DBDATE)"2023-01-08")"#, 2),
        // Weekday: 1 = Sunday (SQL Server's default DATEFIRST 7).
        ok(#"DATEPART(dw, (DT_DBDATE)"2026-01-04")"#, 1),
        ok(#"DATEPART(dw, (DT_DBDATE)"2026-01-03")"#, 7),
        ok(#"DATEPART(weekday, (DT_DBDATE)"2026-01-05")"#, 2),
        ok(#"DATEPART(hh, (DT_DBTIMESTAMP)"2026-01-31 10:30:15.250")"#, 10),
        ok(#"DATEPART(mi, (DT_DBTIMESTAMP)"2026-01-31 10:30:15.250")"#, 30),
        ok(#"DATEPART(n, (DT_DBTIMESTAMP)"2026-01-31 10:30:15.250")"#, 30),
        ok(#"DATEPART(ss, (DT_DBTIMESTAMP)"2026-01-31 10:30:15.250")"#, 15),
        ok(#"DATEPART(s, (DT_DBTIMESTAMP)"2026-01-31 10:30:15.250")"#, 15),
        ok(#"DATEPART(ms, (DT_DBTIMESTAMP)"2026-01-31 10:30:15.250")"#, 250),
        ok(#"DATEPART("Hour", (DT_DBTIME)"23:05:00")"#, 23),
        ok(#"DATEPART(dd, NULL(DT_DBTIMESTAMP))"#, .null, "DT_I4"),
        // DAY, MONTH, YEAR: DT_I4 (documented).
        ok(#"DAY((DT_DBDATE)"2026-11-25")"#, 25),
        ok(#"MONTH((DT_DBDATE)"2026-11-25")"#, 11),
        ok(#"YEAR((DT_DBDATE)"2026-11-25")"#, 2026),
        ok("YEAR(@[User::When])", 2026),
        ok(#"DAY(DATEADD(dd, 1, (DT_DBDATE)"2026-02-28"))"#, 1),
        ok("MONTH(NULL(DT_DATE))", .null, "DT_I4"),
        // GETDATE / GETUTCDATE: DT_DBTIMESTAMP, read at every evaluation (see ConformanceTests).
        ok("YEAR(GETDATE()) >= 2024", true),
        ok("ISNULL(GETUTCDATE())", false),
        ok("ABS(DATEDIFF(hh, GETUTCDATE(), GETDATE())) <= 14", true),
    ]
}
