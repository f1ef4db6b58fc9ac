import SluiceCore

/// FINDSTRING, REPLACE, TOKEN, TOKENCOUNT: the string functions that search. Matching compares
/// Unicode scalars exactly (case-sensitive, no canonical equivalence), as SSIS compares.
enum StringSearch {
    static let all: [String: FunctionLibrary.Definition] = [
        "FINDSTRING": .init(arity: 3...3) { call in
            let s = try call.stringArgument(0), search = try call.stringArgument(1), n = try call.integerArgument(2)
            let fail = call.errors
            return call.strict(.i4, [s, search, n]) { v in
                let occurrence = FunctionCall.integer(v[2])
                guard occurrence >= 1 else { throw fail.argument("the occurrence must be 1 or more, not \(occurrence)") }
                return .int(Int64(find(Array(v[0].string!.unicodeScalars), Array(v[1].string!.unicodeScalars), occurrence)))
            }
        },
        "REPLACE": .init(arity: 3...3) { call in
            let s = try call.stringArgument(0), search = try call.stringArgument(1), replacement = try call.stringArgument(2)
            let fail = call.errors
            return call.strict(.wstr(replacedLength(s, search, replacement)), [s, search, replacement]) { v in
                let target = Array(v[1].string!.unicodeScalars)
                guard !target.isEmpty else { throw fail.argument("the string to search for must not be empty") }
                let source = Array(v[0].string!.unicodeScalars), replacement = v[2].string!.unicodeScalars
                // The bound every string operation shares (StringLimit): matches counted only
                // when the worst case could pass it.
                let growth = replacement.count - target.count
                if growth > 0, !StringLimit.admits(count: source.count + source.count / target.count * growth) {
                    let matches = occurrences(source, target)
                    guard StringLimit.admits(count: source.count + matches * growth) else { throw fail.tooLong }
                }
                return .string(replace(source, target, replacement))
            }
        },
        "TOKEN": .init(arity: 3...3) { call in
            let s = try call.stringArgument(0), delimiters = try call.stringArgument(1), n = try call.integerArgument(2)
            let fail = call.errors
            return call.strict(.wstr(s.type.length), [s, delimiters, n]) { v in
                let set = Set(v[1].string!.unicodeScalars)
                guard !set.isEmpty else { throw fail.argument("the delimiter string must not be empty") }
                let occurrence = FunctionCall.integer(v[2])
                guard occurrence >= 1 else { throw fail.argument("the occurrence must be 1 or more, not \(occurrence)") }
                let all = tokens(v[0].string!.unicodeScalars, set)
                // SSIS's page says NULL here but its own example returns "" for a missing token,
                // and so does SSIS: an empty string.
                return .string(occurrence <= all.count ? all[Int(occurrence - 1)] : "")
            }
        },
        "TOKENCOUNT": .init(arity: 2...2) { call in
            let s = try call.stringArgument(0), delimiters = try call.stringArgument(1)
            let fail = call.errors
            let es = s.evaluate, ed = delimiters.evaluate
            return (Compiled(.i4) {
                // Documented: a NULL string has 0 tokens (not NULL). A NULL delimiter string is NULL.
                let text = try es()
                guard let d = try ed().string else { return .null }
                guard !d.isEmpty else { throw fail.argument("the delimiter string must not be empty") }
                guard let t = text.string else { return .int(0) }
                return .int(Int64(tokens(t.unicodeScalars, Set(d.unicodeScalars)).count))
            }, true)
        },
    ]

    /// The 1-based position of the `occurrence`th match, or 0. Matches may overlap (the next
    /// search starts one character after the previous match). An empty search string is never
    /// found.
    static func find(_ s: [Unicode.Scalar], _ target: [Unicode.Scalar], _ occurrence: Int64) -> Int {
        guard !target.isEmpty, target.count <= s.count else { return 0 }
        var seen: Int64 = 0
        for i in 0...(s.count - target.count) where s[i] == target[0] && s[i..<(i + target.count)].elementsEqual(target) {
            seen += 1
            if seen == occurrence { return i + 1 }
        }
        return 0
    }

    /// Non-overlapping matches of `target` in `s`, counted as `replace` would replace them.
    static func occurrences(_ s: [Unicode.Scalar], _ target: [Unicode.Scalar]) -> Int {
        var count = 0
        var i = 0
        while i + target.count <= s.count {
            if s[i] == target[0], s[i..<(i + target.count)].elementsEqual(target) {
                count += 1
                i += target.count
            } else {
                i += 1
            }
        }
        return count
    }

    static func replace(_ s: [Unicode.Scalar], _ target: [Unicode.Scalar], _ replacement: String.UnicodeScalarView) -> String {
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if i + target.count <= s.count, s[i] == target[0], s[i..<(i + target.count)].elementsEqual(target) {
                out.append(contentsOf: replacement)
                i += target.count
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Tokens between delimiters; runs of delimiters count as one, leading and trailing ones are
    /// skipped.
    static func tokens(_ s: String.UnicodeScalarView, _ delimiters: Set<Unicode.Scalar>) -> [String] {
        s.split(whereSeparator: { delimiters.contains($0) }).map { String(String.UnicodeScalarView($0)) }
    }

    /// The longest REPLACE can make its input, when the lengths are known: every match of the
    /// shortest possible search string (the constant one, or one character) replaced.
    static func replacedLength(_ s: Compiled, _ search: Compiled, _ replacement: Compiled) -> Int? {
        guard let length = s.type.length, let grow = replacement.type.length else { return nil }
        let searchLength = search.constant?.string.map { $0.unicodeScalars.count } ?? 1
        guard searchLength > 0, grow > searchLength else { return length }
        let (grown, o1) = (length / searchLength).multipliedReportingOverflow(by: grow)
        let (total, o2) = grown.addingReportingOverflow(length % searchLength)
        return o1 || o2 ? nil : max(total, 1)
    }
}
