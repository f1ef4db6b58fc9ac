import Foundation
import SluiceCore

/// Operators (SSIS "Operators"), precedence and associativity, variables and parameters.
extension ConformanceTable {
    static let arithmetic: [ConformanceRow] = [
        // Integers: C semantics (division truncates toward zero, % keeps the dividend's sign).
        ok("1 + 2", 3),
        ok("7 - 10", -3),
        ok("6 * 7", 42),
        ok("7 / 2", 3),
        ok("-7 / 2", -3),
        ok("7 % 3", 1),
        ok("-7 % 3", -1),
        ok("7 % -3", 1),
        ok("2147483647L + 1", 2_147_483_648, "DT_I8"),
        ok("-2147483647 - 1", -2_147_483_648),
        ok("5U - 3U", .uint(2), "DT_UI4"),
        // Same types keep their type (documented); a signed and an unsigned meet in a signed
        // type wide enough for both.
        ok("(DT_UI1)200 + (DT_UI1)50", .uint(250), "DT_UI1"),
        ok("(DT_I2)100 * (DT_I1)2", 200, "DT_I2"),
        ok("(DT_I1)100 + (DT_UI1)100", 200, "DT_I2"),
        ok("(DT_UI2)1 + 1", 2),
        ok("10U + 5", 15, "DT_I8"),
        ok("@[User::Big] + 1U", .uint(10_000_000_000_000_000_001), "DT_UI8"),
        // Exact decimals: DT_NUMERIC(38, larger scale) for + and -; a product has the sum of the
        // scales; a quotient at least 6 decimals.
        ok("1.5 + 1", dec("2.5"), "(DT_NUMERIC,38,1)"),
        ok("1.25 - 0.5", dec("0.75"), "(DT_NUMERIC,38,2)"),
        // Decision: SSIS says a product has "the smallest type that holds it without loss".
        ok("1.25 * 2.5", dec("3.125"), "(DT_NUMERIC,38,3)"),
        // Decision: quotients of exact decimals carry 6 decimals, rounded half away from zero.
        ok("10 / 4.0", dec("2.5"), "(DT_NUMERIC,38,6)"),
        ok("1 / 3.0", dec("0.333333"), "(DT_NUMERIC,38,6)"),
        ok("(DT_WSTR,20)(2 / 3.0)", "0.666667", "(DT_WSTR,20)"),
        ok("(DT_DECIMAL,2)1.5 + (DT_DECIMAL,2)1.25", dec("2.75"), "(DT_NUMERIC,38,2)"),
        // DT_CY with DT_CY stays DT_CY ("Integration Services Data Types in Expressions").
        ok("(DT_CY)1.5 + (DT_CY)2.25", dec("3.75"), "DT_CY"),
        // Reals: DT_R8 unless both are DT_R4.
        ok("1.5E0 + 1", .real(2.5), "DT_R8"),
        ok("7 / 2.0E0", .real(3.5), "DT_R8"),
        ok("1.5F + 1.5F", .real(3), "DT_R4"),
        ok("1.5F + 1", .real(2.5), "DT_R8"),
        ok("@[User::Ratio] * 4", .real(1), "DT_R8"),
        approx("0.1E0 + 0.2E0", 0.30000000000000004),
        // Unary minus keeps the operand's type.
        ok("-5", -5),
        ok("-(-5)", 5),
        ok("- -5", 5),
        ok("-1.5", dec("-1.5"), "(DT_NUMERIC,2,1)"),
        ok("-2.5E0", .real(-2.5), "DT_R8"),
        ok("-(DT_I2)7", -7, "DT_I2"),
        ok("-NULL(DT_I4)", .null, "DT_I4"),
        // Concatenation: DT_WSTR (SSIS works on DT_STR as DT_WSTR inside an expression); lengths add up.
        ok(#""a" + "b" + "c""#, "abc", "(DT_WSTR,3)"),
        ok(#"(DT_STR,3,1252)"abc" + (DT_STR,2,1252)"de""#, "abcde", "(DT_WSTR,5)"),
        ok(#""a" + NULL(DT_WSTR,5)"#, .null, "(DT_WSTR,6)"),
        ok(#""Count: " + (DT_WSTR,10)@[User::Count]"#, "Count: 42", "(DT_WSTR,17)"),
        ok(#"@[User::Name] + "!""#, "Touring Front Wheel!", "DT_WSTR"),
        // NULL propagates through arithmetic.
        ok("NULL(DT_I4) + 1", .null, "DT_I4"),
        ok("1.5 * NULL(DT_NUMERIC,5,2)", .null, "(DT_NUMERIC,38,3)"),
        ok("NULL(DT_R8) / 0", .null, "DT_R8"),
    ]

    static let comparisons: [ConformanceRow] = [
        ok("1 < 2", true),
        ok("2 <= 2", true),
        ok("3 > 4", false),
        ok("3 >= 4", false),
        ok("1 == 1.0", true),
        ok("1 != 2", true),
        ok("1.5E0 > 1", true),
        ok("5U > 3", true),
        ok("-1 < 1U", true),
        ok("2L == 2", true),
        ok("0.1E0 + 0.2E0 == 0.3E0", false),  // binary floating point, as in SSIS
        ok("0.1 + 0.2 == 0.3", true),  // exact decimals
        // Strings: equality exact and case-sensitive; order by collation (case breaks ties,
        // lower case first); trailing spaces matter.
        ok(#""abc" == "abc""#, true),
        ok(#""abc" < "abd""#, true),
        ok(#""B" < "a""#, false),
        ok(#""a" < "B""#, true),
        ok(#""a" == "A""#, false),
        ok(#""abc" != "abc ""#, true),
        ok(#""" < "a""#, true),
        ok(#"(DT_STR,5,1252)"abc" == "abc""#, true),
        // Dates of any date type compare by instant.
        ok(#"(DT_DBTIMESTAMP)"2026-01-01" < (DT_DBTIMESTAMP)"2026-01-02""#, true),
        ok(#"(DT_DBDATE)"2026-01-01" == (DT_DBTIMESTAMP)"2026-01-01 00:00:00""#, true),
        ok(#"@[User::When] > (DT_DBDATE)"2026-01-31""#, true),
        ok(#"@[User::When] >= (DT_DBTIMESTAMP)"2026-02-01""#, false),
        // Booleans for equality.
        ok("TRUE == TRUE", true),
        ok("TRUE != FALSE", true),
        // A NULL operand gives NULL.
        ok("NULL(DT_I4) == 1", .null, "DT_BOOL"),
        ok("NULL(DT_WSTR,1) == NULL(DT_WSTR,1)", .null, "DT_BOOL"),
        ok("@[User::NullInt] > 0", .null, "DT_BOOL"),
    ]

    static let logicalAndBitwise: [ConformanceRow] = [
        ok("TRUE && FALSE", false),
        ok("TRUE && TRUE", true),
        ok("TRUE || FALSE", true),
        ok("FALSE || FALSE", false),
        ok("!FALSE", true),
        ok("!TRUE", false),
        ok("!!TRUE", true),
        // Three-valued logic: FALSE decides &&, TRUE decides ||, otherwise NULL is NULL.
        ok("NULL(DT_BOOL) && FALSE", false),
        ok("FALSE && NULL(DT_BOOL)", false),
        ok("NULL(DT_BOOL) && TRUE", .null, "DT_BOOL"),
        ok("NULL(DT_BOOL) || TRUE", true),
        ok("TRUE || NULL(DT_BOOL)", true),
        ok("NULL(DT_BOOL) || FALSE", .null, "DT_BOOL"),
        ok("!NULL(DT_BOOL)", .null, "DT_BOOL"),
        ok("@[User::NullInt] > 0 || @[User::Flag]", true),
        // Bitwise on integers, in the operands' common type.
        ok("5 & 3", 1),
        ok("5 | 3", 7),
        ok("5 ^ 3", 6),
        ok("~5", -6),
        ok("~0", -1),
        ok("-1 & 255", 255),
        ok("~(DT_UI1)5", .uint(250), "DT_UI1"),
        ok("(DT_UI1)240 ^ (DT_UI1)255", .uint(15), "DT_UI1"),
        ok("12L & 10", 8, "DT_I8"),
        ok("5U | 2U", .uint(7), "DT_UI4"),
        ok("NULL(DT_I4) & 1", .null, "DT_I4"),
    ]

    static let conditionals: [ConformanceRow] = [
        ok("1 < 2 ? 10 : 20", 10),
        ok("1 > 2 ? 10 : 20", 20),
        // A NULL condition gives NULL of the result type.
        ok("NULL(DT_BOOL) ? 1 : 2", .null, "DT_I4"),
        // Branches meet in a common type.
        ok("TRUE ? 1 : 2.5", dec("1"), "(DT_NUMERIC,38,1)"),
        ok("FALSE ? 1 : 2L", 2, "DT_I8"),
        ok("FALSE ? 1.5E0 : 2", .real(2), "DT_R8"),
        ok(#"TRUE ? "ab" : "cde""#, "ab", "(DT_WSTR,3)"),
        ok("TRUE ? NULL(DT_I4) : 5", .null, "DT_I4"),
        date(#"TRUE ? (DT_DBDATE)"2026-01-01" : (DT_DBTIMESTAMP)"2026-01-02 10:00:00""#, "2026-01-01 00:00:00"),
        ok(#"@[User::Count] > 40 ? "big" : "small""#, "big", "(DT_WSTR,5)"),
        // A branch of unknown length leaves the result's length unknown.
        ok(#"ISNULL(@[User::NullName]) ? "none" : @[User::NullName]"#, "none", "DT_WSTR"),
    ]

    static let precedence: [ConformanceRow] = [
        ok("1 + 2 * 3", 7),
        ok("(1 + 2) * 3", 9),
        ok("10 - 4 - 3", 3),  // left-associative
        ok("100 / 10 / 5", 2),
        ok("2 * 3 % 4", 2),
        ok("-2 * 3", -6),
        ok("- 2 + 3", 1),
        ok("1 + 2 == 3", true),
        ok("1 < 2 == TRUE", true),
        ok("1 | 2 & 3", 3),  // & binds tighter than |
        ok("1 ^ 3 & 1", 0),  // & binds tighter than ^
        ok("6 & 3 | 8", 10),
        ok("4 | 1 ^ 5", 4 | (1 ^ 5)),  // ^ binds tighter than |
        ok("~5 & 7", 2),
        ok("TRUE || FALSE && FALSE", true),  // && binds tighter than ||
        ok("!TRUE || TRUE", true),
        ok("!(1 > 2)", true),
        ok(#"1 == 1 && 2 > 1 ? "y" : "n""#, "y", "(DT_WSTR,1)"),
        ok("TRUE ? 1 : FALSE ? 2 : 3", 1),  // ?: is right-associative
        ok("FALSE ? 1 : FALSE ? 2 : 3", 3),
        ok("(DT_I4)1.5 + 1.5", dec("3.5"), "(DT_NUMERIC,38,1)"),  // a cast binds tighter than +
        ok("2 + 3 * 4 - 6 / 2", 11),
        ok("1 +\n  2 *\n  3", 7),
    ]

    static let references: [ConformanceRow] = [
        ok("@[User::Count] * 2", 84),
        ok("@Count + 1", 43),
        ok("@[Count]", 42),
        ok("@[User::Name]", "Touring Front Wheel", "DT_WSTR"),
        ok("@[System::PackageName]", "LoadSales", "DT_WSTR"),
        ok("@[User::Days] + 1", 8),
        ok("$Package::Limit", 100),
        ok("@[$Package::Limit] > 50", true),
        ok(#"$Project::Env == "prod""#, true),
        ok("@[User::Flag] && @[User::Count] > 40", true),
        ok("@[User::NullInt] + 1", .null, "DT_I4"),
        date("@[User::When]", "2026-01-31 10:30:00"),
    ]
}
