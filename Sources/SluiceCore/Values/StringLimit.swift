/// The longest string Sluice makes or stores at run time: what any one expression operation
/// may produce (concatenation, `REPLICATE`, `REPLACE`, a cast to a string type, …) and what a
/// variable may hold. One limit for all, so that a loop that doubles a string stops with a
/// coded error (`SLUICE_E_EXPRESSION_STRING_TOO_LONG`, `SLUICE_E_VARIABLE_VALUE_TOO_LONG`)
/// long before it exhausts memory, instead of growing to gigabytes.
///
/// ```swift
/// StringLimit.admits("abc")                 // true
/// StringLimit.admits(count: 200_000_000)    // false
/// ```
/// Lengths count Unicode scalars, as the expression language does (`LEN`): 100 million of
/// them, at most 400 MB of UTF-8. SSIS's own limits are lower (4,000 characters for a
/// `DT_WSTR` column); this bound is for memory only, not a type's length.
public enum StringLimit {
    /// The most Unicode scalars a string may have.
    public static let maximumLength = 100_000_000

    /// Whether a string of `count` scalars is within the limit.
    @inlinable public static func admits(count: Int) -> Bool { count <= maximumLength }

    /// Whether `s` is within the limit. Costs nothing for most strings: the UTF-8 size (known
    /// without reading the string) bounds the count of scalars, which is only counted when the
    /// size alone passes the limit.
    /// - Parameter limit: ``maximumLength``, or a smaller one in tests.
    public static func admits(_ s: String, limit: Int = maximumLength) -> Bool {
        s.utf8.count <= limit || s.unicodeScalars.count <= limit
    }

    /// Whether `a + b` is within the limit, counted as cheaply as ``admits(_:limit:)``.
    public static func admitsConcatenation(_ a: String, _ b: String, limit: Int = maximumLength) -> Bool {
        if a.utf8.count <= limit - b.utf8.count { return true }  // neither count is negative: no overflow
        return a.unicodeScalars.count <= limit - b.unicodeScalars.count
    }
}
