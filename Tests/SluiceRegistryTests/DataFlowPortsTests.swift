import CSluiceABI
import Foundation
import SluiceCore
@testable import SluicePluginHost
import Testing

/// The checks on what a component's `ports` call fills in, one defect each.
@Suite struct DataFlowPortsTests {
    private struct Output {
        var name = "Output"
        var synchronousInput: Int32 = SLUICE_OUTPUT_ASYNCHRONOUS
        var exclusionGroup: Int32 = 0
        var isError: Int32 = 0
    }

    /// Builds a `sluice_ports` in C memory (never freed: a few bytes per test) and reads it.
    private func read(inputs: [String], outputs: [Output], kind: ComponentKind) throws -> DataFlowPorts {
        let inputDefs = UnsafeMutablePointer<UnsafePointer<sluice_input_def>?>.allocate(capacity: max(inputs.count, 1))
        for (i, name) in inputs.enumerated() {
            let def = UnsafeMutablePointer<sluice_input_def>.allocate(capacity: 1)
            def.initialize(to: sluice_input_def(struct_size: UInt32(MemoryLayout<sluice_input_def>.size), reserved: 0, name: UnsafePointer(strdup(name))))
            inputDefs[i] = UnsafePointer(def)
        }
        let outputDefs = UnsafeMutablePointer<UnsafePointer<sluice_output_def>?>.allocate(capacity: max(outputs.count, 1))
        for (i, o) in outputs.enumerated() {
            let def = UnsafeMutablePointer<sluice_output_def>.allocate(capacity: 1)
            def.initialize(to: sluice_output_def(
                struct_size: UInt32(MemoryLayout<sluice_output_def>.size), synchronous_input: o.synchronousInput,
                name: UnsafePointer(strdup(o.name)), exclusion_group: o.exclusionGroup, is_error_output: o.isError))
            outputDefs[i] = UnsafePointer(def)
        }
        var ports = sluice_ports()
        ports.struct_size = UInt32(MemoryLayout<sluice_ports>.size)
        ports.input_count = UInt32(inputs.count)
        ports.output_count = UInt32(outputs.count)
        ports.inputs = UnsafePointer(inputDefs)
        ports.outputs = UnsafePointer(outputDefs)
        return try DataFlowPorts.read(ports, kind: kind, component: "Split")
    }

    private func expectInvalid(_ fragment: String, _ body: () throws -> DataFlowPorts) {
        do {
            _ = try body()
            Issue.record("expected the ports to be refused (\(fragment))")
        } catch let e as SluiceError {
            #expect(e.message == .dataFlowPortsInvalid)
            #expect(e.text.contains(fragment), "\(e.text)")
            #expect(e.text.contains("\"Split\""), "the error names the component")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func readsAConditionalSplitShapedTransform() throws {
        let ports = try read(
            inputs: ["Input"],
            outputs: [
                Output(name: "Case 1", synchronousInput: 0, exclusionGroup: 1), Output(name: "Default", synchronousInput: 0, exclusionGroup: 1),
                Output(name: "Error Output", synchronousInput: 0, exclusionGroup: 1, isError: 1),
            ], kind: .transform)
        #expect(ports.outputs.map(\.name) == ["Case 1", "Default", "Error Output"])
        #expect(ports.outputs.last?.isErrorOutput == true)
    }

    @Test func readsAUnionAllShapedTransformWithManyInputs() throws {
        let ports = try read(inputs: ["Input 1", "Input 2", "Input 3"], outputs: [Output()], kind: .transform)
        #expect(ports.inputs.count == 3)
        #expect(ports.outputs.first?.synchronousInput == nil)
    }

    @Test func refusesDuplicateNames() {
        expectInvalid("two inputs are named") { try read(inputs: ["In", "In"], outputs: [Output()], kind: .transform) }
        expectInvalid("two outputs are named") { try read(inputs: ["In"], outputs: [Output(), Output()], kind: .transform) }
    }

    @Test func refusesASynchronousInputThatDoesNotExist() {
        expectInvalid("synchronous_input 3") { try read(inputs: ["In"], outputs: [Output(synchronousInput: 3)], kind: .transform) }
    }

    @Test func refusesTwoErrorOutputsForOneInput() {
        expectInvalid("two error outputs") {
            try read(inputs: ["In"], outputs: [Output(), Output(name: "E1", isError: 1), Output(name: "E2", isError: 1)], kind: .transform)
        }
    }

    @Test func refusesAnExclusionGroupOverTwoInputs() {
        expectInvalid("exclusion group 2") {
            try read(inputs: ["A", "B"], outputs: [Output(name: "X", synchronousInput: 0, exclusionGroup: 2), Output(name: "Y", synchronousInput: 1, exclusionGroup: 2)], kind: .transform)
        }
    }

    @Test func refusesShapesTheKindDoesNotAllow() {
        expectInvalid("a source has no inputs") { try read(inputs: ["In"], outputs: [Output()], kind: .source) }
        expectInvalid("a destination has at least one input") { try read(inputs: ["In"], outputs: [Output()], kind: .destination) }
        expectInvalid("a transform has at least one input") { try read(inputs: [], outputs: [Output()], kind: .transform) }
        expectInvalid("synchronous_input 0") { try read(inputs: [], outputs: [Output(synchronousInput: 0)], kind: .source) }
    }

    @Test func acceptsADestinationWithOnlyAnErrorOutput() throws {
        let ports = try read(inputs: ["In"], outputs: [Output(name: "Error Output", synchronousInput: 0, isError: 1)], kind: .destination)
        #expect(ports.outputs.count == 1)
    }

    @Test func refusesBadNamesAndFlags() {
        expectInvalid("letters, digits") { try read(inputs: ["In\u{1}"], outputs: [Output()], kind: .transform) }
        expectInvalid("is_error_output must be 0 or 1") { try read(inputs: ["In"], outputs: [Output(isError: 2)], kind: .transform) }
        expectInvalid("exclusion_group -1") { try read(inputs: ["In"], outputs: [Output(exclusionGroup: -1)], kind: .transform) }
    }
}
