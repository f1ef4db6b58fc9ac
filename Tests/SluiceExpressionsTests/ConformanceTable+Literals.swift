import Foundation
import SluiceCore

/// Literals (SSIS "Numeric, string, and Boolean literals") and casts (SSIS "Cast").
extension ConformanceTable {
    static let literals: [ConformanceRow] = [
        // Integers: no suffix DT_I4, U DT_UI4, L DT_I8, UL DT_UI8.
        ok("42", 42),
        ok("2147483647", 2_147_483_647),
        // Decision: SSIS documents that an unsuffixed literal beyond DT_I4 still maps to DT_I4 and
        // overflows; Sluice widens it to DT_I8 instead of failing.
        ok("2147483648", 2_147_483_648, "DT_I8"),
        ok("42L", 42, "DT_I8"),
        ok("42l", 42, "DT_I8"),
        ok("42U", .uint(42), "DT_UI4"),
        ok("42UL", .uint(42), "DT_UI8"),
        ok("7945ul", .uint(7945), "DT_UI8"),
        ok("18446744073709551615", .uint(UInt64.max), "DT_UI8"),
        // Hexadecimal literals (documented: 0xFF0A, 0X000010000U).
        ok("0xFF0A", 65290),
        ok("0X000010000U", .uint(65536), "DT_UI4"),
        ok("0xFFFFFFFF", 4_294_967_295, "DT_I8"),  // Decision: widened like 2147483648
        // Decimal point without exponent: DT_NUMERIC with the literal's precision and scale.
        ok("1.5", dec("1.5"), "(DT_NUMERIC,2,1)"),
        // Decision: a leading zero counts as one integer digit, so .9 is (DT_NUMERIC,2,1).
        ok(".9", dec("0.9"), "(DT_NUMERIC,2,1)"),
        ok("0.346", dec("0.346"), "(DT_NUMERIC,4,3)"),
        ok("6.", dec("6"), "(DT_NUMERIC,1,0)"),
        ok("8.0", dec("8"), "(DT_NUMERIC,2,1)"),
        ok("12345678901234567890.5", dec("12345678901234567890.5"), "(DT_NUMERIC,21,1)"),
        // Exponents and the F / L float suffixes.
        ok("1.5E0", .real(1.5), "DT_R8"),
        ok("1E3", .real(1000), "DT_R8"),
        ok("2.5e-1", .real(0.25), "DT_R8"),
        ok("4E8l", .real(4e8), "DT_R8"),
        ok("13e-2f", r4(0.13), "DT_R4"),
        ok("6.45E3f", r4(6450), "DT_R4"),
        ok(".89E-2l", .real(0.0089), "DT_R8"),
        ok("1.E-4f", r4(1e-4), "DT_R4"),
        ok("8.365E+2f", r4(836.5), "DT_R4"),
        ok("1.5F", .real(1.5), "DT_R4"),
        ok("2.5L", .real(2.5), "DT_R8"),
        // Booleans, case-insensitive.
        ok("TRUE", true),
        ok("False", false),
        ok("true", true),
        // Strings and escapes.
        ok(#""abc""#, "abc", "(DT_WSTR,3)"),
        // Decision: the empty literal is typed (DT_WSTR,1), as a DT_WSTR has at least one character.
        ok(#""""#, "", "(DT_WSTR,1)"),
        ok(#""a\nb""#, "a\nb", "(DT_WSTR,3)"),
        ok(#""\t""#, "\t", "(DT_WSTR,1)"),
        ok(#""\r\n""#, "\r\n", "(DT_WSTR,2)"),
        ok(#""say \"hi\"""#, "say \"hi\"", "(DT_WSTR,8)"),
        ok(#""C:\\temp""#, "C:\\temp", "(DT_WSTR,7)"),
        ok(#""\x0041BC""#, "ABC", "(DT_WSTR,3)"),
        ok(#""\x41""#, "A", "(DT_WSTR,1)"),
        ok(#""\x00e9t\x00E9""#, "été", "(DT_WSTR,3)"),
        ok(#""\a\b\f\v""#, "\u{07}\u{08}\u{0C}\u{0B}", "(DT_WSTR,4)"),
        ok(#""héllo wörld""#, "héllo wörld", "(DT_WSTR,11)"),
        // Typed NULLs.
        ok("NULL(DT_I4)", .null, "DT_I4"),
        ok("null(dt_i8)", .null, "DT_I8"),
        ok("NULL(DT_WSTR,10)", .null, "(DT_WSTR,10)"),
        ok("NULL(DT_STR,5,1252)", .null, "(DT_STR,5,1252)"),
        ok("NULL(DT_NUMERIC,10,2)", .null, "(DT_NUMERIC,10,2)"),
        ok("NULL(DT_DECIMAL,3)", .null, "(DT_DECIMAL,3)"),
        ok("NULL(DT_DBTIMESTAMP)", .null, "DT_DBTIMESTAMP"),
        ok("NULL(DT_BOOL)", .null, "DT_BOOL"),
    ]

    static let casts: [ConformanceRow] = [
        // To integers: reals and decimals round half away from zero.
        // Decision: SSIS's page shows (DT_I4)3.57 without its result; Sluice rounds (4), as SSIS does.
        ok("(DT_I4) 3.57", 4),
        ok("(DT_I4)3.5", 4),
        ok("(DT_I4)-3.5", -4),
        ok("(DT_I4)2.5E0", 3),
        ok("(DT_I4)\"42\"", 42),
        ok("(DT_I4)\" 42 \"", 42),
        ok("(DT_I8)\"9223372036854775807\"", Int64.max, "DT_I8"),
        ok("(DT_I8)12345678901234567.4", 12_345_678_901_234_567, "DT_I8"),
        ok("(DT_I2)TRUE", -1, "DT_I2"),
        ok("(DT_I4)FALSE", 0),
        ok("(DT_I1)-128", -128, "DT_I1"),
        ok("(DT_UI1)255", .uint(255), "DT_UI1"),
        ok("(DT_UI2)65535", .uint(65535), "DT_UI2"),
        ok("(DT_UI4)3000000000L", .uint(3_000_000_000), "DT_UI4"),
        ok("(DT_UI8)\"18446744073709551615\"", .uint(UInt64.max), "DT_UI8"),
        // To reals.
        ok("(DT_R4)1.1", r4(1.1), "DT_R4"),
        ok("(DT_R8)\"1.5\"", .real(1.5), "DT_R8"),
        ok("(DT_R8)1", .real(1), "DT_R8"),
        ok("(DT_R8)(DT_R4)0.1", r4(0.1), "DT_R8"),
        // To exact decimals: rounded to the scale, half away from zero.
        ok("(DT_NUMERIC,10,2)3.14159", dec("3.14"), "(DT_NUMERIC,10,2)"),
        ok("(DT_NUMERIC,10,2)\"12.345\"", dec("12.35"), "(DT_NUMERIC,10,2)"),
        ok("(DT_NUMERIC,5,0)2.5", dec("3"), "(DT_NUMERIC,5,0)"),
        ok("(DT_NUMERIC,7,3)4000", dec("4000"), "(DT_NUMERIC,7,3)"),
        ok("(DT_NUMERIC,10,2)1.5E0", dec("1.5"), "(DT_NUMERIC,10,2)"),
        ok("(DT_DECIMAl,2)500", dec("500"), "(DT_DECIMAL,2)"),
        ok("(DT_DECIMAL,2)1.005", dec("1.01"), "(DT_DECIMAL,2)"),
        ok("(DT_CY)12.34567", dec("12.3457"), "DT_CY"),
        // To strings: SSIS's text forms; a cast truncates to the length.
        ok("(DT_WSTR,20)42", "42", "(DT_WSTR,20)"),
        ok("(DT_WSTR,3)\"Cat\"", "Cat", "(DT_WSTR,3)"),
        ok("(DT_WSTR,3)12345", "123", "(DT_WSTR,3)"),
        ok("(DT_WSTR,2)\"héllo\"", "hé", "(DT_WSTR,2)"),
        ok("(DT_STR,1,1252)5", "5", "(DT_STR,1,1252)"),
        ok("(DT_STR,50,1252)\"abc\"", "abc", "(DT_STR,50,1252)"),
        ok("(DT_STR,10,1252)(DT_WSTR,5)\"héllo\"", "héllo", "(DT_STR,10,1252)"),
        ok("(DT_WSTR,10)1.5E0", "1.5", "(DT_WSTR,10)"),
        ok("(DT_WSTR,20)(1.0E0 / 4)", "0.25", "(DT_WSTR,20)"),
        ok("(DT_WSTR,10)(DT_R4)0.1", "0.1", "(DT_WSTR,10)"),
        ok("(DT_WSTR,10)1.5F", "1.5", "(DT_WSTR,10)"),
        ok("(DT_WSTR,10)TRUE", "True", "(DT_WSTR,10)"),
        ok("(DT_WSTR,10)(DT_NUMERIC,5,2)1.5", "1.50", "(DT_WSTR,10)"),
        ok("(DT_WSTR,10)12.50", "12.50", "(DT_WSTR,10)"),
        ok("(DT_WSTR,5)-5", "-5", "(DT_WSTR,5)"),
        ok("(DT_WSTR,30)(DT_DBTIMESTAMP)\"2026-03-04 05:06:07\"", "2026-03-04 05:06:07", "(DT_WSTR,30)"),
        ok("(DT_WSTR,20)(DT_DBDATE)\"1999-10-11\"", "1999-10-11", "(DT_WSTR,20)"),
        ok(
            "(DT_WSTR,40)(DT_GUID)\"6f9619ff-8b86-d011-b42d-00c04fc964ff\"", "{6F9619FF-8B86-D011-B42D-00C04FC964FF}",
            "(DT_WSTR,40)"),
        ok("(DT_WSTR,5)NULL(DT_I4)", .null, "(DT_WSTR,5)"),
        ok("(DT_I4)NULL(DT_WSTR,5)", .null, "DT_I4"),
        // To DT_BOOL: text True/False (any case), numbers non-zero.
        ok("(DT_BOOL)\"True\"", true),
        ok("(DT_BOOL)\"false\"", false),
        ok("(DT_BOOL)0", false),
        ok("(DT_BOOL)5", true),
        ok("(DT_BOOL)1.5E0", true),
        // To dates: ISO text YYYY-MM-DD[ hh:mm:ss[.fff]].
        date("(DT_DBTIMESTAMP)\"2026-01-31 10:30:00\"", "2026-01-31 10:30:00"),
        date("(DT_DBTIMESTAMP)\"2026-01-31T10:30:00\"", "2026-01-31 10:30:00"),
        date("(DT_DBDATE) \"1999-10-11\"", "1999-10-11 00:00:00", "DT_DBDATE"),
        date("(DT_DBDATE)(DT_DBTIMESTAMP)\"2026-01-31 10:30:00\"", "2026-01-31 00:00:00", "DT_DBDATE"),
        date("(DT_DBTIME)\"10:30:15\"", "1899-12-30 10:30:15", "DT_DBTIME"),
        date("(DT_DATE)\"2026-01-31\"", "2026-01-31 00:00:00", "DT_DATE"),
        date("(DT_DBTIME2, 5) \"16:34:52.12345\"", "1899-12-30 16:34:52.123", "DT_DBTIME2"),
        date("(DT_DBTIMESTAMP2, 4) \"1999-10-11 16:34:52.1234\"", "1999-10-11 16:34:52.123", "DT_DBTIMESTAMP2"),
        // GUIDs, with or without braces, in any case.
        ok("(DT_GUID)\"{6F9619FF-8B86-D011-B42D-00C04FC964FF}\" == (DT_GUID)\"6f9619ff-8b86-d011-b42d-00c04fc964ff\"", true),
    ]
}
