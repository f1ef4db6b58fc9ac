/// What an unknown name in a property path may have meant: the closest name that exists, or
/// the list of what exists, for the error message.
enum NearbyNames {
    /// ` (did you mean "Copy"?)`, ` (it has "Load", "Finish")` or ` (it has none)`.
    static func hint(for name: String, among names: [String], noun: String = "it has") -> String {
        if names.isEmpty { return " (\(noun) none)" }
        if let near = nearest(to: name, among: names) { return " (did you mean \"\(near)\"?)" }
        let shown = names.prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")
        return " (\(noun) \(shown)\(names.count > 10 ? ", …" : ""))"
    }

    /// The name at the smallest edit distance, ignoring case, when it is close enough to be a
    /// slip: a third of the length, at least 2. Names longer than 64 characters are not
    /// compared, so the cost stays linear in the package with a small constant.
    static func nearest(to name: String, among names: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        guard target.count <= 64 else { return nil }
        let limit = max(2, target.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in names {
            let c = Array(candidate.lowercased().unicodeScalars)
            guard c.count <= 64, abs(c.count - target.count) <= limit else { continue }
            let d = distance(target, c)
            if d <= limit, d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// Levenshtein distance, one row at a time (both sides at most 64 long).
    private static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...b.count {
                let old = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = old
            }
        }
        return row[b.count]
    }

    /// The one name equal to `name`, else the one equal ignoring case; nil when none or when
    /// several differ only by case.
    static func index<C: Collection>(of name: String, in items: C, by key: (C.Element) -> String) -> C.Index? {
        if let exact = items.firstIndex(where: { key($0) == name }) { return exact }
        let lower = name.lowercased()
        let folded = items.indices.filter { key(items[$0]).lowercased() == lower }
        return folded.count == 1 ? folded.first : nil
    }
}
