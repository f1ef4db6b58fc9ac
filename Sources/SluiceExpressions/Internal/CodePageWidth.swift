/// Bytes a character takes in a code page, for `DT_STR` lengths and `LEN` of `DT_TEXT`, which
/// SSIS counts in bytes of the type's code page (a `(DT_STR,4,65001)` holds "été" plus one byte,
/// not four characters).
///
/// Sluice does not keep a table of every Windows code page: UTF-8 (65001) and UTF-16 (1200,
/// 1201) count exactly; the double-byte code pages of East Asia (932, 936, 949, 950) count two
/// bytes for any non-ASCII character; every other code page is single-byte.
enum CodePageWidth {
    static func bytes(of scalar: Unicode.Scalar, codePage: Int) -> Int {
        switch codePage {
        case 65001: UTF8.width(scalar)
        case 1200, 1201: UTF16.width(scalar) * 2
        case 932, 936, 949, 950: scalar.isASCII ? 1 : 2
        default: 1
        }
    }

    static func bytes(of s: String, codePage: Int) -> Int {
        var total = 0
        for scalar in s.unicodeScalars { total += bytes(of: scalar, codePage: codePage) }
        return total
    }

    /// The longest prefix of `s` that fits in `limit` bytes of the code page (a character that
    /// would straddle the limit is left out whole).
    static func prefix(_ s: String, bytes limit: Int, codePage: Int) -> String {
        var used = 0
        var end = s.unicodeScalars.startIndex
        for i in s.unicodeScalars.indices {
            used += bytes(of: s.unicodeScalars[i], codePage: codePage)
            if used > limit { return String(s.unicodeScalars[..<i]) }
            end = s.unicodeScalars.index(after: i)
        }
        return String(s.unicodeScalars[..<end])
    }
}
