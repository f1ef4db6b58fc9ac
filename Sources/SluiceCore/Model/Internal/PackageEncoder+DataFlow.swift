/// Writes a Data Flow task's fields, in a fixed key order with defaults left out.
extension PackageEncoder {
    static func encodeDataFlow(_ flow: DataFlow, into o: inout JSONObject) {
        if flow.defaultBufferMaxRows != DataFlow.standardBufferMaxRows {
            o["defaultBufferMaxRows"] = .int(Int64(flow.defaultBufferMaxRows))
        }
        if !flow.components.isEmpty { o["components"] = .array(flow.components.map(encodeDataFlowComponent)) }
        if !flow.paths.isEmpty {
            o["paths"] = .array(flow.paths.map { p in
                .object(JSONObject([("from", .string(p.from)), ("output", .string(p.output)), ("to", .string(p.to)), ("input", .string(p.input))]))
            })
        }
    }

    static func encodeDataFlowComponent(_ c: DataFlowComponent) -> JSONValue {
        var o = JSONObject([("name", .string(c.name)), ("component", .string(c.component))])
        if !c.description.isEmpty { o["description"] = .string(c.description) }
        if !c.properties.entries.isEmpty { o["properties"] = .object(c.properties) }
        if !c.inputs.isEmpty {
            o["inputs"] = .array(c.inputs.map { input in
                var i = JSONObject([("name", .string(input.name))])
                if !input.required { i["required"] = false }
                if !input.columns.isEmpty { i["columns"] = .array(input.columns.map(encodeInputColumn)) }
                return .object(i)
            })
        }
        if !c.outputs.isEmpty {
            o["outputs"] = .array(c.outputs.map { output in
                var k = JSONObject([("name", .string(output.name))])
                if output.isErrorOutput { k["isErrorOutput"] = true }
                if output.exclusionGroup != 0 { k["exclusionGroup"] = .int(Int64(output.exclusionGroup)) }
                if let sync = output.synchronousInput { k["synchronousInput"] = .string(sync) }
                if !output.columns.isEmpty { k["columns"] = .array(output.columns.map(encodeOutputColumn)) }
                return .object(k)
            })
        }
        return .object(o)
    }

    static func encodeOutputColumn(_ c: DataFlowColumn) -> JSONValue {
        var o = JSONObject([("name", .string(c.name)), ("lineageId", .int(Int64(c.lineageID))), ("type", .string(c.type.rawValue))])
        if c.length != 0 { o["length"] = .int(Int64(c.length)) }
        if c.precision != 0 { o["precision"] = .int(Int64(c.precision)) }
        if c.scale != 0 { o["scale"] = .int(Int64(c.scale)) }
        return .object(o)
    }

    static func encodeInputColumn(_ c: DataFlowInputColumn) -> JSONValue {
        var o = JSONObject([("lineageId", .int(Int64(c.lineageID)))])
        if let t = c.type { o["type"] = .string(t.rawValue) }
        if let n = c.length { o["length"] = .int(Int64(n)) }
        if let n = c.precision { o["precision"] = .int(Int64(n)) }
        if let n = c.scale { o["scale"] = .int(Int64(n)) }
        return .object(o)
    }
}
