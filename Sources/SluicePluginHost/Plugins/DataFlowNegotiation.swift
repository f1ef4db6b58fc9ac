import CSluiceABI
import SluiceCore

/// The `negotiate` call: the schemas of every input go in at once, the schema of every output
/// comes back, each checked (a "+s" of named columns whose formats have a Sluice type; an
/// error output ending with the int32 columns ErrorCode and ErrorColumn).
///
/// For the data flow engine's adapter: it keeps the returned owners for the run, since the
/// batches a component emits are imported against them.
package enum DataFlowNegotiation {
    package struct Output {
        /// The plugin's schema, released exactly once when the owner goes.
        package let schema: ArrowSchemaOwner
        package let columns: [(name: String, type: ArrowFormat.ColumnType)]
    }

    package static func negotiate(
        _ vtable: sluice_dataflow_vtable, instance: UnsafeMutableRawPointer?, ports: DataFlowPorts,
        inputs: [UnsafePointer<ArrowSchema>], component: String
    ) throws -> [Output] {
        guard let negotiate = vtable.negotiate else {
            throw SluiceError(.dataFlowPortsInvalid, ["component": component, "reason": "the vtable has no negotiate function"])
        }
        guard inputs.count == ports.inputs.count else {
            throw SluiceError(.dataFlowPortsInvalid, ["component": component, "reason": "\(inputs.count) input schemas for \(ports.inputs.count) inputs"])
        }
        // Zeroed slots: after the call, each one the plugin filled has a release.
        let slots = UnsafeMutablePointer<ArrowSchema>.allocate(capacity: max(ports.outputs.count, 1))
        slots.initialize(repeating: ArrowSchema(), count: max(ports.outputs.count, 1))
        defer { slots.deallocate() }
        let error = ErrorBuffer()
        let status = inputs.map(Optional.some).withUnsafeBufferPointer { list in
            negotiate(instance, Int32(inputs.count), list.baseAddress, Int32(ports.outputs.count), slots, error.pointer)
        }
        // Take every filled slot first, so each is released exactly once whatever happens next.
        let owners = (0..<ports.outputs.count).map { ArrowSchemaOwner(moving: slots + $0) }
        guard status == SLUICE_OK else {
            throw error.failure(.pluginCallFailed, [
                "component": component, "function": "negotiate", "reason": error.message(orStatus: status),
            ])
        }
        return try zip(ports.outputs, owners).map { port, owner in
            let origin = ArrowOrigin(component: component, place: "output \"\(port.name)\"")
            let columns = try ArrowImport.columns(of: owner.schema, origin: origin)
            if port.isErrorOutput { try checkErrorColumns(columns, output: port.name, component: component) }
            return Output(schema: owner, columns: columns)
        }
    }

    /// An error output's schema ends with `ErrorCode` and `ErrorColumn`, both int32.
    private static func checkErrorColumns(
        _ columns: [(name: String, type: ArrowFormat.ColumnType)], output: String, component: String
    ) throws {
        let tail = columns.suffix(2).map { "\($0.name) \($0.type.dataType.rawValue)" }
        guard tail == ["ErrorCode DT_I4", "ErrorColumn DT_I4"] else {
            throw SluiceError(.dataFlowErrorOutputSchema, [
                "component": component, "output": output, "reason": "it ends with \(tail.isEmpty ? "no columns" : tail.joined(separator: ", "))",
            ])
        }
    }
}
