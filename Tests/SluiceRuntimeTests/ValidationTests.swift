import SluiceCore
import SluiceRuntime
import Testing

@Suite struct ValidationTests {
    private func expectInvalid(_ p: Package, code: SluiceMessage, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let f = try RuntimeFixture()
        let result = f.run(p)
        #expect(result.result == .failure, sourceLocation: sourceLocation)
        #expect(f.errorCodes.contains(code.code), "expected \(code.name), got \(f.errorCodes)", sourceLocation: sourceLocation)
        #expect(f.log.entries.isEmpty, "nothing may execute when validation fails", sourceLocation: sourceLocation)
        #expect(f.sink.events(.preExecute).isEmpty, sourceLocation: sourceLocation)
    }

    @Test func unknownComponentFailsValidation() throws {
        var p = Package(name: "Unknown")
        p.executables = [RuntimeFixture.record("A"), .task("B", component: "acme.missing")]
        try expectInvalid(p, code: .componentUnknown)
    }

    @Test func unknownPropertyFailsValidation() throws {
        var p = Package(name: "Prop")
        p.executables = [RuntimeFixture.record("A"), .task("B", component: "test.record", properties: [("lable", "typo")])]
        try expectInvalid(p, code: .propertyUnknown)
    }

    @Test func propertyOfTheWrongTypeFailsValidation() throws {
        var p = Package(name: "Type")
        p.executables = [RuntimeFixture.record("A"), .task("B", component: "test.fail", properties: [("errors", "many")])]
        try expectInvalid(p, code: .propertyType)
    }

    @Test func constraintToAMissingExecutableFailsValidation() throws {
        var p = Package(name: "Missing")
        p.executables = [RuntimeFixture.record("A")]
        p.connect("A", to: "Nowhere")
        try expectInvalid(p, code: .constraintEndpointMissing)
    }

    @Test func constraintCycleFailsValidation() throws {
        var p = Package(name: "Cycle")
        p.executables = [RuntimeFixture.record("A"), RuntimeFixture.record("B")]
        p.connect("A", to: "B")
        p.connect("B", to: "A")
        try expectInvalid(p, code: .constraintCycle)
    }

    @Test func taskValidationFailureStopsTheRun() throws {
        var p = Package(name: "TaskInvalid")
        p.executables = [RuntimeFixture.record("A"), .task("B", component: "test.fail", properties: [("failValidation", true)])]
        try expectInvalid(p, code: .validationFailed)
    }

    @Test func delayedValidationRunsJustBeforeExecution() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Delayed")
        var b = Executable.task("B", component: "test.fail", properties: [("failValidation", true)])
        b.delayValidation = true
        p.executables = [RuntimeFixture.record("A"), b]
        p.connect("A", to: "B")
        let result = f.run(p)
        #expect(result.result == .failure)
        #expect(f.log.entries == ["A"])
        #expect(f.errorCodes == [SluiceMessage.validationFailed.code])
    }

    @Test func requiredParameterWithoutValueFailsValidation() throws {
        var p = Package(name: "Params")
        p.parameters = [Parameter("Limit", type: .i4, required: true)]
        p.executables = [RuntimeFixture.record("A")]
        try expectInvalid(p, code: .parameterRequired)
    }

    @Test func unknownConnectionKindFailsValidation() throws {
        var p = Package(name: "Conn")
        p.connections = [ConnectionManager("Db", kind: "acme.nosuchdb", connectionString: "x")]
        p.executables = [RuntimeFixture.record("A")]
        try expectInvalid(p, code: .connectionKindUnknown)
    }
}
