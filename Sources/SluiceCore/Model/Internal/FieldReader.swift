/// Where a value sits in a package file, `package.executables[2].constraints[0]`, for error
/// messages. Kept as its parts and rendered only when an error names it: building the text
/// for every object of a large file cost more than reading the object.
indirect enum FieldLocation: CustomStringConvertible {
    /// The start of a path (`$` for the document, `package` for the package object).
    case root(String)
    /// A field of an object: `parent.key`.
    case field(FieldLocation, String)
    /// An item of an array field: `parent.key[index]`.
    case item(FieldLocation, String, Int)

    var description: String {
        switch self {
        case .root(let text): text
        case .field(let parent, let key): "\(parent).\(key)"
        case .item(let parent, let key, let index): "\(parent).\(key)[\(index)]"
        }
    }
}

/// Reads the fields of one JSON object of a package file, remembering where it is so every
/// error names its location (`package.executables[2].constraints[0].value`), and refusing keys
/// it does not know (a misspelt `dissabled` is an error, not a silent default).
struct FieldReader {
    let object: JSONObject
    let path: FieldLocation
    /// Which entries of the object a reader asked for, by position (the first 64; the
    /// positions past them in `readBeyondMask`): `finish` then needs no key comparisons.
    private var readMask: UInt64 = 0
    private var readBeyondMask: [Int] = []

    init(_ value: JSONValue, at path: FieldLocation) throws {
        guard case .object(let object) = value else {
            throw FieldReader.invalid(path, "expected an object, found \(value.typeName)")
        }
        self.object = object
        self.path = path
    }

    static func invalid(_ location: some CustomStringConvertible, _ reason: String) -> SluiceError {
        SluiceError(.packageFieldInvalid, ["location": location.description, "reason": reason])
    }

    /// The location of a field of this object, as text (for errors).
    func location(_ key: String) -> String { FieldLocation.field(path, key).description }

    mutating func raw(_ key: String) -> JSONValue? {
        guard let i = object.index(ofASCII: key) else { return nil }  // the format's field names are ASCII
        if i < 64 { readMask |= 1 << UInt64(i) } else { readBeyondMask.append(i) }
        let value = object.entries[i].value
        if case .null = value { return nil }
        return value
    }

    mutating func string(_ key: String) throws -> String {
        guard let v = raw(key) else { throw FieldReader.invalid(location(key), "missing required field") }
        guard let s = v.stringValue else { throw FieldReader.invalid(location(key), "expected a string, found \(v.typeName)") }
        return s
    }

    mutating func optionalString(_ key: String) throws -> String? {
        guard let v = raw(key) else { return nil }
        guard let s = v.stringValue else { throw FieldReader.invalid(location(key), "expected a string, found \(v.typeName)") }
        return s
    }

    mutating func bool(_ key: String, default def: Bool) throws -> Bool {
        guard let v = raw(key) else { return def }
        guard let b = v.boolValue else { throw FieldReader.invalid(location(key), "expected true or false, found \(v.typeName)") }
        return b
    }

    mutating func int(_ key: String, default def: Int) throws -> Int {
        guard let v = raw(key) else { return def }
        guard let i = v.intValue, let n = Int(exactly: i) else {
            throw FieldReader.invalid(location(key), "expected an integer, found \(v.typeName)")
        }
        return n
    }

    /// An integer field that must lie in `range`.
    mutating func int(_ key: String, default def: Int, in range: ClosedRange<Int>) throws -> Int {
        let n = try int(key, default: def)
        guard range.contains(n) else {
            throw FieldReader.invalid(location(key), "\(n) is not between \(range.lowerBound) and \(range.upperBound)")
        }
        return n
    }

    mutating func objectField(_ key: String) throws -> JSONObject? {
        guard let v = raw(key) else { return nil }
        guard let o = v.objectValue else { throw FieldReader.invalid(location(key), "expected an object, found \(v.typeName)") }
        return o
    }

    /// The items of an array field, each transformed with its location; a missing field is an
    /// empty array.
    mutating func array<T>(_ key: String, _ transform: (JSONValue, FieldLocation) throws -> T) throws -> [T] {
        guard let v = raw(key) else { return [] }
        guard let items = v.arrayValue else { throw FieldReader.invalid(location(key), "expected an array, found \(v.typeName)") }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() { out.append(try transform(item, .item(path, key, i))) }
        return out
    }

    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, default def: E) throws -> E
    where E.RawValue == String {
        guard let text = try optionalString(key) else { return def }
        guard let e = E(rawValue: text) else {
            let options = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw FieldReader.invalid(location(key), "\"\(text)\" is not one of \(options)")
        }
        return e
    }

    /// Fails on keys no reader asked for (the first such key in the object's order).
    func finish() throws {
        let count = object.entries.count
        // Every entry read: the common case, decided by the mask alone.
        if count <= 64, readMask == (count == 64 ? UInt64.max : (1 << UInt64(count)) - 1) { return }
        for i in 0..<count {
            let read = i < 64 ? readMask & (1 << UInt64(i)) != 0 : readBeyondMask.contains(i)
            if !read { throw FieldReader.invalid(location(object.entries[i].key), "unknown field") }
        }
    }
}
