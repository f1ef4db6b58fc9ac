import SluiceCore

/// The JSON form of a scan's outcome: what the scanner child writes to its standard output and
/// what the cache keeps for each library.
///
/// ```json
/// {"format": "sluice-plugin-scan", "version": 1,
///  "library": {"name": "acme.greetings", "version": "1.0.0", "vendor": "Acme", "abiMajor": 1, "abiMinor": 1},
///  "components": [{"id": "acme.hello", "kind": "task", "displayName": "Hello", "description": "",
///                  "version": "1.0.0", "properties": [{"name": "name", "type": "string", "required": true,
///                                                      "default": "World", "description": ""}]}]}
/// {"format": "sluice-plugin-scan", "version": 1,
///  "rejected": {"code": 30006, "name": "SLUICE_E_PLUGIN_INIT_FAILED", "text": "…",
///               "inserts": {"path": "…", "reason": "…"}, "pluginCode": 100123}}
/// ```
/// Decoding trusts nothing: every field is checked, a rejection's code must name a message of
/// this host's reference, and anything else is ``ScanDocument/Invalid``.
enum ScanDocument {
    static let format = "sluice-plugin-scan"
    static let version: Int64 = 1

    /// Why a document could not be read.
    struct Invalid: Error {
        let reason: String
    }

    static func encode(_ outcome: ScanOutcome) -> JSONObject {
        var o = JSONObject([("format", .string(format)), ("version", .int(version))])
        for (key, value) in fields(of: outcome).entries { o[key] = value }
        return o
    }

    /// The outcome's own fields (`library` and `components`, or `rejected`), as the cache nests them.
    static func fields(of outcome: ScanOutcome) -> JSONObject {
        switch outcome {
        case .accepted(let library):
            return JSONObject([
                ("library", .object(JSONObject([
                    ("name", .string(library.name)), ("version", .string(library.version)), ("vendor", .string(library.vendor)),
                    ("abiMajor", .int(Int64(library.abiMajor))), ("abiMinor", .int(Int64(library.abiMinor))),
                ]))),
                ("components", .array(library.components.map { .object(encode($0)) })),
            ])
        case .rejected(let error):
            var r = JSONObject([("code", .int(Int64(error.code))), ("name", .string(error.name)), ("text", .string(error.text))])
            r["inserts"] = .object(JSONObject(error.inserts.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
            if let own = error.pluginCode { r["pluginCode"] = .int(Int64(own)) }
            return JSONObject([("rejected", .object(r))])
        }
    }

    private static func encode(_ c: ComponentDescriptor) -> JSONObject {
        var o = JSONObject([
            ("id", .string(c.id)), ("kind", .string(c.kind.rawValue)), ("displayName", .string(c.displayName)),
            ("description", .string(c.description)), ("version", .string(c.version)),
            ("properties", .array(c.properties.map { p in
                var o = JSONObject([("name", .string(p.name)), ("type", .string(p.kind.rawValue)), ("required", .bool(p.required))])
                if let d = p.defaultValue { o["default"] = d }
                o["description"] = .string(p.description)
                return .object(o)
            })),
        ])
        if let kind = c.connectionKind { o["connectionKind"] = .string(kind) }
        return o
    }

    /// Reads a whole scanner document (with its format and version).
    static func decode(_ value: JSONValue, path: String) throws -> ScanOutcome {
        guard let o = value.objectValue else { throw Invalid(reason: "the document is \(value.typeName), not an object") }
        guard o["format"]?.stringValue == format, o["version"]?.intValue == version else {
            throw Invalid(reason: "the document is not a \(format) version \(version) document")
        }
        return try decodeFields(o, path: path)
    }

    /// Reads the outcome's own fields; components get `library` = `path`.
    static func decodeFields(_ o: JSONObject, path: String) throws -> ScanOutcome {
        if let rejected = o["rejected"] { return .rejected(try decodeRejection(rejected)) }
        let library = try object(o["library"], "library")
        let components = try array(o["components"], "components").map { try decodeComponent($0, path: path) }
        guard Set(components.map(\.id)).count == components.count else { throw Invalid(reason: "a component id appears twice") }
        return .accepted(ScannedLibrary(
            name: try string(library["name"], "library.name"), version: try string(library["version"], "library.version"),
            vendor: try string(library["vendor"], "library.vendor"),
            abiMajor: try uint32(library["abiMajor"], "library.abiMajor"), abiMinor: try uint32(library["abiMinor"], "library.abiMinor"),
            components: components))
    }

    private static func decodeRejection(_ value: JSONValue) throws -> SluiceError {
        let r = try object(value, "rejected")
        let code = try uint32(r["code"], "rejected.code")
        guard let message = MessageCatalog.all.first(where: { Int64($0.code) == Int64(code) }),
            message.name == (try string(r["name"], "rejected.name"))
        else { throw Invalid(reason: "rejected.code \(code) is not a message of this host's reference") }
        var inserts: [String: String] = [:]
        for (key, v) in try object(r["inserts"], "rejected.inserts").entries { inserts[key] = try string(v, "rejected.inserts.\(key)") }
        var error = SluiceError(message, inserts)
        if let own = r["pluginCode"] {
            guard let c = own.intValue, let accepted = Int32(exactly: c).flatMap(PluginCodes.accepted) else {
                throw Invalid(reason: "rejected.pluginCode is not a code a plugin may give")
            }
            error.pluginCode = accepted
        }
        return error
    }

    private static func decodeComponent(_ value: JSONValue, path: String) throws -> ComponentDescriptor {
        let c = try object(value, "components[]")
        let id = try string(c["id"], "component id")
        guard DescriptorChecker.isNamespacedID(id) else { throw Invalid(reason: "component id \"\(id)\" is not namespaced") }
        let kindName = try string(c["kind"], "\(id).kind")
        guard let kind = ComponentKind(rawValue: kindName) else { throw Invalid(reason: "\(id) has unknown kind \"\(kindName)\"") }
        var properties: [PropertySpec] = []
        for p in try array(c["properties"], "\(id).properties") {
            let po = try object(p, "\(id).properties[]")
            let name = try string(po["name"], "\(id) property name")
            let typeName = try string(po["type"], "\(id).\(name).type")
            guard let type = PropertySpec.Kind(rawValue: typeName) else { throw Invalid(reason: "\(id).\(name) has unknown type \"\(typeName)\"") }
            guard let required = po["required"]?.boolValue else { throw Invalid(reason: "\(id).\(name).required is not a boolean") }
            var defaultValue: JSONValue?
            if let d = po["default"] {
                guard let v = type.coerce(d) else { throw Invalid(reason: "the default of \(id).\(name) is not a \(typeName)") }
                defaultValue = v
            }
            guard !properties.contains(where: { $0.name == name }) else { throw Invalid(reason: "\(id).\(name) is declared twice") }
            properties.append(PropertySpec(name, type, required: required, default: defaultValue, try string(po["description"], "\(id).\(name).description")))
        }
        var connectionKind: String?
        if let value = c["connectionKind"] {
            let text = try string(value, "\(id).connectionKind")
            // The checker's own rule (DescriptorChecker): only a connection manager names one.
            guard kind == .connectionManager, DescriptorChecker.isNamespacedID(text) else {
                throw Invalid(reason: "\(id).connectionKind \"\(text)\" is not a connection manager's namespaced kind")
            }
            connectionKind = text
        }
        return ComponentDescriptor(
            id: id, kind: kind, displayName: try string(c["displayName"], "\(id).displayName"),
            description: try string(c["description"], "\(id).description"), version: try string(c["version"], "\(id).version"),
            properties: properties, library: path, connectionKind: connectionKind)
    }

    // MARK: - Field readers

    static func object(_ v: JSONValue?, _ field: String) throws -> JSONObject {
        guard let o = v?.objectValue else { throw Invalid(reason: "\(field) is missing or not an object") }
        return o
    }

    static func array(_ v: JSONValue?, _ field: String) throws -> [JSONValue] {
        guard let a = v?.arrayValue else { throw Invalid(reason: "\(field) is missing or not an array") }
        return a
    }

    static func string(_ v: JSONValue?, _ field: String) throws -> String {
        guard let s = v?.stringValue else { throw Invalid(reason: "\(field) is missing or not a string") }
        return s
    }

    static func uint32(_ v: JSONValue?, _ field: String) throws -> UInt32 {
        guard let i = v?.intValue, let u = UInt32(exactly: i) else { throw Invalid(reason: "\(field) is missing or not a small whole number") }
        return u
    }

    static func int64(_ v: JSONValue?, _ field: String) throws -> Int64 {
        guard let i = v?.intValue else { throw Invalid(reason: "\(field) is missing or not a whole number") }
        return i
    }
}
