/// A property path taken apart: `\Package\Load\Copy.Variables[User::X].Value` is the
/// executables `Load`, `Copy` and the members `Variables[User::X]`, `Value`.
///
/// dtexec's own example writes `\package.variables[myvariable].Value`, so the words of the
/// grammar (`Package`, `Variables`, `Properties`, `Value`, …) are matched without regard to case;
/// names inside brackets keep their case. One pass over the text, no recursion.
struct PropertyPathSyntax {
    struct Member {
        var name: String
        var key: String?

        /// The grammar's words compare without regard to case (ASCII: they are English words).
        func `is`(_ word: String) -> Bool { key == nil && name.lowercased() == word.lowercased() }
        func isCollection(_ word: String) -> Bool { key != nil && name.lowercased() == word.lowercased() }
        var written: String { key.map { "\(name)[\($0)]" } ?? name }
    }

    var executables: [String]
    var members: [Member]

    init(_ path: String, invalid: (String) -> SluiceError) throws {
        let mustStart = "it must start with \\Package"
        guard path.hasPrefix("\\") else { throw invalid(mustStart) }
        let body = path.dropFirst()
        let head = body.prefix { $0 != "\\" && $0 != "." }
        guard head.lowercased() == "package" else { throw invalid(mustStart) }

        // Split at '.' outside brackets: the part before the first is the executables.
        var parts: [Substring] = []
        var depth = 0
        var start = body.startIndex
        for i in body.indices {
            switch body[i] {
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth < 0 { throw invalid("unbalanced brackets") }
            case "." where depth == 0:
                parts.append(body[start..<i])
                start = body.index(after: i)
            default: break
            }
        }
        if depth != 0 { throw invalid("unbalanced brackets") }
        parts.append(body[start...])

        var names = parts[0].split(separator: "\\", omittingEmptySubsequences: false).map(String.init)
        names.removeFirst()  // "Package", checked above
        if names.contains("") { throw invalid("empty executable name") }
        executables = names
        guard parts.count > 1, !parts[1].isEmpty else { throw invalid("no property after the container path") }
        members = try parts.dropFirst().map { try Self.member($0, invalid: invalid) }
    }

    /// `Variables[User::X]` → ("Variables", "User::X"); `Value` → ("Value", nil).
    private static func member(_ s: Substring, invalid: (String) -> SluiceError) throws -> Member {
        if s.isEmpty { throw invalid("empty member between dots") }
        guard let open = s.firstIndex(of: "[") else {
            if s.contains("]") { throw invalid("unbalanced brackets") }
            return Member(name: String(s), key: nil)
        }
        // The split above left the brackets balanced, so a last ']' exists after the first '['.
        guard let close = s.lastIndex(of: "]"), close > open else { throw invalid("unbalanced brackets") }
        guard s.index(after: close) == s.endIndex else { throw invalid("expected '.' after ']'") }
        let name = s[..<open]
        if name.isEmpty { throw invalid("a '[' must follow a name such as Variables or Properties") }
        return Member(name: String(name), key: String(s[s.index(after: open)..<close]))
    }
}
