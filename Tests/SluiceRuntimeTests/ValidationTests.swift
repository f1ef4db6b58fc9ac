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

    @Test func aSetVariableLiteralThatCannotConvertFailsValidation() throws {
        var p = Package(name: "Literal")
        p.variables = [Variable("User::Amount", type: .currency, value: .decimal(0))]
        p.executables = [
            RuntimeFixture.record("A"),
            .task("B", component: "sluice.setVariable", properties: [("variable", "User::Amount"), ("value", "1.23456")]),
        ]
        p.connect("A", to: "B")
        try expectInvalid(p, code: .typeMismatch)
    }

    @Test func aForeachItemThatCannotBecomeItsVariableFailsValidation() throws {
        var p = Package(name: "Items")
        p.variables = [Variable("User::N", type: .i4, value: .int(0))]
        var loop = Executable("Loop", kind: .foreachLoop(ForeachLoopSpecification(
            .items([[.int(1)], [.int(2)], [.string("three")]]), mappings: [VariableMapping("User::N", index: 0)])))
        loop.executables = [RuntimeFixture.record("Body")]
        p.executables = [RuntimeFixture.record("A"), loop]
        p.connect("A", to: "Loop")
        try expectInvalid(p, code: .foreachItemInvalid)
        let f = try RuntimeFixture()
        _ = f.validate(p)
        #expect(f.sink.events(.error).contains { $0.message.contains("three") }, "\(f.sink.events(.error).map(\.message))")
    }

    @Test func aForeachItemWithoutTheMappedIndexFailsValidation() throws {
        var p = Package(name: "Short")
        p.variables = [Variable("User::N", type: .i4, value: .int(0)), Variable("User::M", type: .i4, value: .int(0))]
        var loop = Executable("Loop", kind: .foreachLoop(ForeachLoopSpecification(
            .items([[.int(1), .int(2)], [.int(3)]]), mappings: [VariableMapping("User::N", index: 0), VariableMapping("User::M", index: 1)])))
        loop.executables = [RuntimeFixture.record("Body")]
        p.executables = [loop]
        try expectInvalid(p, code: .foreachMappingInvalid)
    }

    @Test func foreachItemsThatFitTheirVariablesPassValidation() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Fits")
        p.variables = [Variable("User::D", type: .numeric, value: .decimal(0)), Variable("User::S", type: .wstr, value: .string(""))]
        let big = JSONValue.number(try #require(JSONNumber("123456789012345678901234567890.5")))
        var loop = Executable("Loop", kind: .foreachLoop(ForeachLoopSpecification(
            .items([[big, big], [.string("1.5"), .int(7)]]), mappings: [VariableMapping("User::D", index: 0), VariableMapping("User::S", index: 1)])))
        loop.executables = [RuntimeFixture.record("Body")]
        p.executables = [loop]
        let result = f.run(p)
        #expect(result.result == .success, "\(f.errorCodes)")
        #expect(result.variables["User::S"]?.value == .string("7"))
        #expect(f.log.entries.count == 2)
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
