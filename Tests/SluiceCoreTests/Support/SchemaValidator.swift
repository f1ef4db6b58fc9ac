import SluiceCore

/// A small JSON Schema (draft 2020-12) validator over ``JSONValue``, for exactly the keywords
/// `schema/package.schema.json` may use: `type`, `properties`, `required`, `additionalProperties`,
/// `items`, `enum`, `const`, `$ref` (local, `#/…`), `$defs`, `oneOf`, `anyOf`, `minimum`, `maximum`,
/// `pattern` and `if`/`then`, plus the annotations `$schema`, `$id`, `$comment`, `title` and
/// `description`.
///
/// ```swift
/// let validator = try SchemaValidator(schema)       // throws on a keyword it does not know
/// let failures = validator.validate(document)       // [] when the document is valid
/// ```
/// A schema that uses any other keyword is refused rather than half-checked, so the schema can
/// never quietly rely on a feature the validator ignores.
struct SchemaValidator {
    /// One reason a document does not match, located in both the document and the schema.
    struct Failure: Hashable, CustomStringConvertible {
        /// A JSON Pointer to the offending value ("" is the whole document).
        var instancePath: String
        /// A JSON Pointer to the schema keyword that failed, starting at the root schema (`#`).
        var schemaPath: String
        var message: String

        var description: String { "\(instancePath.isEmpty ? "/" : instancePath): \(message) (\(schemaPath))" }
    }

    /// Why a schema cannot be used.
    struct SchemaError: Error, CustomStringConvertible {
        var schemaPath: String
        var reason: String
        var description: String { "\(schemaPath): \(reason)" }
    }

    static let assertions: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "$ref", "$defs",
        "oneOf", "anyOf", "minimum", "maximum", "pattern", "if", "then",
    ]
    static let annotations: Set<String> = ["$schema", "$id", "$comment", "title", "description"]
    static let typeNames: Set<String> = ["null", "boolean", "object", "array", "number", "string", "integer"]

    let root: JSONValue

    init(_ schema: JSONValue) throws {
        root = schema
        try check(schema, at: "#")
    }

    /// Every failure of `instance`; empty when it is valid.
    func validate(_ instance: JSONValue) -> [Failure] {
        var failures: [Failure] = []
        let regexes = RegexCache()
        validate(instance, against: root, instancePath: "", schemaPath: "#", depth: 0, regexes: regexes, into: &failures)
        return failures
    }

    /// Patterns compiled once per validation (a schema uses the same few many times).
    private final class RegexCache {
        private var compiled: [String: Regex<AnyRegexOutput>] = [:]
        func regex(_ pattern: String) -> Regex<AnyRegexOutput>? {
            if let r = compiled[pattern] { return r }
            let r = try? Regex(pattern)
            compiled[pattern] = r
            return r
        }
    }

    func isValid(_ instance: JSONValue) -> Bool { validate(instance).isEmpty }

    // MARK: - Checking the schema

    private func check(_ schema: JSONValue, at path: String) throws {
        if case .bool = schema { return }
        guard case .object(let object) = schema else {
            throw SchemaError(schemaPath: path, reason: "a schema is an object or a boolean, found \(schema.typeName)")
        }
        for (keyword, value) in object.entries {
            let here = path + "/" + Self.escape(keyword)
            guard Self.assertions.contains(keyword) || Self.annotations.contains(keyword) else {
                throw SchemaError(schemaPath: here, reason: "unsupported keyword \"\(keyword)\"")
            }
            switch keyword {
            case "type":
                let names = value.stringValue.map { [$0] } ?? value.arrayValue?.compactMap(\.stringValue)
                guard let names, !names.isEmpty, names.allSatisfy(Self.typeNames.contains),
                    names.count == (value.arrayValue?.count ?? 1)
                else { throw SchemaError(schemaPath: here, reason: "type takes a type name or an array of them") }
            case "properties", "$defs":
                guard let members = value.objectValue else { throw SchemaError(schemaPath: here, reason: "expected an object") }
                for (name, sub) in members.entries { try check(sub, at: here + "/" + Self.escape(name)) }
            case "required":
                guard let names = value.arrayValue, names.allSatisfy({ $0.stringValue != nil }) else {
                    throw SchemaError(schemaPath: here, reason: "required takes an array of strings")
                }
            case "additionalProperties", "items", "if", "then":
                try check(value, at: here)
            case "enum":
                guard value.arrayValue != nil else { throw SchemaError(schemaPath: here, reason: "enum takes an array") }
            case "oneOf", "anyOf":
                guard let branches = value.arrayValue, !branches.isEmpty else {
                    throw SchemaError(schemaPath: here, reason: "\(keyword) takes a non-empty array of schemas")
                }
                for (i, sub) in branches.enumerated() { try check(sub, at: "\(here)/\(i)") }
            case "minimum", "maximum":
                guard value.doubleValue != nil else { throw SchemaError(schemaPath: here, reason: "\(keyword) takes a number") }
            case "pattern":
                guard let pattern = value.stringValue, (try? Regex(pattern)) != nil else {
                    throw SchemaError(schemaPath: here, reason: "pattern takes a regular expression")
                }
            case "$ref":
                guard let ref = value.stringValue, resolve(ref) != nil else {
                    throw SchemaError(schemaPath: here, reason: "$ref must point into this schema (#/…)")
                }
            case "$schema", "$id", "$comment", "title", "description":
                guard value.stringValue != nil else { throw SchemaError(schemaPath: here, reason: "expected a string") }
            default:
                break  // `const` takes any value
            }
        }
    }

    // MARK: - Validating an instance

    private func validate(
        _ value: JSONValue, against schema: JSONValue, instancePath: String, schemaPath: String, depth: Int,
        regexes: RegexCache, into failures: inout [Failure]
    ) {
        func fail(_ keyword: String, _ message: String, at path: String = instancePath) {
            failures.append(Failure(instancePath: path, schemaPath: schemaPath + "/" + keyword, message: message))
        }
        func descend(_ v: JSONValue, _ sub: JSONValue, _ vPath: String, _ sPath: String, _ out: inout [Failure]) {
            validate(v, against: sub, instancePath: vPath, schemaPath: sPath, depth: depth + 1, regexes: regexes, into: &out)
        }
        guard depth < 256 else { return fail("$ref", "schema references nest too deeply") }
        guard case .object(let s) = schema else {
            if case .bool(false) = schema {
                failures.append(Failure(instancePath: instancePath, schemaPath: schemaPath, message: "no value is allowed here"))
            }
            return
        }

        if let ref = s["$ref"]?.stringValue, let target = resolve(ref) {
            descend(value, target, instancePath, ref, &failures)
        }
        if let type = s["type"] {
            let names = type.stringValue.map { [$0] } ?? type.arrayValue?.compactMap(\.stringValue) ?? []
            if !names.contains(where: { Self.value(value, hasType: $0) }) {
                fail("type", "expected \(names.joined(separator: " or ")), found \(Self.typeName(of: value))")
            }
        }
        if let options = s["enum"]?.arrayValue, !options.contains(where: { Self.equal($0, value) }) {
            let list = options.map(JSONWriter.compact).joined(separator: ", ")
            fail("enum", "\(JSONWriter.compact(value)) is not one of \(list)")
        }
        if let constant = s["const"], !Self.equal(constant, value) {
            fail("const", "expected \(JSONWriter.compact(constant)), found \(JSONWriter.compact(value))")
        }
        if let minimum = s["minimum"], let bound = minimum.doubleValue, let number = value.doubleValue, number < bound {
            fail("minimum", "\(JSONWriter.compact(value)) is less than the minimum \(JSONWriter.compact(minimum))")
        }
        if let maximum = s["maximum"], let bound = maximum.doubleValue, let number = value.doubleValue, number > bound {
            fail("maximum", "\(JSONWriter.compact(value)) is more than the maximum \(JSONWriter.compact(maximum))")
        }
        if let pattern = s["pattern"]?.stringValue, case .string(let text) = value,
            let regex = regexes.regex(pattern), !text.contains(regex)
        {
            fail("pattern", "\(JSONWriter.compact(value)) does not match \(pattern)")
        }

        if case .object(let object) = value {
            let declared = s["properties"]?.objectValue ?? JSONObject()
            for name in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                fail("required", "missing required property \"\(name)\"")
            }
            for (key, member) in object.entries {
                let memberPath = instancePath + "/" + Self.escape(key)
                if let sub = declared[key] {
                    descend(member, sub, memberPath, schemaPath + "/properties/" + Self.escape(key), &failures)
                } else if case .bool(false)? = s["additionalProperties"] {
                    fail("additionalProperties", "unknown property \"\(key)\"", at: memberPath)
                } else if let extra = s["additionalProperties"] {
                    descend(member, extra, memberPath, schemaPath + "/additionalProperties", &failures)
                }
            }
        }
        if case .array(let items) = value, let itemSchema = s["items"] {
            for (i, item) in items.enumerated() {
                descend(item, itemSchema, "\(instancePath)/\(i)", schemaPath + "/items", &failures)
            }
        }

        for keyword in ["anyOf", "oneOf"] {
            guard let branches = s[keyword]?.arrayValue else { continue }
            let results = branches.enumerated().map { i, branch in
                var branchFailures: [Failure] = []
                descend(value, branch, instancePath, "\(schemaPath)/\(keyword)/\(i)", &branchFailures)
                return branchFailures
            }
            let matching = results.filter(\.isEmpty).count
            if matching == 0 {
                fail(keyword, "matches none of the \(branches.count) alternatives")
                // The alternative that came closest explains the problem best.
                failures += results.min { $0.count < $1.count } ?? []
            } else if keyword == "oneOf", matching > 1 {
                fail(keyword, "matches \(matching) alternatives; exactly one is required")
            }
        }
        if let condition = s["if"], let consequence = s["then"] {
            var conditionFailures: [Failure] = []
            descend(value, condition, instancePath, schemaPath + "/if", &conditionFailures)
            if conditionFailures.isEmpty { descend(value, consequence, instancePath, schemaPath + "/then", &failures) }
        }
    }

    // MARK: - Helpers

    /// The schema a local reference (`#`, `#/$defs/name`, any JSON Pointer) points to.
    private func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#") else { return nil }
        let pointer = ref.dropFirst()
        if pointer.isEmpty { return root }
        guard pointer.hasPrefix("/") else { return nil }
        var node = root
        for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.contains("~")
                ? token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") : String(token)
            switch node {
            case .object(let o):
                guard let next = o[key] else { return nil }
                node = next
            case .array(let a):
                guard let i = Int(key), a.indices.contains(i) else { return nil }
                node = a[i]
            default:
                return nil
            }
        }
        return node
    }

    /// Escapes a key for a JSON Pointer (RFC 6901).
    static func escape(_ key: String) -> String {
        guard key.contains(where: { $0 == "~" || $0 == "/" }) else { return key }
        return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func value(_ v: JSONValue, hasType name: String) -> Bool {
        switch (name, v) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): true
        case ("number", .int), ("number", .double), ("number", .number), ("integer", .int): true
        case ("integer", .double(let d)): d.isFinite && d.rounded() == d
        case ("integer", .number(let n)): n.double.rounded() == n.double
        default: false
        }
    }

    static func typeName(of v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double, .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// JSON Schema equality: numbers by value (1 equals 1.0), objects regardless of key order.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if case .number(let n) = a { return equal(.double(n.double), b) }
        if case .number(let n) = b { return equal(a, .double(n.double)) }
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.int(let i), .double(let d)), (.double(let d), .int(let i)): return Int64(exactly: d) == i
        case (.double(let x), .double(let y)): return x == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            return x.entries.count == y.entries.count
                && x.entries.allSatisfy { entry in y[entry.key].map { equal(entry.value, $0) } ?? false }
        default: return a == b
        }
    }
}
