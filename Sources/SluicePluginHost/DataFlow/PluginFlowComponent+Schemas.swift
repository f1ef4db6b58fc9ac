import CSluiceABI
import SluiceCore

extension PluginFlowComponent {
    /// The given input schemas as names and Arrow formats, one list per declared input.
    static func checkedInputColumns(
        _ schemas: [[PluginFlowColumn]], ports: DataFlowPorts, component: String
    ) throws -> [[(name: String, format: String)]] {
        guard schemas.count == ports.inputs.count else {
            throw SluiceError(.dataFlowPluginInputSchemas, [
                "component": component, "reason": "\(schemas.count) input schemas given for \(ports.inputs.count) inputs",
            ])
        }
        return try zip(ports.inputs, schemas).map { input, columns in
            try columns.map { column in
                guard let format = column.arrowFormat else {
                    throw SluiceError(.dataFlowPluginInputSchemas, [
                        "component": component, "reason": "input \"\(input)\", column \"\(column.name)\": \(column.dataType.rawValue) cannot cross the plugin boundary",
                    ])
                }
                return (column.name, format)
            }
        }
    }

    /// `negotiate` with every input's schema exported at once; the schemas are released after the call.
    static func negotiate(
        _ vtable: sluice_dataflow_vtable, _ instance: PluginInstance, _ ports: DataFlowPorts,
        _ inputs: [[(name: String, format: String)]], component: String
    ) throws -> [DataFlowNegotiation.Output] {
        let schemas = UnsafeMutablePointer<ArrowSchema>.allocate(capacity: max(inputs.count, 1))
        for (i, columns) in inputs.enumerated() { ArrowExport.schema(columns: columns, into: schemas + i) }
        defer {
            for i in 0..<inputs.count { if let release = schemas[i].release { release(schemas + i) } }
            schemas.deallocate()
        }
        let pointers = (0..<inputs.count).map { UnsafePointer(schemas + $0) }
        return try DataFlowNegotiation.negotiate(vtable, instance: instance.raw, ports: ports, inputs: pointers, component: component)
    }

    /// A batch must carry the negotiated columns of its input, in order, with their formats:
    /// the plugin reads it by the schema it agreed to.
    func checkColumns(of batch: ColumnBatch, input: Int) throws {
        let expected = inputColumns[input]
        let matches = batch.columns.count == expected.count
            && zip(expected, zip(batch.names, batch.columns)).allSatisfy { $0.name == $1.0 && $0.format == $1.1.arrowFormat }
        guard !matches else { return }
        func describe(_ list: [(String, String)]) -> String { list.map { "\($0.0) \($0.1)" }.joined(separator: ", ") }
        throw SluiceError(.dataFlowPluginBatchMismatch, [
            "component": name, "input": ports.inputs[input],
            "found": describe(zip(batch.names, batch.columns).map { ($0, $1.arrowFormat) }), "expected": describe(expected.map { ($0.name, $0.format) }),
        ])
    }
}
