/// Turns a package into the JSON of its file, keys in a fixed order, defaults left out.
enum PackageEncoder {
    static func encodeFile(_ package: Package) -> JSONValue {
        .object(JSONObject([
            ("format", .string(PackageFile.format)),
            ("formatVersion", .int(PackageFile.formatVersion)),
            ("package", encodePackage(package)),
        ]))
    }

    static func encodePackage(_ package: Package) -> JSONValue {
        var o = JSONObject()
        o["name"] = .string(package.name)
        o["id"] = .string(package.id.uuidString)
        if !package.description.isEmpty { o["description"] = .string(package.description) }
        if package.maxConcurrentExecutables != -1 { o["maxConcurrentExecutables"] = .int(Int64(package.maxConcurrentExecutables)) }
        if package.locale != .englishUnitedStates { o["localeId"] = .int(Int64(package.locale.id)) }
        encodeMetadata(package.metadata, into: &o)
        encodeExecutableProperties(package.root, into: &o)
        if let c = package.checkpoint {
            var k = JSONObject([("fileName", .string(c.fileName)), ("usage", .string(c.usage.rawValue))])
            if !c.save { k["save"] = false }
            o["checkpoint"] = .object(k)
        }
        if !package.logProviders.isEmpty {
            o["logProviders"] = .array(package.logProviders.map { l in
                var p = JSONObject([("name", .string(l.name)), ("kind", .string(l.kind)), ("path", .string(l.path))])
                if !l.properties.entries.isEmpty { p["properties"] = .object(l.properties) }
                return .object(p)
            })
        }
        if !package.parameters.isEmpty { o["parameters"] = .array(package.parameters.map(encodeParameter)) }
        if !package.connections.isEmpty { o["connections"] = .array(package.connections.map(encodeConnection)) }
        encodeContainerContents(package.root, into: &o)
        return .object(o)
    }

    static func encodeExecutable(_ e: Executable) -> JSONValue {
        var o = JSONObject()
        o["name"] = .string(e.name)
        o["id"] = .string(e.id.uuidString)
        switch e.kind {
        case .task(let component):
            o["type"] = "task"
            o["component"] = .string(component)
        case .sequence:
            o["type"] = "sequence"
        case .dataFlow(let flow):
            o["type"] = "dataFlow"
            encodeDataFlow(flow, into: &o)
        case .forLoop(let loop):
            o["type"] = "forLoop"
            if let x = loop.initExpression { o["initExpression"] = .string(x) }
            o["evalExpression"] = .string(loop.evalExpression)
            if let x = loop.assignExpression { o["assignExpression"] = .string(x) }
        case .foreachLoop(let loop):
            o["type"] = "foreachLoop"
            o["enumerator"] = encodeEnumerator(loop.enumerator)
            o["variableMappings"] = .array(loop.variableMappings.map {
                .object(JSONObject([("variable", .string($0.variable)), ("index", .int(Int64($0.index)))]))
            })
        }
        if !e.description.isEmpty { o["description"] = .string(e.description) }
        encodeExecutableProperties(e, into: &o)
        if !e.properties.entries.isEmpty {
            o["properties"] = .object(e.properties)  // the author's order, kept by load and save
        }
        encodeContainerContents(e, into: &o)
        return .object(o)
    }

    /// The common executable properties, each written only when it differs from the default.
    private static func encodeExecutableProperties(_ e: Executable, into o: inout JSONObject) {
        if e.disabled { o["disabled"] = true }
        if e.delayValidation { o["delayValidation"] = true }
        if e.failPackageOnFailure { o["failPackageOnFailure"] = true }
        if e.failParentOnFailure { o["failParentOnFailure"] = true }
        if e.maximumErrorCount != 1 { o["maximumErrorCount"] = .int(Int64(e.maximumErrorCount)) }
        if e.forceExecutionResult != .none { o["forceExecutionResult"] = .string(e.forceExecutionResult.rawValue) }
        if let v = e.executionValueVariable { o["executionValueVariable"] = .string(v) }
        if e.transactionOption != .supported { o["transactionOption"] = .string(e.transactionOption.rawValue) }
        if let l = e.logging {
            var k = JSONObject([("mode", .string(l.mode.rawValue))])
            if !l.providers.isEmpty { k["providers"] = .array(l.providers.map(JSONValue.string)) }
            if !l.events.isEmpty { k["events"] = .array(l.events.map { .string($0.rawValue) }) }
            o["logging"] = .object(k)
        }
        if !e.propertyExpressions.isEmpty {
            o["propertyExpressions"] = .object(JSONObject(e.propertyExpressions.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        }
    }

    private static func encodeContainerContents(_ e: Executable, into o: inout JSONObject) {
        if !e.variables.isEmpty { o["variables"] = .array(e.variables.map(encodeVariable)) }
        if !e.executables.isEmpty { o["executables"] = .array(e.executables.map(encodeExecutable)) }
        if !e.constraints.isEmpty { o["constraints"] = .array(e.constraints.map(encodeConstraint)) }
        if !e.eventHandlers.isEmpty { o["eventHandlers"] = .array(e.eventHandlers.map(encodeHandler)) }
    }

    static func encodeEnumerator(_ e: ForeachEnumerator) -> JSONValue {
        var o = JSONObject()
        switch e {
        case .files(let folder, let pattern, let recursive, let retrieve, let caseSensitive):
            o["kind"] = "files"
            o["folder"] = .string(folder)
            o["pattern"] = .string(pattern)
            if recursive { o["recursive"] = true }
            if caseSensitive { o["caseSensitive"] = true }
            if retrieve != .fullPath { o["retrieve"] = .string(retrieve.rawValue) }
        case .items(let rows):
            o["kind"] = "items"
            o["items"] = .array(rows.map { .array($0) })
        case .variable(let name):
            o["kind"] = "variable"
            o["variable"] = .string(name)
        case .plugin(let component, let properties):
            o["kind"] = "plugin"
            o["component"] = .string(component)
            if !properties.entries.isEmpty { o["properties"] = .object(properties) }
        }
        return .object(o)
    }

    static func encodeVariable(_ v: Variable) -> JSONValue {
        var o = JSONObject()
        o["namespace"] = .string(v.namespace)
        o["name"] = .string(v.name)
        o["type"] = .string(v.type.rawValue)
        o["value"] = v.value.json(as: v.type)
        if v.readOnly { o["readOnly"] = true }
        if v.raiseChangedEvent { o["raiseChangedEvent"] = true }
        if let x = v.expression { o["expression"] = .string(x) }
        if !v.description.isEmpty { o["description"] = .string(v.description) }
        return .object(o)
    }

    static func encodeParameter(_ p: Parameter) -> JSONValue {
        var o = JSONObject()
        o["name"] = .string(p.name)
        o["type"] = .string(p.type.rawValue)
        // Sensitive values are never written in clear (SSIS DontSaveSensitive).
        if !p.sensitive { o["value"] = p.value.json(as: p.type) }
        if p.required { o["required"] = true }
        if p.sensitive { o["sensitive"] = true }
        if !p.description.isEmpty { o["description"] = .string(p.description) }
        return .object(o)
    }

    static func encodeConnection(_ c: ConnectionManager) -> JSONValue {
        var o = JSONObject()
        o["name"] = .string(c.name)
        o["id"] = .string(c.id.uuidString)
        o["kind"] = .string(c.kind)
        o["connectionString"] = .string(c.connectionString)
        if !c.description.isEmpty { o["description"] = .string(c.description) }
        if !c.properties.entries.isEmpty {
            o["properties"] = .object(c.properties)
        }
        if !c.propertyExpressions.isEmpty {
            o["propertyExpressions"] = .object(JSONObject(c.propertyExpressions.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        }
        return .object(o)
    }

    static func encodeConstraint(_ c: PrecedenceConstraint) -> JSONValue {
        var o = JSONObject()
        o["from"] = .string(c.from)
        o["to"] = .string(c.to)
        o["value"] = .string(c.value.rawValue)
        if c.evaluation != .constraint { o["evaluation"] = .string(c.evaluation.rawValue) }
        if let x = c.expression { o["expression"] = .string(x) }
        if !c.logicalAnd { o["logicalAnd"] = false }
        return .object(o)
    }

    static func encodeHandler(_ h: EventHandler) -> JSONValue {
        var o = JSONObject()
        o["event"] = .string(h.event.rawValue)
        o["id"] = .string(h.container.id.uuidString)
        encodeExecutableProperties(h.container, into: &o)
        encodeContainerContents(h.container, into: &o)
        return .object(o)
    }
}
