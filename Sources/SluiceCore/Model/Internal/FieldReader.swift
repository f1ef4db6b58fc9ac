/// Reads the fields of one JSON object of a package file, remembering where it is so every
/// error names its location (`package.executables[2].constraints[0].value`), and refusing keys
/// it does not know (a misspelt `dissabled` is an error, not a silent default).
struct FieldReader {
    let object: JSONObject
    let path: String
    private var allowed: [String] = []

    init(_ value: JSONValue, at path: String) throws {
        guard case .object(let object) = value else {
            throw FieldReader.invalid(path, "expected an object, found \(value.typeName)")
        }
        self.object = object
        self.path = path
    }

    static func invalid(_ location: String, _ reason: String) -> SluiceError {
        SluiceError(.packageFieldInvalid, ["location": location, "reason": reason])
    }

    func location(_ key: String) -> String { "\(path).\(key)" }

    mutating func raw(_ key: String) -> JSONValue? {
        allowed.append(key)
        let value = object[key]
        if case .null? = value { return nil }
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

    mutating func objectField(_ key: String) throws -> JSONObject? {
        guard let v = raw(key) else { return nil }
        guard let o = v.objectValue else { throw FieldReader.invalid(location(key), "expected an object, found \(v.typeName)") }
        return o
    }

    /// The items of an array field with their locations; a missing field is an empty array.
    mutating func array(_ key: String) throws -> [(value: JSONValue, location: String)] {
        guard let v = raw(key) else { return [] }
        guard let items = v.arrayValue else { throw FieldReader.invalid(location(key), "expected an array, found \(v.typeName)") }
        return items.enumerated().map { ($1, "\(location(key))[\($0)]") }
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

    /// Fails on keys no reader asked for.
    func finish() throws {
        if let unknown = object.keys.first(where: { !allowed.contains($0) }) {
            throw FieldReader.invalid(location(unknown), "unknown field")
        }
    }
}
