import Foundation
import SluiceCore

/// Math, string and NULL functions (SSIS "Functions"), with the examples of SSIS's pages.
extension ConformanceTable {
    static let mathFunctions: [ConformanceRow] = [
        // ABS keeps the type.
        ok("ABS(-5)", 5),
        ok("ABS(5)", 5),
        ok("ABS(-2.5)", dec("2.5"), "(DT_NUMERIC,2,1)"),
        ok("ABS(-1.5E0)", .real(1.5), "DT_R8"),
        ok("ABS(5U)", .uint(5), "DT_UI4"),
        ok("ABS((DT_I2)-300)", 300, "DT_I2"),
        ok("ABS(NULL(DT_I4))", .null, "DT_I4"),
        // CEILING / FLOOR keep exact types (documented: CEILING(123.74) is 124.00); reals give DT_R8.
        ok("CEILING(123.74)", dec("124"), "(DT_NUMERIC,5,2)"),
        ok("CEILING(-124.27)", dec("-124"), "(DT_NUMERIC,5,2)"),
        ok("CEILING(0.00)", dec("0"), "(DT_NUMERIC,3,2)"),
        ok("(DT_WSTR,10)CEILING(123.74)", "124.00", "(DT_WSTR,10)"),
        ok("FLOOR(-1.5)", dec("-2"), "(DT_NUMERIC,2,1)"),
        ok("FLOOR(1.5E0)", .real(1), "DT_R8"),
        ok("CEILING(1.2F)", .real(2), "DT_R8"),
        ok("FLOOR(7)", 7),
        ok("CEILING(NULL(DT_R8))", .null, "DT_R8"),
        // EXP, LN, LOG, POWER, SQRT, SQUARE: DT_R8.
        ok("EXP(0)", .real(1), "DT_R8"),
        approx("EXP(1)", M_E),
        ok("LN(1)", .real(0), "DT_R8"),
        approx("LN(EXP(2))", 2),
        approx("LOG(100)", 2),
        approx("LOG(0.001)", -3),
        ok("POWER(4,3)", .real(64), "DT_R8"),
        ok("POWER(2, -1)", .real(0.5), "DT_R8"),
        ok("POWER(4, 0.5)", .real(2), "DT_R8"),
        ok("POWER(0, 0)", .real(1), "DT_R8"),
        // Documented: an indeterminate result is NULL.
        ok("POWER(-8, 0.5)", .null, "DT_R8"),
        ok("SQRT(16)", .real(4), "DT_R8"),
        approx("SQRT(2)", 2.0.squareRoot()),
        ok("SQRT(NULL(DT_I4))", .null, "DT_R8"),
        ok("SQUARE(3)", .real(9), "DT_R8"),
        ok("SQUARE(1.5)", .real(2.25), "DT_R8"),
        ok("SQUARE(-2.5E0)", .real(6.25), "DT_R8"),
        // SIGN: DT_I4.
        ok("SIGN(-123.45)", -1),
        ok("SIGN(0)", 0),
        ok("SIGN(2.5E0)", 1),
        ok("SIGN(7U)", 1),
        ok("SIGN(NULL(DT_R8))", .null, "DT_I4"),
        // ROUND keeps the type; halves round away from zero (documented: 137.1570, 137.1580).
        ok("ROUND(137.1574,3)", dec("137.157"), "(DT_NUMERIC,7,4)"),
        ok("ROUND(137.1575,3)", dec("137.158"), "(DT_NUMERIC,7,4)"),
        ok("(DT_WSTR,10)ROUND(137.1574,3)", "137.1570", "(DT_WSTR,10)"),
        ok("ROUND(2.5, 0)", dec("3"), "(DT_NUMERIC,2,1)"),
        ok("ROUND(-2.5, 0)", dec("-3"), "(DT_NUMERIC,2,1)"),
        // "ROUND (SSIS Expression)": the length "must evaluate to a positive integer or zero".
        fails("ROUND(1234, -2)", .expressionRoundNegativeLength, 1, 1),
        fails("ROUND(-1250, -2)", .expressionRoundNegativeLength, 1, 1),
        fails("ROUND(1234.5678, -2)", .expressionRoundNegativeLength, 1, 1),
        ok("ROUND(42, 2)", 42),
        // Decision: reals round on their shortest decimal text, so 2.675 gives 2.68 as written.
        ok("ROUND(2.675E0, 2)", .real(2.68), "DT_R8"),
        fails("ROUND(1234.5678E0, -2)", .expressionRoundNegativeLength, 1, 1),
        ok("ROUND(1.25F, 1)", r4(1.3), "DT_R4"),
        ok("ROUND(NULL(DT_NUMERIC,5,2), 1)", .null, "(DT_NUMERIC,5,2)"),
        ok("ROUND(@[User::Ratio], 1)", .real(0.3), "DT_R8"),
    ]

    static let stringFunctions: [ConformanceRow] = [
        // CODEPOINT: DT_UI2; NULL for an empty string (documented).
        ok(#"CODEPOINT("Mountain Bike")"#, .uint(77), "DT_UI2"),
        ok("CODEPOINT(@[User::Name])", .uint(84), "DT_UI2"),
        ok(#"CODEPOINT("")"#, .null, "DT_UI2"),
        ok("CODEPOINT(NULL(DT_WSTR,5))", .null, "DT_UI2"),
        // Decision: beyond U+FFFF, the first UTF-16 code unit, as SSIS's UTF-16 strings give.
        ok(#"CODEPOINT("😀")"#, .uint(0xD83D), "DT_UI2"),
        // HEX: upper case, no prefix; the length is 2, 4, 8 or 16 by type (documented).
        ok("HEX(400)", "190", "(DT_WSTR,8)"),
        ok("HEX((DT_I2)750)", "2EE", "(DT_WSTR,4)"),
        ok("HEX(255)", "FF", "(DT_WSTR,8)"),
        ok("HEX(0)", "0", "(DT_WSTR,8)"),
        // Decision: a negative value is the two's complement of its type's width.
        ok("HEX(-1)", "FFFFFFFF", "(DT_WSTR,8)"),
        ok("HEX((DT_I1)-1)", "FF", "(DT_WSTR,2)"),
        ok("HEX((DT_I2)-2)", "FFFE", "(DT_WSTR,4)"),
        ok("HEX(-1L)", "FFFFFFFFFFFFFFFF", "(DT_WSTR,16)"),
        ok("HEX(18446744073709551615)", "FFFFFFFFFFFFFFFF", "(DT_WSTR,16)"),
        ok("HEX((DT_UI1)171)", "AB", "(DT_WSTR,2)"),
        ok("HEX(NULL(DT_I4))", .null, "(DT_WSTR,8)"),
        // LEFT / RIGHT: a count past the end gives the whole string.
        ok(#"LEFT("Mountain Bike", 8)"#, "Mountain", "(DT_WSTR,8)"),
        ok(#"LEFT("abc", 10)"#, "abc", "(DT_WSTR,3)"),
        ok(#"LEFT("abc", 0)"#, "", "(DT_WSTR,1)"),
        ok(#"LEFT("abc", 2L)"#, "ab", "(DT_WSTR,2)"),
        ok("LEFT(@[User::Name], @[User::Days])", "Touring", "DT_WSTR"),
        ok(#"RIGHT("Mountain Bike", 4)"#, "Bike", "(DT_WSTR,4)"),
        ok(#"RIGHT("abc", 5)"#, "abc", "(DT_WSTR,3)"),
        ok("RIGHT(@[User::Name], 5)", "Wheel", "(DT_WSTR,5)"),
        ok(#"RIGHT("abc", NULL(DT_I4))"#, .null, "(DT_WSTR,3)"),
        // LEN counts characters, trailing spaces included.
        ok(#"LEN("abc")"#, 3),
        ok(#"LEN("abc  ")"#, 5),
        ok(#"LEN("  abc")"#, 5),
        ok(#"LEN("")"#, 0),
        ok(#"LEN("héllo")"#, 5),
        ok(#"LEN((DT_STR,10,1252)"abc")"#, 3),
        ok("LEN(NULL(DT_WSTR,5))", .null, "DT_I4"),
        // LOWER / UPPER, character by character.
        ok(#"LOWER("ABC Def")"#, "abc def", "(DT_WSTR,7)"),
        ok(#"UPPER("héllo")"#, "HÉLLO", "(DT_WSTR,5)"),
        // Decision: a character whose upper case is several characters (ß → SS) stays as it is.
        ok(#"UPPER("straße")"#, "STRAßE", "(DT_WSTR,6)"),
        ok(#"UPPER((DT_STR,3,1252)"abc")"#, "ABC", "(DT_WSTR,3)"),
        ok("LOWER(NULL(DT_WSTR,3))", .null, "(DT_WSTR,3)"),
        // LTRIM / RTRIM / TRIM remove spaces only, not tabs or line breaks.
        ok(#"LTRIM("  a b  ")"#, "a b  ", "(DT_WSTR,7)"),
        ok(#"RTRIM("  a b  ")"#, "  a b", "(DT_WSTR,7)"),
        ok(#"TRIM("  a b  ")"#, "a b", "(DT_WSTR,7)"),
        ok(#"TRIM("\ta\t")"#, "\ta\t", "(DT_WSTR,3)"),
        ok(#"TRIM("   ")"#, "", "(DT_WSTR,3)"),
        // REPLICATE / REVERSE.
        ok(#"REPLICATE("Mountain Bike", 3)"#, "Mountain BikeMountain BikeMountain Bike", "(DT_WSTR,39)"),
        ok(#"REPLICATE("ab", 0)"#, "", "(DT_WSTR,1)"),
        ok(#"REPLICATE("ab", @[User::Days])"#, "ababababababab", "DT_WSTR"),
        ok(#"REVERSE("abc")"#, "cba", "(DT_WSTR,3)"),
        ok(#"REVERSE("héllo")"#, "olléh", "(DT_WSTR,5)"),
        ok(#"REVERSE("")"#, "", "(DT_WSTR,1)"),
        // SUBSTRING: 1-based; a length past the end gives the rest (documented).
        ok(#"SUBSTRING("elephant",4,2)"#, "ph", "(DT_WSTR,2)"),
        ok(#"SUBSTRING ("elephant",4,50)"#, "phant", "(DT_WSTR,8)"),
        ok(#"SUBSTRING ("Redmond",4,0)"#, "", "(DT_WSTR,1)"),
        ok(#"SUBSTRING("abc", 10, 2)"#, "", "(DT_WSTR,2)"),
        ok(#"SUBSTRING("abc", 1, 3)"#, "abc", "(DT_WSTR,3)"),
        ok("SUBSTRING(@[User::Name], 9, 5)", "Front", "(DT_WSTR,5)"),
        ok(#"SUBSTRING("abc", NULL(DT_I4), 1)"#, .null, "(DT_WSTR,1)"),
    ]

    static let searchFunctions: [ConformanceRow] = [
        // FINDSTRING: 1-based; 0 when not found or not found often enough (documented).
        ok(#"FINDSTRING("New York, NY, NY", "NY", 1)"#, 11),
        ok(#"FINDSTRING("New York, NY, NY", "NY", 2)"#, 15),
        ok(#"FINDSTRING("New York, NY, NY", "NY", 3)"#, 0),
        ok(#"FINDSTRING("Anderson", "n", 2)"#, 8),
        ok(#"FINDSTRING("Mountain,500Red,42", "42", 1)"#, 17),
        ok(#"FINDSTRING("abc", "x", 1)"#, 0),
        // Decision: matches may overlap; an empty search string is never found.
        ok(#"FINDSTRING("aaa", "aa", 2)"#, 2),
        ok(#"FINDSTRING("abc", "", 1)"#, 0),
        ok(#"FINDSTRING("abc", NULL(DT_WSTR,1), 1)"#, .null, "DT_I4"),
        // REPLACE: every occurrence, left to right.
        ok(#"REPLACE("Mountain Bike", "Mountain","All Terrain")"#, "All Terrain Bike", "(DT_WSTR,16)"),
        ok(#"REPLACE("aaa", "a", "bb")"#, "bbbbbb", "(DT_WSTR,6)"),
        ok(#"REPLACE("abcabc", "b", "")"#, "acac", "(DT_WSTR,6)"),
        ok(#"REPLACE("aaaa", "aa", "a")"#, "aa", "(DT_WSTR,4)"),
        ok(#"REPLACE((DT_WSTR,8)6126, "6", "5")"#, "5125", "(DT_WSTR,8)"),
        ok(#"REPLACE("abc", "B", "x")"#, "abc", "(DT_WSTR,3)"),
        ok(#"REPLACE(NULL(DT_WSTR,3), "a", "b")"#, .null, "(DT_WSTR,3)"),
        // TOKEN: delimiters are a set; runs of them count as one; leading ones are skipped.
        ok(#"TOKEN("a little white dog"," ",1)"#, "a", "(DT_WSTR,18)"),
        ok(#"TOKEN("a:little|white dog","| ,.:",4)"#, "dog", "(DT_WSTR,18)"),
        // Documented example: "" when the token does not exist (the page's remark says NULL).
        ok(#"TOKEN("a little white dog"," ",99)"#, "", "(DT_WSTR,18)"),
        ok(#"TOKEN("a little white dog","|",1)"#, "a little white dog", "(DT_WSTR,18)"),
        ok(#"TOKEN("        a little white dog", " ", 1)"#, "a", "(DT_WSTR,26)"),
        ok(#"TOKEN("2009/01/01", "/", 1)"#, "2009", "(DT_WSTR,10)"),
        ok(#"TOKEN("a,,b", ",", 2)"#, "b", "(DT_WSTR,4)"),
        ok(#"TOKEN(@[User::Path], "\\", TOKENCOUNT(@[User::Path], "\\"))"#, "myfile.txt", "DT_WSTR"),
        ok(#"TOKEN(NULL(DT_WSTR,5), ",", 1)"#, .null, "(DT_WSTR,5)"),
        // TOKENCOUNT: DT_I4; documented to give 0 (not NULL) for a NULL string.
        ok(#"TOKENCOUNT("01/12/2011", "/")"#, 3),
        ok(#"TOKENCOUNT("a little white dog"," ")"#, 4),
        ok(#"TOKENCOUNT("a little white dog","|")"#, 1),
        ok(#"TOKENCOUNT("a:little|white dog","| ,.:")"#, 4),
        ok(#"TOKENCOUNT("        a little white dog", " ")"#, 4),
        ok(#"TOKENCOUNT("", ",")"#, 0),
        ok(#"TOKENCOUNT(",,,", ",")"#, 0),
        ok(#"TOKENCOUNT(NULL(DT_WSTR,5), ",")"#, 0),
    ]

    static let nullFunctions: [ConformanceRow] = [
        ok("ISNULL(NULL(DT_I4))", true),
        ok("ISNULL(1)", false),
        ok("ISNULL(@[User::NullInt])", true),
        ok("ISNULL(@[User::Name])", false),
        ok("ISNULL(NULL(DT_I4) + 1)", true),
        ok("REPLACENULL(NULL(DT_I4), 5)", 5),
        ok("REPLACENULL(@[User::NullInt], -1)", -1),
        ok("REPLACENULL(3, 5)", 3),
        ok(#"REPLACENULL(@[User::NullName], "none")"#, "none", "DT_WSTR"),
        ok(#"REPLACENULL(NULL(DT_WSTR,3), "abcde")"#, "abcde", "(DT_WSTR,5)"),
        ok("REPLACENULL(NULL(DT_I4), 2.5)", dec("2.5"), "(DT_NUMERIC,38,1)"),
        // NULL in, NULL out, through nested functions.
        ok("UPPER(LEFT(NULL(DT_WSTR,5), 2))", .null, "(DT_WSTR,2)"),
        ok("LEN(TRIM(NULL(DT_WSTR,4))) + 1", .null, "DT_I4"),
    ]
}
