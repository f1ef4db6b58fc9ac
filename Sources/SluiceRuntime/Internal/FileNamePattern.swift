/// A Foreach file enumerator's pattern (SSIS's FileSpec), matched as Windows matches file names,
/// which is what SSIS users' packages expect:
/// - `*` is any run of characters, `?` any one character; every other character, `[` and `\`
///   included, stands for itself;
/// - case is ignored unless `caseSensitive` (`*.CSV` matches `a.csv`);
/// - a pattern ending in `.*` also matches a name without that extension, so `*.*` matches
///   every file, dot or not, and `report.*` matches `report`.
///
/// Microsoft documents the wildcards in "Foreach Loop Container" (Files: "*.txt", "*.*") and the
/// `.*` rule in FindFirstFileW's file name matching.
struct FileNamePattern: Sendable {
    private let pattern: [Character]
    /// The pattern without its final `.*`, when it has one.
    private let withoutAnyExtension: [Character]?
    private let caseSensitive: Bool

    init(_ text: String, caseSensitive: Bool = false) {
        self.caseSensitive = caseSensitive
        let folded = caseSensitive ? text : text.lowercased()
        pattern = Array(folded)
        withoutAnyExtension = folded.hasSuffix(".*") ? Array(folded.dropLast(2)) : nil
    }

    func matches(_ name: String) -> Bool {
        let text = Array(caseSensitive ? name : name.lowercased())
        if Self.matches(text, pattern) { return true }
        if let withoutAnyExtension { return Self.matches(text, withoutAnyExtension) }
        return false
    }

    /// Wildcard matching without recursion: on a mismatch, go back to the last `*` and let it
    /// take one more character. At most text × pattern steps.
    private static func matches(_ text: [Character], _ pattern: [Character]) -> Bool {
        var t = 0
        var p = 0
        var star: Int?
        var starText = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || (pattern[p] != "*" && pattern[p] == text[t]) {
                t += 1
                p += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                starText = t
                p += 1
            } else if let s = star {
                p = s + 1
                starText += 1
                t = starText
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
