import Foundation

/// Reads the JSON of a package file into a ``Package``, with an error that names the location of
/// the first problem.
enum PackageDecoder {
    static func decodeFile(_ json: JSONValue) throws -> Package {
        guard case .object(let top) = json else {
            throw SluiceError(.formatUnknown, ["found": "a document that is \(json.typeName)"])
        }
        guard let format = top["format"]?.stringValue, format == PackageFile.format else {
            throw SluiceError(.formatUnknown, ["found": top["format"].map(describe) ?? "missing"])
        }
        guard let version = top["formatVersion"]?.intValue, version == PackageFile.formatVersion else {
            throw SluiceError(.formatVersionUnsupported, [
                "found": top["formatVersion"].map(describe) ?? "missing", "supported": String(PackageFile.formatVersion),
            ])
        }
        var r = try FieldReader(json, at: .root("$"))
        _ = r.raw("format")
        _ = r.raw("formatVersion")
        guard let body = r.raw("package") else { throw FieldReader.invalid("$.package", "missing required field") }
        try r.finish()
        return try decodePackage(body, at: .root("package"))
    }

    private static func describe(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): "\"\(s)\""
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .number(let n): n.text
        default: v.typeName
        }
    }

    static func decodePackage(_ json: JSONValue, at path: FieldLocation) throws -> Package {
        var r = try FieldReader(json, at: path)
        var package = Package(name: try r.string("name"))
        package.id = try uuid(&r, "id")
        package.description = try r.optionalString("description") ?? ""
        package.maxConcurrentExecutables = try r.int("maxConcurrentExecutables", default: -1)
        package.locale = try PackageLocale(id: try r.int("localeId", default: PackageLocale.englishUnitedStates.id))
        package.metadata = try decodeMetadata(&r)
        try readExecutableProperties(&r, into: &package.root)
        if let c = try r.objectField("checkpoint") {
            var k = try FieldReader(.object(c), at: .field(r.path, "checkpoint"))
            package.checkpoint = CheckpointSettings(
                fileName: try k.string("fileName"), usage: try k.enumeration("usage", default: .ifExists), save: try k.bool("save", default: true))
            try k.finish()
        }
        package.logProviders = try r.array("logProviders") { value, location in
            var k = try FieldReader(value, at: location)
            let l = LogProvider(try k.string("name"), kind: try k.string("kind"), path: try k.string("path"), properties: try k.objectField("properties") ?? JSONObject())
            try k.finish()
            return l
        }
        package.parameters = try r.array("parameters", decodeParameter)
        package.connections = try r.array("connections", decodeConnection)
        try readContainerContents(&r, into: &package.root)
        try r.finish()
        return package
    }

    static func decodeExecutable(_ json: JSONValue, at path: FieldLocation) throws -> Executable {
        var r = try FieldReader(json, at: path)
        let name = try r.string("name")
        let id = try uuid(&r, "id")
        let type = try r.string("type")
        let kind: Executable.Kind
        switch type {
        case "task": kind = .task(component: try r.string("component"))
        case "sequence": kind = .sequence
        case "dataFlow": kind = .dataFlow(try decodeDataFlow(&r))
        case "forLoop":
            kind = .forLoop(ForLoopSpecification(
                init: try r.optionalString("initExpression"), eval: try r.string("evalExpression"),
                assign: try r.optionalString("assignExpression")))
        case "foreachLoop":
            guard let enumerator = r.raw("enumerator") else { throw FieldReader.invalid(r.location("enumerator"), "missing required field") }
            let mappings = try r.array("variableMappings") { value, location -> VariableMapping in
                var m = try FieldReader(value, at: location)
                let mapping = VariableMapping(
                    try m.string("variable"), index: try m.int("index", default: 0, in: VariableMapping.indexRange))
                try m.finish()
                return mapping
            }
            kind = .foreachLoop(ForeachLoopSpecification(try decodeEnumerator(enumerator, at: .field(r.path, "enumerator")), mappings: mappings))
        default:
            throw FieldReader.invalid(
                r.location("type"), "\"\(type)\" is not one of \"task\", \"sequence\", \"forLoop\", \"foreachLoop\", \"dataFlow\"")
        }
        var e = Executable(name, kind: kind, id: id, description: try r.optionalString("description") ?? "")
        try readExecutableProperties(&r, into: &e)
        if let props = try r.objectField("properties") {
            guard case .task = kind else { throw FieldReader.invalid(r.location("properties"), "only tasks have properties") }
            e.properties = props
        }
        try readContainerContents(&r, into: &e)
        if e.componentID != nil, !e.executables.isEmpty {
            throw FieldReader.invalid(r.location("executables"), "a task cannot contain executables")
        }
        try r.finish()
        return e
    }

    static func decodeEnumerator(_ json: JSONValue, at path: FieldLocation) throws -> ForeachEnumerator {
        var r = try FieldReader(json, at: path)
        let kind = try r.string("kind")
        let e: ForeachEnumerator
        switch kind {
        case "files":
            e = .files(
                folder: try r.string("folder"), pattern: try r.optionalString("pattern") ?? "*",
                recursive: try r.bool("recursive", default: false), retrieve: try r.enumeration("retrieve", default: .fullPath),
                caseSensitive: try r.bool("caseSensitive", default: false))
        case "items":
            // Required, as the schema says: a missing list is a mistake, not zero iterations.
            guard r.raw("items") != nil else { throw FieldReader.invalid(r.location("items"), "missing required field") }
            e = .items(try r.array("items") { value, location in
                guard let row = value.arrayValue else { throw FieldReader.invalid(location, "each item is an array of values") }
                return row
            })
        case "variable": e = .variable(try r.string("variable"))
        case "plugin": e = .plugin(component: try r.string("component"), properties: try r.objectField("properties") ?? JSONObject())
        default:
            throw FieldReader.invalid(r.location("kind"), "\"\(kind)\" is not one of \"files\", \"items\", \"variable\", \"plugin\"")
        }
        try r.finish()
        return e
    }

    private static func readExecutableProperties(_ r: inout FieldReader, into e: inout Executable) throws {
        e.disabled = try r.bool("disabled", default: false)
        e.delayValidation = try r.bool("delayValidation", default: false)
        e.failPackageOnFailure = try r.bool("failPackageOnFailure", default: false)
        e.failParentOnFailure = try r.bool("failParentOnFailure", default: false)
        e.maximumErrorCount = try r.int("maximumErrorCount", default: 1)
        e.forceExecutionResult = try r.enumeration("forceExecutionResult", default: .none)
        e.executionValueVariable = try r.optionalString("executionValueVariable")
        e.transactionOption = try r.enumeration("transactionOption", default: .supported)
        if let l = try r.objectField("logging") {
            var k = try FieldReader(.object(l), at: .field(r.path, "logging"))
            e.logging = LoggingOptions(
                try k.enumeration("mode", default: .enabled),
                providers: try k.array("providers") { value, location in
                    guard let s = value.stringValue else { throw FieldReader.invalid(location, "expected a provider name") }
                    return s
                },
                events: try k.array("events") { value, location in
                    guard let s = value.stringValue, let kind = EventKind(rawValue: s) else {
                        throw FieldReader.invalid(location, "expected an event name such as \"OnError\"")
                    }
                    return kind
                })
            try k.finish()
        }
        if let exprs = try r.objectField("propertyExpressions") {
            for (key, value) in exprs.entries {
                guard let s = value.stringValue else {
                    throw FieldReader.invalid(r.location("propertyExpressions.\(key)"), "expected an expression string")
                }
                e.propertyExpressions[key] = s
            }
        }
    }

    private static func readContainerContents(_ r: inout FieldReader, into e: inout Executable) throws {
        e.variables = try r.array("variables", decodeVariable)
        e.executables = try r.array("executables", decodeExecutable)
        e.constraints = try r.array("constraints", decodeConstraint)
        e.eventHandlers = try r.array("eventHandlers", decodeHandler)
    }

    static func decodeVariable(_ json: JSONValue, at path: FieldLocation) throws -> Variable {
        var r = try FieldReader(json, at: path)
        let namespace = try r.optionalString("namespace") ?? Variable.userNamespace
        let name = try r.string("name")
        // `Namespace::Name` could not say where one ends and the other begins.
        for (key, text) in [("namespace", namespace), ("name", name)] where text.contains("::") {
            throw FieldReader.invalid(r.location(key), "\"\(text)\" contains \"::\", which separates a namespace from a name")
        }
        let type: DataType = try r.enumeration("type", default: .wstr)
        var v = Variable(name, type: type)
        (v.namespace, v.name) = (namespace, name)  // as written: parsing "[A::B]" would drop the brackets
        v.value = try typedValue(&r, "value", type)
        v.readOnly = try r.bool("readOnly", default: false)
        v.raiseChangedEvent = try r.bool("raiseChangedEvent", default: false)
        v.expression = try r.optionalString("expression")
        v.description = try r.optionalString("description") ?? ""
        try r.finish()
        return v
    }

    static func decodeParameter(_ json: JSONValue, at path: FieldLocation) throws -> Parameter {
        var r = try FieldReader(json, at: path)
        let name = try r.string("name")
        let type: DataType = try r.enumeration("type", default: .wstr)
        var p = Parameter(name, type: type)
        p.value = try typedValue(&r, "value", type)
        p.required = try r.bool("required", default: false)
        p.sensitive = try r.bool("sensitive", default: false)
        p.description = try r.optionalString("description") ?? ""
        try r.finish()
        return p
    }

    static func decodeConnection(_ json: JSONValue, at path: FieldLocation) throws -> ConnectionManager {
        var r = try FieldReader(json, at: path)
        let name = try r.string("name")
        let id = try uuid(&r, "id")
        var c = ConnectionManager(name, kind: try r.string("kind"), connectionString: try r.string("connectionString"), id: id)
        c.description = try r.optionalString("description") ?? ""
        c.properties = try r.objectField("properties") ?? JSONObject()
        if let exprs = try r.objectField("propertyExpressions") {
            for (key, value) in exprs.entries {
                guard let text = value.stringValue else {
                    throw FieldReader.invalid(r.location("propertyExpressions.\(key)"), "expected an expression string")
                }
                c.propertyExpressions[key] = text
            }
        }
        try r.finish()
        return c
    }

    static func decodeConstraint(_ json: JSONValue, at path: FieldLocation) throws -> PrecedenceConstraint {
        var r = try FieldReader(json, at: path)
        let c = PrecedenceConstraint(
            from: try r.string("from"), to: try r.string("to"),
            value: try r.enumeration("value", default: .success),
            evaluation: try r.enumeration("evaluation", default: .constraint),
            expression: try r.optionalString("expression"),
            logicalAnd: try r.bool("logicalAnd", default: true))
        try r.finish()
        return c
    }

    static func decodeHandler(_ json: JSONValue, at path: FieldLocation) throws -> EventHandler {
        var r = try FieldReader(json, at: path)
        let event: EventKind = try r.enumeration("event", default: .error)
        var body = Executable(event.rawValue, kind: .sequence, id: try uuid(&r, "id"))
        try readExecutableProperties(&r, into: &body)
        try readContainerContents(&r, into: &body)
        try r.finish()
        return EventHandler(event, container: body)
    }

    // MARK: - Field helpers

    /// An `id` field; a missing one gets a fresh UUID (hand-written packages may omit ids).
    static func uuid(_ r: inout FieldReader, _ key: String) throws -> UUID {
        guard let text = try r.optionalString(key) else { return UUID.random() }
        if let id = canonicalUUID(text) { return id }  // what the writer saves: no braces, no copies
        var bare = Substring(text)
        while let f = bare.first, f == "{" || f == "}" { bare = bare.dropFirst() }
        while let l = bare.last, l == "{" || l == "}" { bare = bare.dropLast() }
        guard let id = canonicalUUID(String(bare)) ?? UUID(uuidString: String(bare)) else {
            throw FieldReader.invalid(r.location(key), "\"\(text)\" is not a UUID")
        }
        return id
    }

    /// Parses the canonical 8-4-4-4-12 hex form straight from the string's bytes, without
    /// Foundation's sscanf path or an intermediate array (an id per executable adds up).
    private static func canonicalUUID(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { u -> UUID? in
            guard u.count == 36 else { return nil }
            var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let ok = withUnsafeMutableBytes(of: &raw) { out -> Bool in
                var i = 0
                var o = 0
                while i < 36 {
                    if i == 8 || i == 13 || i == 18 || i == 23 {
                        guard u[i] == UInt8(ascii: "-") else { return false }
                        i += 1
                        continue
                    }
                    guard let hi = hex(u[i]), let lo = hex(u[i + 1]) else { return false }
                    out[o] = hi << 4 | lo
                    o += 1
                    i += 2
                }
                return true
            }
            return ok ? UUID(uuid: raw) : nil
        }
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }

    private static func typedValue(_ r: inout FieldReader, _ key: String, _ type: DataType) throws -> Value {
        guard let raw = r.raw(key) else { return .null }
        do {
            return try Value.fromJSON(raw, as: type)
        } catch let error as SluiceError {
            throw FieldReader.invalid(r.location(key), error.text)
        }
    }
}
