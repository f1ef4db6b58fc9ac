import Foundation

/// How `< > <= >=` order strings: the way SQL Server's default collation
/// (SQL_Latin1_General_CP1_CI_AS) and Windows' CompareString order them, which is what SSIS
/// users expect (`"a" < "B"` is true; plain code-point order would make it false).
///
/// The rule, the same in every supported `LocaleID`:
/// 1. letters compare without case and without accents (`"a" < "B"`, `"é" < "f"`);
/// 2. on a tie, accents decide, character by character (`"e" < "é"`);
/// 3. then case, lower case first (`"a" < "A"`);
/// 4. then code points, so two strings order equal only when they are equal, and `==`, which
///    compares exactly as SSIS does, agrees with the ordering.
///
/// Linear in the strings' length; ASCII strings need no folding table.
enum Collation {
    static func order(_ s: String, _ t: String) -> Int {
        if s.utf8.elementsEqual(t.utf8) { return 0 }
        var tie = 0  // the first secondary (accent) or tertiary (case) difference
        var tieLevel = 4
        var i = s.unicodeScalars.makeIterator(), j = t.unicodeScalars.makeIterator()
        while true {
            let x = i.next(), y = j.next()
            guard let x else { return y == nil ? resolve(tie, tieLevel, s, t) : -1 }
            guard let y else { return 1 }
            let (bx, by) = (base(x), base(y))
            if bx != by { return bx < by ? -1 : 1 }
            if x == y { continue }
            // Same base: they differ in accent (level 2) or only in case (level 3).
            let (lx, ly) = (lower(x), lower(y))
            let level = lx != ly ? 2 : 3
            if level < tieLevel {
                tieLevel = level
                // Each side's key depends on its own character only (plain before accented,
                // lower before upper, then code point), so the order is total: both plain or
                // both lower case (K and the Kelvin sign K) fall to code points.
                if level == 2 {
                    tie = rank(plain: accentless(lx) == lx, lx, plain: accentless(ly) == ly, ly)
                } else {
                    tie = rank(plain: lx == x, x, plain: ly == y, y)
                }
            }
        }
    }

    private static func rank(plain px: Bool, _ x: Unicode.Scalar, plain py: Bool, _ y: Unicode.Scalar) -> Int {
        if px != py { return px ? -1 : 1 }
        return x.value < y.value ? -1 : 1
    }

    private static func resolve(_ tie: Int, _ level: Int, _ s: String, _ t: String) -> Int {
        if level < 4 { return tie }
        return s.unicodeScalars.lexicographicallyPrecedes(t.unicodeScalars) ? -1 : 1
    }

    /// The character without case or accent, as a code point to compare.
    private static func base(_ c: Unicode.Scalar) -> UInt32 {
        lower(accentless(c)).value
    }

    private static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.isASCII {
            return (0x41...0x5A).contains(c.value) ? Unicode.Scalar(c.value + 32) ?? c : c
        }
        let mapped = c.properties.lowercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first ?? c : c
    }

    /// The first scalar of the character's canonical decomposition (`é` → `e`); itself when it
    /// has none.
    private static func accentless(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.isASCII { return c }
        let decomposed = String(c).decomposedStringWithCanonicalMapping.unicodeScalars
        return decomposed.first ?? c
    }
}
