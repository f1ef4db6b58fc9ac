import CSluiceABI

/// A data flow instance's own state in the SDK: the negotiated input schemas (to check and read
/// batches) and the port tables `ports` handed out, which must stay valid until `destroy`.
final class FlowInstanceState {
    var inputFields: [[FlowField]] = []
    private var portTables: [PortTables] = []

    /// Fills `out` from the component's declared ports, in memory kept until the instance goes.
    func fillPorts(_ out: UnsafeMutablePointer<sluice_ports>, inputs: [FlowInput], outputs: [FlowOutput]) throws {
        let tables = try PortTables(inputs: inputs, outputs: outputs)
        portTables.append(tables)
        out.pointee.input_count = UInt32(inputs.count)
        out.pointee.output_count = UInt32(outputs.count)
        out.pointee.inputs = UnsafePointer(tables.inputPointers)
        out.pointee.outputs = UnsafePointer(tables.outputPointers)
    }
}

/// One answer of `ports`, as C structs.
private final class PortTables {
    let inputDefs: UnsafeMutablePointer<sluice_input_def>
    let outputDefs: UnsafeMutablePointer<sluice_output_def>
    let inputPointers: UnsafeMutablePointer<UnsafePointer<sluice_input_def>?>
    let outputPointers: UnsafeMutablePointer<UnsafePointer<sluice_output_def>?>
    let names: [UnsafeMutablePointer<CChar>]
    let inputCount: Int
    let outputCount: Int

    init(inputs: [FlowInput], outputs: [FlowOutput]) throws {
        guard inputs.count <= 64, outputs.count <= 64 else {
            throw PluginError(.invalidArgument, "\(inputs.count) inputs and \(outputs.count) outputs: at most 64 of each")
        }
        var names: [UnsafeMutablePointer<CChar>] = []
        func copy(_ text: String) -> UnsafePointer<CChar> {
            let utf8 = Array(text.utf8)
            let memory = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count + 1)
            for (index, byte) in utf8.enumerated() { memory[index] = CChar(bitPattern: byte) }
            memory[utf8.count] = 0
            names.append(memory)
            return UnsafePointer(memory)
        }
        inputCount = inputs.count
        outputCount = outputs.count
        inputDefs = .allocate(capacity: max(inputCount, 1))
        outputDefs = .allocate(capacity: max(outputCount, 1))
        inputPointers = .allocate(capacity: max(inputCount, 1))
        outputPointers = .allocate(capacity: max(outputCount, 1))
        for (index, input) in inputs.enumerated() {
            (inputDefs + index).initialize(to: sluice_input_def(
                struct_size: UInt32(MemoryLayout<sluice_input_def>.size), reserved: 0, name: copy(input.name)))
            inputPointers[index] = UnsafePointer(inputDefs + index)
        }
        for (index, output) in outputs.enumerated() {
            (outputDefs + index).initialize(to: sluice_output_def(
                struct_size: UInt32(MemoryLayout<sluice_output_def>.size),
                synchronous_input: output.synchronousInput.map { Int32(clamping: $0) } ?? SLUICE_OUTPUT_ASYNCHRONOUS,
                name: copy(output.name), exclusion_group: Int32(clamping: output.exclusionGroup),
                is_error_output: output.isErrorOutput ? 1 : 0))
            outputPointers[index] = UnsafePointer(outputDefs + index)
        }
        self.names = names
    }

    deinit {
        for name in names { name.deallocate() }
        inputDefs.deinitialize(count: inputCount)
        outputDefs.deinitialize(count: outputCount)
        inputDefs.deallocate()
        outputDefs.deallocate()
        inputPointers.deallocate()
        outputPointers.deallocate()
    }
}
