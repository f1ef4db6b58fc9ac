import Testing
import SluiceCore

/// Every problem `DataFlowValidation` finds, with its code and what it names.
@Suite struct DataFlowValidationTests {
    private func problems(_ flow: DataFlow) -> [SluiceError] { DataFlowValidation.problems(in: flow, named: "\\P\\Flow") }

    /// Source A (id, name) → B (synchronous, adds upper) → C (reads id and upper).
    private func chain() -> DataFlow {
        DataFlow(components: [
            DataFlowComponent("A", component: "s", outputs: [DataFlowOutput("Out", columns: [
                DataFlowColumn("id", lineageID: 1, type: .i4), DataFlowColumn("name", lineageID: 2, type: .wstr, length: 20),
            ])]),
            DataFlowComponent("B", component: "t", inputs: [DataFlowInput("In", columns: [DataFlowInputColumn(lineageID: 2)])],
                              outputs: [DataFlowOutput("Out", columns: [DataFlowColumn("upper", lineageID: 3, type: .wstr, length: 20)],
                                                       synchronousInput: "In")]),
            DataFlowComponent("C", component: "d", inputs: [DataFlowInput("In", columns: [
                DataFlowInputColumn(lineageID: 1, type: .i4), DataFlowInputColumn(lineageID: 3, type: .wstr, length: 20),
            ])]),
        ], paths: [
            DataFlowPath(from: "A", output: "Out", to: "B", input: "In"),
            DataFlowPath(from: "B", output: "Out", to: "C", input: "In"),
        ])
    }

    @Test func aSoundFlowHasNoProblems() {
        #expect(problems(chain()).isEmpty)
        #expect(problems(SamplePackages.everyDataFlowFeature()).map(\.text) == [])
        #expect(problems(DataFlow()).isEmpty)
    }

    @Test func reportsADuplicateComponentName() {
        var flow = chain()
        flow.components[2].name = "A"
        flow.paths[1].to = "A"
        let found = problems(flow)
        #expect(found.map(\.message).contains(.dataFlowDuplicateComponent))
        #expect(found.first?.inserts == ["dataFlow": "\\P\\Flow", "component": "A"])
    }

    @Test func reportsADuplicateLineageIdNamingTheColumn() {
        var flow = chain()
        flow.components[1].outputs[0].columns[0].lineageID = 1
        let found = problems(flow)
        let duplicate = found.first { $0.message == .dataFlowDuplicateLineage }
        #expect(duplicate?.inserts["component"] == "B")
        #expect(duplicate?.inserts["column"] == "upper")
        #expect(duplicate?.inserts["lineageId"] == "1")
        // Both columns with id 1 reach C: its use of id 1 is ambiguous, and id 3 is now missing.
        #expect(found.map(\.message) == [.dataFlowDuplicateLineage, .dataFlowColumnAmbiguous, .dataFlowColumnMissing])
        #expect(found[1].inserts["producers"] == "A.Out.id, B.Out.upper")
    }

    @Test func aRepeatedIdOnAnotherBranchIsNotAmbiguous() {
        var flow = chain()
        flow.components.append(DataFlowComponent("Z", component: "s", outputs: [DataFlowOutput("Out", columns: [
            DataFlowColumn("id again", lineageID: 1, type: .i4),
        ])]))
        #expect(problems(flow).map(\.message) == [.dataFlowDuplicateLineage])
    }

    @Test func reportsADuplicateInputOrOutputName() {
        var flow = chain()
        flow.components[1].outputs.append(DataFlowOutput("Out"))
        flow.components[2].inputs.append(DataFlowInput("In", required: false))
        let found = problems(flow).filter { $0.message == .dataFlowDuplicatePort }
        #expect(found.map { $0.inserts["kind"] } == ["output", "input"])
        #expect(found.map { $0.inserts["component"] } == ["B", "C"])
    }

    @Test func reportsPathsToMissingComponentsOutputsAndInputs() {
        var flow = chain()
        flow.paths.append(DataFlowPath(from: "Nobody", output: "Out", to: "C", input: "Nope"))
        flow.paths.append(DataFlowPath(from: "A", output: "Gone", to: "Missing", input: "In"))
        let found = problems(flow)
        #expect(found.map(\.message) == Array(repeating: .dataFlowPathEndpointMissing, count: 4))
        #expect(found.map { $0.inserts["kind"]! + " " + $0.inserts["name"]! }
            == ["component Nobody", "input Nope", "component Missing", "output Gone"])
    }

    @Test func reportsAnInputWithTwoPathsAndAnOutputWithTwoPaths() {
        var flow = chain()
        flow.paths.append(DataFlowPath(from: "A", output: "Out", to: "C", input: "In"))
        let found = problems(flow)
        #expect(found.map(\.message) == [.dataFlowInputTwoPaths, .dataFlowOutputTwoPaths])
        #expect(found[0].inserts["component"] == "C" && found[0].inserts["input"] == "In")
        #expect(found[1].inserts["component"] == "A" && found[1].inserts["output"] == "Out")
    }

    @Test func reportsACycleByItsComponents() {
        var flow = chain()
        flow.components[0].inputs = [DataFlowInput("Back", required: false)]
        flow.components[2].outputs = [DataFlowOutput("Out")]
        flow.paths.append(DataFlowPath(from: "C", output: "Out", to: "A", input: "Back"))
        let found = problems(flow)
        #expect(found.map(\.message) == [.dataFlowCycle])
        #expect(found.first?.inserts["cycle"] == "A → B → C → A")
    }

    @Test func reportsAPathFromAComponentToItself() {
        var flow = chain()
        flow.components[2].outputs = [DataFlowOutput("Out")]
        flow.components[2].inputs.append(DataFlowInput("Again", required: false))
        flow.paths.append(DataFlowPath(from: "C", output: "Out", to: "C", input: "Again"))
        #expect(problems(flow).first?.inserts["cycle"] == "C → C")
    }

    @Test func reportsAColumnThatNoUpstreamOutputProduces() {
        var flow = chain()
        flow.components[2].inputs[0].columns.append(DataFlowInputColumn(lineageID: 99))
        let found = problems(flow)
        #expect(found.map(\.message) == [.dataFlowColumnMissing])
        #expect(found.first?.inserts == ["dataFlow": "\\P\\Flow", "component": "C", "input": "In", "column": "with lineage id 99"])
    }

    @Test func aColumnOfADownstreamOrSiblingComponentIsMissing() {
        var flow = chain()
        flow.components[1].inputs[0].columns.append(DataFlowInputColumn(lineageID: 3))  // B's own output: not upstream of B
        #expect(problems(flow).map(\.message) == [.dataFlowColumnMissing])
    }

    @Test func anAsynchronousOutputStopsTheColumnsAboveIt() {
        var flow = chain()
        flow.components[1].outputs[0].synchronousInput = nil  // B now starts new rows: A's id no longer reaches C
        let found = problems(flow)
        #expect(found.map(\.message) == [.dataFlowColumnMissing])
        #expect(found.first?.inserts["column"] == "with lineage id 1")
    }

    @Test func reportsTypeLengthPrecisionAndScaleMismatches() {
        var flow = chain()
        flow.components[2].inputs[0].columns[0].type = .i8
        flow.components[2].inputs[0].columns[1].length = 10
        let found = problems(flow)
        #expect(found.map(\.message) == [.dataFlowColumnTypeMismatch, .dataFlowColumnTypeMismatch])
        #expect(found.map { $0.inserts["column"]! } == ["id", "upper"])
        #expect(found.map { $0.inserts["declared"]! + " vs " + $0.inserts["actual"]! }
            == ["DT_I8 vs DT_I4", "DT_WSTR(10) vs DT_WSTR(20)"])

        var numeric = SamplePackages.everyDataFlowFeature()
        numeric.components[1].inputs[0].columns[0].scale = 4
        #expect(problems(numeric).map { $0.inserts["declared"] } == ["DT_NUMERIC(18,4)"])
    }

    @Test func reportsARequiredInputLeftUnattachedButNotAnOptionalOne() {
        var flow = chain()
        flow.components[2].inputs.append(DataFlowInput("Optional", required: false))
        #expect(problems(flow).isEmpty)
        flow.components[2].inputs.append(DataFlowInput("Needed"))
        let found = problems(flow)
        #expect(found.map(\.message) == [.dataFlowInputUnattached])
        #expect(found.first?.inserts["input"] == "Needed" && found.first?.inserts["component"] == "C")
    }

    @Test func reportsAnOutputSynchronousToAMissingInput() {
        var flow = chain()
        flow.components[1].outputs[0].synchronousInput = "Elsewhere"
        let found = problems(flow)
        #expect(found.map(\.message) == [.dataFlowSynchronousInputMissing, .dataFlowColumnMissing])
        #expect(found.first?.inserts["input"] == "Elsewhere")
    }

    @Test func aPackageWithABrokenDataFlowFailsItsStructureCheckWithTheDataFlowsPath() {
        var package = Package(name: "P")
        var flow = chain()
        flow.paths.removeLast()
        var seq = Executable("Seq", kind: .sequence)
        seq.executables = [.dataFlow("Flow", flow)]
        package.executables = [seq]
        let found = PackageStructure.problems(in: package)
        #expect(found.map(\.message) == [.dataFlowInputUnattached, .dataFlowColumnMissing, .dataFlowColumnMissing])
        #expect(found.first?.inserts["dataFlow"] == "\\P\\Seq\\Flow")
        #expect(found.first?.text.contains("\\P\\Seq\\Flow") == true)
    }

    /// A chain of `count` components, each synchronous and adding a column; the last reads the
    /// source's first column and its predecessor's, so every lookup walks the whole buffer.
    static func longChain(_ count: Int) -> DataFlow {
        var components = [DataFlowComponent("C0", component: "s", outputs: [DataFlowOutput("Out", columns: [DataFlowColumn("c0", lineageID: 1, type: .i8)])])]
        var paths: [DataFlowPath] = []
        components.reserveCapacity(count)
        for i in 1..<count {
            components.append(DataFlowComponent(
                "C\(i)", component: "t",
                inputs: [DataFlowInput("In", columns: [DataFlowInputColumn(lineageID: 1, type: .i8), DataFlowInputColumn(lineageID: i, type: .i8)])],
                outputs: [DataFlowOutput("Out", columns: [DataFlowColumn("c\(i)", lineageID: i + 1, type: .i8)], synchronousInput: "In")]))
            paths.append(DataFlowPath(from: "C\(i - 1)", output: "Out", to: "C\(i)", input: "In"))
        }
        return DataFlow(components: components, paths: paths)
    }

    @Test func validatesAChainOf10000ComponentsWithoutRecursion() {
        #expect(problems(Self.longChain(10_000)).isEmpty)
        var cyclic = Self.longChain(10_000)
        cyclic.components[0].inputs = [DataFlowInput("Back", required: false)]
        cyclic.paths.append(DataFlowPath(from: "C9999", output: "Out", to: "C0", input: "Back"))
        let found = problems(cyclic)
        #expect(found.map(\.message) == [.dataFlowCycle])
        #expect(found.first?.inserts["cycle"]?.hasPrefix("C0 → C1 → C2") == true)
    }

    @Test func validatesAFanOutOf5000Branches() {
        let width = 5_000
        var split = DataFlowComponent("Split", component: "t", inputs: [DataFlowInput("In")])
        split.outputs = (0..<width).map { DataFlowOutput("Out \($0)", synchronousInput: "In", exclusionGroup: 1) }
        var flow = DataFlow(components: [
            DataFlowComponent("Source", component: "s", outputs: [DataFlowOutput("Out", columns: [DataFlowColumn("id", lineageID: 1, type: .i4)])]),
            split,
        ], paths: [DataFlowPath(from: "Source", output: "Out", to: "Split", input: "In")])
        for i in 0..<width {
            flow.components.append(DataFlowComponent("Sink \(i)", component: "d", inputs: [DataFlowInput("In", columns: [DataFlowInputColumn(lineageID: 1, type: .i4)])]))
            flow.paths.append(DataFlowPath(from: "Split", output: "Out \(i)", to: "Sink \(i)", input: "In"))
        }
        #expect(problems(flow).isEmpty)
        flow.components[width + 1].inputs[0].columns[0].lineageID = 2
        #expect(problems(flow).map { $0.inserts["component"] } == ["Sink \(width - 1)"])
    }
}
