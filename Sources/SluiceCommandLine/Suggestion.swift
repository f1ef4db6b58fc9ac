/// The option a mistyped name most likely meant: `--val` → `--validate`, `--raport` → `--report`.
enum Suggestion {
    /// Names longer than this are not compared: no option is that long, and the comparison
    /// costs the product of the lengths.
    static let longestCompared = 64

    /// The only name that starts with `typed`, else the closest within two edits, else nil.
    static func nearest(to typed: String, among names: [String]) -> String? {
        guard !typed.isEmpty, typed.count <= longestCompared else { return nil }
        let prefixed = names.filter { $0.hasPrefix(typed) }
        if prefixed.count == 1 { return prefixed[0] }
        let scored = names.map { (name: $0, distance: distance(typed, $0)) }.filter { $0.distance <= 2 }
        return scored.min { $0.distance < $1.distance }?.name
    }

    /// Levenshtein distance, one row at a time.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in a.indices {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for j in b.indices {
                let substitution = previous[j] + (a[i] == b[j] ? 0 : 1)
                current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
            }
            previous = current
        }
        return previous[b.count]
    }
}
