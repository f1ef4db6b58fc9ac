import SluiceCore
import SluiceRuntime
import Testing

/// What `run` used to reject only after a task had acted: validation refuses it first, and
/// nothing executes.
@Suite struct TaskSettingValidationTests {
    private func expectInvalid(_ p: Package, code: SluiceMessage, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let f = try RuntimeFixture()
        #expect(f.validate(p).result == .failure, sourceLocation: sourceLocation)
        let result = f.run(p)
        #expect(result.result == .failure, sourceLocation: sourceLocation)
        #expect(f.errorCodes.contains(code.code), "expected \(code.name), got \(f.errorCodes)", sourceLocation: sourceLocation)
        #expect(f.log.entries.isEmpty, "nothing may execute when validation fails", sourceLocation: sourceLocation)
    }

    /// A task that runs first and records that it ran, then the task under test.
    private func package(_ last: Executable, variables: [Variable] = []) -> Package {
        var p = Package(name: "Settings")
        p.variables = variables
        p.executables = [RuntimeFixture.record("First"), last]
        p.connect("First", to: last.name)
        return p
    }

    @Test func aMissingExecutionValueVariableFailsValidation() throws {
        var task = Executable.task("Run", component: "sluice.executeProcess", properties: [("executable", "/bin/true")])
        task.executionValueVariable = "User::Missing"
        try expectInvalid(package(task), code: .variableNotFound)
    }

    @Test func aReadOnlyExecutionValueVariableFailsValidation() throws {
        var task = Executable.task("Run", component: "sluice.executeProcess", properties: [("executable", "/bin/true")])
        task.executionValueVariable = "User::Code"
        try expectInvalid(package(task, variables: [Variable("User::Code", type: .i4, value: .int(0), readOnly: true)]), code: .variableReadOnly)
    }

    @Test func aWritableExecutionValueVariableGetsTheValue() throws {
        var task = Executable.task("Run", component: "sluice.executeProcess", properties: [("executable", "/bin/true")])
        task.executionValueVariable = "User::Code"
        let f = try RuntimeFixture()
        let result = f.run(package(task, variables: [Variable("User::Code", type: .i4, value: .int(-1))]))
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Code"]?.value == .int(0))
    }

    @Test func aPropertyExpressionForAPropertyTheTaskLacksFailsValidation() throws {
        var task = RuntimeFixture.record("Last")
        task.propertyExpressions = ["Lable": "\"typo\""]
        try expectInvalid(package(task), code: .propertyUnknown)
    }

    @Test func aPropertyExpressionOfATypeThatCanNeverFitFailsValidation() throws {
        var task = RuntimeFixture.fail("Last")
        task.propertyExpressions = ["errors": "1 == 1"]  // a DT_BOOL for an integer property
        try expectInvalid(package(task), code: .propertyType)
    }

    @Test func aContainerTakesOnlyTheDisableExpression() throws {
        var seq = Executable("Box", kind: .sequence)
        seq.executables = [RuntimeFixture.record("Inner")]
        seq.propertyExpressions = ["MaximumErrorCount": "5"]
        try expectInvalid(package(seq), code: .propertyUnknown)
    }

    @Test func fittingPropertyExpressionsStillRun() throws {
        var task = RuntimeFixture.record("Last")
        task.propertyExpressions = ["label": "\"from \" + \"expression\"", "Disable": "1 == 2"]
        var seq = Executable("Box", kind: .sequence)
        seq.executables = [RuntimeFixture.record("Inner")]
        seq.propertyExpressions = ["Disable": "1 == 1"]
        var p = package(task)
        p.executables.append(seq)
        let f = try RuntimeFixture()
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(f.log.entries == ["First", "from expression"])
    }
}
