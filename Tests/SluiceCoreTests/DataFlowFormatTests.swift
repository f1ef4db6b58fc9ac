import Foundation
import Testing
import SluiceCore

@Suite struct DataFlowFormatTests {
    private func roundTrip(_ flow: DataFlow) throws -> Package {
        var package = Package(name: "P", id: SamplePackages.uuid("0F6C2B1E-5B7A-4D0E-9C38-2B8A4F1D6E70"))
        var task = Executable.dataFlow("Flow", flow)
        task.id = SamplePackages.uuid("7A3D9E21-4C55-4F0B-8E6A-1D2C3B4A5F60")
        package.executables = [task]
        let text = PackageFile.encode(package)
        let decoded = try PackageFile.decode(Array(text.utf8))
        #expect(decoded == package)
        #expect(PackageFile.encode(decoded) == text, "load then save gives the same bytes")
        return decoded
    }

    @Test func aDataFlowWithEveryFieldReadsBackEqualAndByteIdentical() throws {
        let decoded = try roundTrip(SamplePackages.everyDataFlowFeature())
        #expect(decoded.executables[0].dataFlow?.defaultBufferMaxRows == 5_000)
        #expect(decoded.executables[0].componentID == DataFlow.taskComponentID)
        #expect(!decoded.executables[0].isContainer)
    }

    @Test func aSavedFileWithADataFlowLoadsAndSavesToTheSameBytes() throws {
        try withTemporaryDirectory { dir in
            let first = dir.appendingPathComponent("a.sluice.json").path
            let second = dir.appendingPathComponent("b.sluice.json").path
            try PackageFile.save(SamplePackages.everyFeature(), to: first)
            try PackageFile.save(try PackageFile.load(from: first), to: second)
            #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
        }
    }

    @Test func leavesTheDataFlowsDefaultsOut() throws {
        var flow = DataFlow()
        flow.components = [DataFlowComponent("Only", component: "c", inputs: [DataFlowInput("In", required: false)],
                                             outputs: [DataFlowOutput("Out")])]
        _ = try roundTrip(flow)
        var package = Package(name: "P")
        package.executables = [.dataFlow("Flow", flow)]
        let text = PackageFile.encode(package)
        #expect(!text.contains("defaultBufferMaxRows"))
        #expect(!text.contains("isErrorOutput"))
        #expect(!text.contains("exclusionGroup"))
        #expect(!text.contains("\"paths\""))
        #expect(text.contains("\"required\": false"))
    }

    @Test func readsAHandWrittenDataFlow() throws {
        let text = """
            {"format": "sluice.package", "formatVersion": 1, "package": {"name": "P", "executables": [
              {"name": "F", "type": "dataFlow", "components": [
                {"name": "A", "component": "s", "outputs": [{"name": "O", "columns": [{"name": "x", "lineageId": 7, "type": "DT_WSTR", "length": 20}]}]},
                {"name": "B", "component": "d", "inputs": [{"name": "I", "columns": [{"lineageId": 7, "type": "DT_WSTR"}]}]}],
               "paths": [{"from": "A", "output": "O", "to": "B", "input": "I"}]}]}}
            """
        let package = try PackageFile.decode(Array(text.utf8))
        let flow = try #require(package.executables.first?.dataFlow)
        #expect(flow.components[0].outputs[0].columns == [DataFlowColumn("x", lineageID: 7, type: .wstr, length: 20)])
        #expect(flow.components[1].inputs[0].columns == [DataFlowInputColumn(lineageID: 7, type: .wstr)])
        #expect(flow.components[1].inputs[0].required)
        #expect(PackageStructure.problems(in: package).isEmpty)
    }

    @Test(arguments: [
        (#"{"name": "F", "type": "dataFlow", "components": [{"name": "A"}]}"#, "package.executables[0].components[0].component"),
        (#"{"name": "F", "type": "dataFlow", "components": [{"name": "A", "component": "c", "outputs": [{"name": "O", "columns": [{"name": "x", "lineageId": 0, "type": "DT_I4"}]}]}]}"#,
         "package.executables[0].components[0].outputs[0].columns[0].lineageId"),
        (#"{"name": "F", "type": "dataFlow", "components": [{"name": "A", "component": "c", "outputs": [{"name": "O", "columns": [{"name": "x", "lineageId": 1}]}]}]}"#,
         "package.executables[0].components[0].outputs[0].columns[0].type"),
        (#"{"name": "F", "type": "dataFlow", "components": [{"name": "A", "component": "c", "inputs": [{"name": "I", "columns": [{"lineageId": 1, "type": "DT_INT"}]}]}]}"#,
         "package.executables[0].components[0].inputs[0].columns[0].type"),
        (#"{"name": "F", "type": "dataFlow", "paths": [{"from": "A", "output": "O", "to": "B"}]}"#, "package.executables[0].paths[0].input"),
        (#"{"name": "F", "type": "dataFlow", "defaultBufferMaxRows": 0}"#, "package.executables[0].defaultBufferMaxRows"),
        (#"{"name": "F", "type": "dataFlow", "properties": {"a": 1}}"#, "package.executables[0].properties"),
        (#"{"name": "F", "type": "dataFlow", "components": [{"name": "A", "component": "c", "colour": 1}]}"#,
         "package.executables[0].components[0].colour"),
        (#"{"name": "F", "type": "dataFlow", "components": [{"name": "A", "component": "c", "outputs": [{"name": "O", "scale": 2}]}]}"#,
         "package.executables[0].components[0].outputs[0].scale"),
        (#"{"name": "F", "type": "dataFlow", "components": [{"name": "A", "component": "c", "outputs": [{"name": "O", "columns": [{"name": "x", "lineageId": 1, "type": "DT_NUMERIC", "precision": 39}]}]}]}"#,
         "package.executables[0].components[0].outputs[0].columns[0].precision"),
    ])
    func refusesAMalformedDataFlowAndSaysWhere(_ executable: String, _ location: String) throws {
        let text = #"{"format": "sluice.package", "formatVersion": 1, "package": {"name": "P", "executables": ["# + executable + "]}}"
        let error = try #require(decodeError(text))
        #expect(error.message == .packageFieldInvalid)
        #expect(error.inserts["location"] == location, "\(error.text)")
    }

    @Test func theBuilderMakesLineageIdsAndFindsColumnsByName() throws {
        var b = DataFlowBuilder()
        let read = b.add("Read orders", component: "sluice.flatFileSource", properties: [("connection", "Orders")])
        let rows = b.addOutput(to: read, columns: [.init("id", .i4), .init("name", .wstr, length: 50)])
        let upper = b.add("Upper", component: "sluice.characterMap")
        let input = try b.connect(rows, to: upper, columns: ["name"])
        let passed = b.addOutput(to: upper, synchronousInput: input, columns: [.init("NAME", .wstr, length: 50)])
        let write = b.add("Write", component: "sluice.flatFileDestination")
        try b.connect(passed, to: write, columns: ["id", "NAME"])
        let flow = b.dataFlow
        #expect(b.lineageID(of: "id", in: rows) == 1)
        #expect(b.lineageID(of: "name", in: rows) == 2)
        #expect(b.lineageID(of: "NAME", in: passed) == 3)
        #expect(flow.components[2].inputs[0].columns.map(\.lineageID) == [1, 3], "id comes through the synchronous output")
        #expect(flow.components[1].outputs[0].synchronousInput == "Input")
        #expect(flow.paths.count == 2)
        #expect(DataFlowValidation.problems(in: flow, named: "F").isEmpty)
        _ = try roundTrip(flow)

        var more = DataFlowBuilder(flow)
        let extra = more.addOutput("Extra", to: read, columns: [.init("x", .i8)])
        #expect(extra.component == 0 && extra.index == 1)
        #expect(more.dataFlow.components[0].outputs[1].columns[0].lineageID == 4, "new ids follow the largest")
    }

    @Test func theBuilderRefusesAColumnThatDoesNotReachTheInput() throws {
        var b = DataFlowBuilder()
        let a = b.add("A", component: "s")
        let out = b.addOutput(to: a, columns: [.init("id", .i4)])
        let target = b.add("B", component: "d")
        let error = #expect(throws: SluiceError.self) { try b.connect(out, to: target, columns: ["nope"]) }
        #expect(error?.message == .dataFlowColumnMissing)
        #expect(error?.inserts["column"] == "nope")
    }
}
