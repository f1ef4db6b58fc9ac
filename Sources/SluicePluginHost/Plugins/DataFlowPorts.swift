import CSluiceABI
import Foundation
import SluiceCore

/// The inputs and outputs a data flow plugin component declares through its `ports` call,
/// checked: the shape its kind allows, unique names, synchronous inputs that exist, exclusion
/// groups on one input, at most one error output per input.
package struct DataFlowPorts: Equatable, Sendable {
    package struct Output: Equatable, Sendable {
        package let name: String
        /// The input whose rows it passes on (SSIS's SynchronousInputID), or nil when asynchronous.
        package let synchronousInput: Int?
        /// 0, or the group of outputs among which a row goes to at most one.
        package let exclusionGroup: Int
        package let isErrorOutput: Bool
    }

    package let inputs: [String]
    package let outputs: [Output]

    /// The most inputs, and the most outputs, a component may declare.
    package static let maximumPorts = 64

    /// Calls `ports` on an instance and checks what it fills in.
    package static func query(
        _ vtable: sluice_dataflow_vtable, instance: UnsafeMutableRawPointer?, kind: ComponentKind, component: String
    ) throws -> DataFlowPorts {
        guard let portsCall = vtable.ports else { throw invalid(component, "the vtable has no ports function") }
        var ports = sluice_ports()
        ports.struct_size = UInt32(MemoryLayout<sluice_ports>.size)
        var err = sluice_error()
        let status = portsCall(instance, &ports, &err)
        guard status == SLUICE_OK else {
            let message = withUnsafeBytes(of: &err.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            throw invalid(component, "ports returned status \(status): \(message)")
        }
        return try read(ports, kind: kind, component: component)
    }

    /// Reads and checks what a `ports` call filled in (each definition by its own struct_size).
    package static func read(_ ports: sluice_ports, kind: ComponentKind, component: String) throws -> DataFlowPorts {
        let fail = { (reason: String) in invalid(component, reason) }
        guard ports.input_count <= maximumPorts, ports.output_count <= maximumPorts else {
            throw fail("\(ports.input_count) inputs and \(ports.output_count) outputs; at most \(maximumPorts) of each")
        }
        var inputs: [String] = []
        for i in 0..<Int(ports.input_count) {
            guard let def = ports.inputs?[i] else { throw fail("inputs[\(i)] is NULL") }
            let size = ABIReading.uint32(def)
            guard size >= ABIReading.Structure.inputDef.minimumSize(minor: 1) else { throw fail("inputs[\(i)].struct_size \(size) is too small") }
            let input = ABIReading.copy(def, size: size, as: sluice_input_def.self)
            let name = try portName(input.name, "inputs[\(i)]", fail)
            guard !inputs.contains(name) else { throw fail("two inputs are named \"\(name)\"") }
            inputs.append(name)
        }
        var outputs: [Output] = []
        for i in 0..<Int(ports.output_count) {
            guard let def = ports.outputs?[i] else { throw fail("outputs[\(i)] is NULL") }
            let size = ABIReading.uint32(def)
            guard size >= ABIReading.Structure.outputDef.minimumSize(minor: 1) else { throw fail("outputs[\(i)].struct_size \(size) is too small") }
            let o = ABIReading.copy(def, size: size, as: sluice_output_def.self)
            let name = try portName(o.name, "outputs[\(i)]", fail)
            guard !outputs.contains(where: { $0.name == name }) else { throw fail("two outputs are named \"\(name)\"") }
            guard o.synchronous_input == SLUICE_OUTPUT_ASYNCHRONOUS || (0..<inputs.count).contains(Int(o.synchronous_input)) else {
                throw fail("output \"\(name)\": synchronous_input \(o.synchronous_input) is neither an input index nor SLUICE_OUTPUT_ASYNCHRONOUS")
            }
            guard o.exclusion_group >= 0 else { throw fail("output \"\(name)\": exclusion_group \(o.exclusion_group) is negative") }
            guard o.is_error_output == 0 || o.is_error_output == 1 else { throw fail("output \"\(name)\": is_error_output must be 0 or 1") }
            outputs.append(Output(
                name: name, synchronousInput: o.synchronous_input < 0 ? nil : Int(o.synchronous_input),
                exclusionGroup: Int(o.exclusion_group), isErrorOutput: o.is_error_output == 1))
        }
        let checked = DataFlowPorts(inputs: inputs, outputs: outputs)
        try checked.checkShape(kind: kind, fail)
        return checked
    }

    /// What the kind allows, and the rules across outputs.
    private func checkShape(kind: ComponentKind, _ fail: (String) -> SluiceError) throws {
        let dataOutputs = outputs.filter { !$0.isErrorOutput }
        switch kind {
        case .source:
            guard inputs.isEmpty, !dataOutputs.isEmpty else { throw fail("a source has no inputs and at least one output that is not an error output") }
            guard outputs.allSatisfy({ $0.synchronousInput == nil }) else { throw fail("a source's outputs are asynchronous") }
        case .transform:
            guard !inputs.isEmpty, !dataOutputs.isEmpty else { throw fail("a transform has at least one input and one output that is not an error output") }
        case .destination:
            guard !inputs.isEmpty, dataOutputs.isEmpty else { throw fail("a destination has at least one input and no outputs other than error outputs") }
        default:
            throw fail("\(kind.rawValue) is not a data flow kind")
        }
        var errorInputs = Set<Int?>()
        for o in outputs where o.isErrorOutput {
            guard errorInputs.insert(o.synchronousInput).inserted else { throw fail("two error outputs for the same input") }
        }
        var groupInputs: [Int: Int?] = [:]
        for o in outputs where o.exclusionGroup != 0 {
            if let first = groupInputs[o.exclusionGroup], first != o.synchronousInput {
                throw fail("output \"\(o.name)\": the outputs of exclusion group \(o.exclusionGroup) must share one synchronous input")
            }
            groupInputs[o.exclusionGroup] = o.synchronousInput
        }
    }

    /// 1-128 bytes of UTF-8 letters, digits, space, `_` and `-`.
    private static func portName(_ p: UnsafePointer<CChar>?, _ field: String, _ fail: (String) -> SluiceError) throws -> String {
        guard let p else { throw fail("\(field).name is NULL") }
        let count = strnlen(p, 129)
        guard count >= 1, count <= 128,
            let name = String(validating: UnsafeRawBufferPointer(start: p, count: count), as: UTF8.self),
            name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "_" || $0 == "-" })
        else { throw fail("\(field).name must be 1-128 bytes of letters, digits, space, _ and -") }
        return name
    }

    private static func invalid(_ component: String, _ reason: String) -> SluiceError {
        SluiceError(.dataFlowPortsInvalid, ["component": component, "reason": reason])
    }
}
