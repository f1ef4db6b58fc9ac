/// A variable name with its namespace, written `User::Name`.
///
/// A bare `Name` has no namespace and matches a variable of that name in any namespace.
public struct QualifiedName: Sendable, Hashable, CustomStringConvertible {
    public var namespace: String?
    public var name: String

    public init(namespace: String?, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// Parses `User::Name`, `Name` or `[User::Name]`.
    public init(parsing text: String) {
        var t = Substring(text)
        if t.hasPrefix("["), t.hasSuffix("]") { t = t.dropFirst().dropLast() }
        let u = t.utf8
        var colon: Substring.Index?
        var i = u.startIndex
        while i < u.endIndex {
            let next = u.index(after: i)
            if u[i] == UInt8(ascii: ":"), next < u.endIndex, u[next] == UInt8(ascii: ":") { colon = i; break }
            i = next
        }
        if let colon {
            namespace = String(t[..<colon])
            name = String(t[u.index(colon, offsetBy: 2)...])
        } else {
            namespace = nil
            name = String(t)
        }
    }

    public var description: String { namespace.map { "\($0)::\(name)" } ?? name }

    /// True when a variable declared as `namespace::name` answers to this reference.
    public func matches(namespace other: String, name otherName: String) -> Bool {
        name == otherName && (namespace == nil || namespace == other)
    }
}
