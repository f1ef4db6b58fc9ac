/// Reads a Data Flow task's fields (`defaultBufferMaxRows`, `components`, `paths`). Only the
/// JSON shape is checked here; the graph is checked by ``DataFlowValidation``.
extension PackageDecoder {
    /// Lineage ids, lengths and the like are SSIS's 32-bit integers.
    static let positiveInt32 = 1...Int(Int32.max)
    static let nonNegativeInt32 = 0...Int(Int32.max)

    static func decodeDataFlow(_ r: inout FieldReader) throws -> DataFlow {
        var flow = DataFlow()
        flow.defaultBufferMaxRows = try r.int("defaultBufferMaxRows", default: DataFlow.standardBufferMaxRows, in: positiveInt32)
        flow.components = try r.array("components", decodeDataFlowComponent)
        flow.paths = try r.array("paths") { value, location in
            var p = try FieldReader(value, at: location)
            let path = DataFlowPath(from: try p.string("from"), output: try p.string("output"), to: try p.string("to"), input: try p.string("input"))
            try p.finish()
            return path
        }
        return flow
    }

    static func decodeDataFlowComponent(_ json: JSONValue, at path: FieldLocation) throws -> DataFlowComponent {
        var r = try FieldReader(json, at: path)
        var c = DataFlowComponent(try r.string("name"), component: try r.string("component"))
        c.description = try r.optionalString("description") ?? ""
        c.properties = try r.objectField("properties") ?? JSONObject()
        c.inputs = try r.array("inputs") { value, location in
            var i = try FieldReader(value, at: location)
            let input = DataFlowInput(
                try i.string("name"), required: try i.bool("required", default: true),
                columns: try i.array("columns", decodeInputColumn))
            try i.finish()
            return input
        }
        c.outputs = try r.array("outputs") { value, location in
            var o = try FieldReader(value, at: location)
            let name = try o.string("name")
            let output = DataFlowOutput(
                name, columns: try o.array("columns", decodeOutputColumn),
                synchronousInput: try o.optionalString("synchronousInput"),
                isErrorOutput: try o.bool("isErrorOutput", default: false),
                exclusionGroup: try o.int("exclusionGroup", default: 0, in: nonNegativeInt32))
            try o.finish()
            return output
        }
        try r.finish()
        return c
    }

    static func decodeOutputColumn(_ json: JSONValue, at path: FieldLocation) throws -> DataFlowColumn {
        var r = try FieldReader(json, at: path)
        let name = try r.string("name")
        let lineage = try r.int("lineageId", default: 0, in: nonNegativeInt32)
        guard lineage > 0 else { throw FieldReader.invalid(r.location("lineageId"), "missing or not a positive integer") }
        guard r.raw("type") != nil else { throw FieldReader.invalid(r.location("type"), "missing required field") }
        let column = DataFlowColumn(
            name, lineageID: lineage, type: try r.enumeration("type", default: .wstr),
            length: try r.int("length", default: 0, in: nonNegativeInt32),
            precision: try r.int("precision", default: 0, in: 0...38), scale: try r.int("scale", default: 0, in: 0...38))
        try r.finish()
        return column
    }

    static func decodeInputColumn(_ json: JSONValue, at path: FieldLocation) throws -> DataFlowInputColumn {
        var r = try FieldReader(json, at: path)
        let lineage = try r.int("lineageId", default: 0, in: nonNegativeInt32)
        guard lineage > 0 else { throw FieldReader.invalid(r.location("lineageId"), "missing or not a positive integer") }
        let type: DataType? = r.raw("type") == nil ? nil : try r.enumeration("type", default: .wstr)
        let column = DataFlowInputColumn(
            lineageID: lineage, type: type,
            length: try optionalInt(&r, "length", in: nonNegativeInt32),
            precision: try optionalInt(&r, "precision", in: 0...38), scale: try optionalInt(&r, "scale", in: 0...38))
        try r.finish()
        return column
    }

    private static func optionalInt(_ r: inout FieldReader, _ key: String, in range: ClosedRange<Int>) throws -> Int? {
        r.raw(key) == nil ? nil : try r.int(key, default: 0, in: range)
    }
}
