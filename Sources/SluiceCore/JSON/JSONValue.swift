/// A JSON document whose objects keep their key order, so that package files are written with
/// a stable, readable key order and load-then-save gives the same bytes.
///
/// Numbers: the parser gives `.int` for the integers an `Int64` holds and `.number`, the text
/// as written, for every other number; `.double` is for numbers made in code. Numbers are
/// equal when they are written the same (`.double(0.5) == .number("0.5")`, not `"0.50"`).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// A number as the document wrote it (see ``JSONNumber``).
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The number when it is a whole number an `Int64` holds (`3`, `3.0`, `3e0`).
    public var intValue: Int64? {
        switch self {
        case .int(let i): i
        case .double(let d) where d.rounded() == d && abs(d) < 9e18: Int64(d)
        case .number(let n): if case .value(let i) = NumberText(n.text)?.integer { i } else { nil }
        default: nil
        }
    }
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .number(let n): n.double
        default: nil
        }
    }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }

    /// A short name of the JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// A number's JSON text, nil for other values.
    var numberText: String? {
        switch self {
        case .int(let i): String(i)
        case .double(let d): d.isFinite ? JSONNumber.text(of: d) : "\(d)"
        case .number(let n): n.text
        default: nil
        }
    }

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x == y
        case (.int, _), (.double, _), (.number, _): a.numberText != nil && a.numberText == b.numberText
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .int, .double, .number: hasher.combine(numberText)
        case .string(let s): hasher.combine(s)
        case .array(let items): hasher.combine(items)
        case .object(let o): hasher.combine(o)
        }
    }
}

/// A JSON object with ordered keys.
public struct JSONObject: Sendable, Hashable {
    public private(set) var entries: [(key: String, value: JSONValue)] = []
    /// What lookups know of the keys without comparing them. Keys compare as `String`s
    /// (Unicode canonical equivalence), which for ASCII text is byte equality: while every key
    /// is ASCII, a lookup of an ASCII key can pass over keys of another byte length, and give
    /// up at once when no key has its length. Package files look keys up by the dozen per
    /// object, most of them absent, and the comparisons were the largest cost of loading them.
    private var keysAreASCII = true
    /// Bit `n % 64` is set when some key is `n` bytes long (a bit may outlive a removed key).
    private var keyLengths: UInt64 = 0

    public init() {}

    public init(_ entries: [(String, JSONValue)]) {
        for (k, v) in entries { self[k] = v }
    }

    public subscript(key: String) -> JSONValue? {
        get { index(of: key).map { entries[$0].value } }
        set {
            if let i = index(of: key) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                append(key, newValue)
            }
        }
    }

    /// The position of `key` among the entries (`String` equality, as the subscript).
    func index(of key: String) -> Int? {
        keysAreASCII && Self.isASCII(key) ? index(ofASCII: key) : entries.firstIndex { $0.key == key }
    }

    /// `index(of:)` for a key known to be ASCII, such as the field names of a file format.
    func index(ofASCII key: String) -> Int? {
        assert(Self.isASCII(key), "not an ASCII key: \(key)")
        guard keysAreASCII else { return entries.firstIndex { $0.key == key } }
        let count = key.utf8.count
        guard keyLengths & Self.lengthBit(count) != 0 else { return nil }
        return entries.firstIndex { $0.key.utf8.count == count && $0.key == key }
    }

    /// Adds an entry for a key the caller knows is not there yet.
    mutating func append(_ key: String, _ value: JSONValue) { append(key, value, keyIsASCII: Self.isASCII(key)) }

    /// `append(_:_:)` for the parser, which has checked for duplicates and knows whether the
    /// key is ASCII (false when unsure: that only makes later lookups slower).
    mutating func append(_ key: String, _ value: JSONValue, keyIsASCII: Bool) {
        if !keyIsASCII { keysAreASCII = false }
        keyLengths |= Self.lengthBit(key.utf8.count)
        entries.append((key, value))
    }

    mutating func reserveCapacity(_ n: Int) { entries.reserveCapacity(n) }

    private static func lengthBit(_ count: Int) -> UInt64 { 1 << UInt64(count & 63) }

    private static func isASCII(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { $0.allSatisfy { $0 < 0x80 } }  // on the buffer: the UTF8View's iterator is far slower
    }

    public var keys: [String] { entries.map(\.key) }

    /// Objects are equal when they hold the same keys and values, in any order (as JSON defines).
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.entries.count == b.entries.count && a.entries.allSatisfy { b[$0.key] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        for e in entries.sorted(by: { $0.key < $1.key }) {
            hasher.combine(e.key)
            hasher.combine(e.value)
        }
    }
}
