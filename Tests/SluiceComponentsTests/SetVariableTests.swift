import SluiceComponents
import SluiceCore
import Testing

@Suite struct SetVariableTests {
    private func failure(
        sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) -> SluiceError? {
        #expect(throws: SluiceError.self, sourceLocation: sourceLocation) { try body() }
    }

    @Test func aLiteralIsParsedIntoTheVariablesType() throws {
        let context = InMemoryTaskContext(variables: [Variable("User::Count", type: .i4, value: .int(0))])
        let task = try SetVariableTask.make(["variable": .string("Count"), "value": .string("42")])
        try task.validate(in: context)
        #expect(try task.execute(in: context) == .success(.int(42)))
        #expect(try context.variable("User::Count").value == .int(42))
        #expect(context.informationMessages.contains { $0.contains("to 42") })
    }

    @Test func anEmptyLiteralSetsAnEmptyString() throws {
        let context = InMemoryTaskContext(variables: [Variable("User::Name", type: .wstr, value: .string("x"))])
        _ = try SetVariableTask.make(["variable": .string("Name"), "value": .string("")]).execute(in: context)
        #expect(try context.variable("Name").value == .string(""))
    }

    @Test func aVariableIsCopiedAndConverted() throws {
        let context = InMemoryTaskContext(variables: [
            Variable("User::Source", type: .r8, value: .real(3)), Variable("User::Target", type: .i4, value: .int(0)),
        ])
        let task = try SetVariableTask.make(["variable": .string("Target"), "sourceVariable": .string("User::Source")])
        #expect(try task.execute(in: context) == .success(.int(3)))
        #expect(try context.variable("Target").value == .int(3))
    }

    @Test func aParameterIsCopiedWithoutShowingItsValue() throws {
        let context = InMemoryTaskContext(
            variables: [Variable("User::Secret", type: .wstr)],
            parameters: [Parameter("Password", type: .wstr, value: .string("hunter2"), sensitive: true)])
        let task = try SetVariableTask.make([
            "variable": .string("Secret"), "sourceParameter": .string("$Package::Password"),
        ])
        try task.validate(in: context)
        #expect(try task.execute(in: context) == .success(.string("hunter2")))
        #expect(try context.variable("Secret").value == .string("hunter2"))
        #expect(!context.informationMessages.contains { $0.contains("hunter2") })
    }

    @Test func aLiteralThatDoesNotFitTheTypeIsATypeMismatch() throws {
        let context = InMemoryTaskContext(variables: [Variable("User::Count", type: .i4, value: .int(7))])
        let task = try SetVariableTask.make(["variable": .string("Count"), "value": .string("abc")])
        let error = failure { _ = try task.execute(in: context) }
        #expect(error?.message == .typeMismatch)
        #expect(try context.variable("Count").value == .int(7))
    }

    @Test func aValueOutOfTheTypesRangeIsATypeMismatch() throws {
        let context = InMemoryTaskContext(variables: [
            Variable("User::Big", type: .i8, value: .int(100_000)), Variable("User::Small", type: .i1, value: .int(0)),
        ])
        let task = try SetVariableTask.make(["variable": .string("Small"), "sourceVariable": .string("Big")])
        let error = failure { _ = try task.execute(in: context) }
        #expect(error?.message == .typeMismatch)
    }

    @Test func aReadOnlyVariableIsRefused() throws {
        let fixed = Variable("User::Fixed", type: .i4, value: .int(1), readOnly: true)
        let context = InMemoryTaskContext(variables: [fixed])
        let error = failure {
            _ = try SetVariableTask.make(["variable": .string("Fixed"), "value": .string("2")]).execute(in: context)
        }
        #expect(error?.message == .variableReadOnly)
        #expect(try context.variable("Fixed").value == .int(1))
    }

    @Test func noSourceIsRejected() throws {
        let error = failure { _ = try SetVariableTask.make(["variable": .string("X")]) }
        #expect(error?.message == .packageFieldInvalid)
        #expect(error?.text.contains("exactly one of value, sourceVariable and sourceParameter") == true)
    }

    @Test func twoSourcesAreRejected() throws {
        let error = failure {
            _ = try SetVariableTask.make([
                "variable": .string("X"), "value": .string("1"), "sourceParameter": .string("P"),
            ])
        }
        #expect(error?.message == .packageFieldInvalid)
        #expect(error?.text.contains("value and sourceParameter") == true)
    }

    @Test func validationRejectsALiteralThatDoesNotFitTheTypeWithTheRunsError() throws {
        let context = InMemoryTaskContext(variables: [Variable("User::Day", type: .dbDate)])
        let task = try SetVariableTask.make(["variable": .string("Day"), "value": .string("2026-02-30")])
        let atValidation = failure { try task.validate(in: context) }
        let atRun = failure { _ = try task.execute(in: context) }
        #expect(atValidation?.message == .typeMismatch)
        #expect(atValidation?.text == atRun?.text)
        #expect(atValidation?.text == "Cannot convert \"2026-02-30\" to DT_DBDATE: 2026-02 has no day 30")
    }

    @Test func validationLeavesVariableAndParameterSourcesToTheRun() throws {
        // Their values may change before the task runs (a parent package binds parameters).
        let context = InMemoryTaskContext(
            variables: [Variable("User::Count", type: .i4), Variable("User::Text", type: .wstr, value: .string("not yet"))],
            parameters: [Parameter("P", type: .wstr, value: .string("not yet"))])
        try SetVariableTask.make(["variable": .string("Count"), "sourceVariable": .string("Text")]).validate(in: context)
        try SetVariableTask.make(["variable": .string("Count"), "sourceParameter": .string("P")]).validate(in: context)
    }

    @Test func validationRejectsAnUnknownTarget() throws {
        let task = try SetVariableTask.make(["variable": .string("Missing"), "value": .string("1")])
        let error = failure { try task.validate(in: InMemoryTaskContext()) }
        #expect(error?.message == .variableNotFound)
    }

    @Test func validationRejectsAnUnknownSourceVariable() throws {
        let context = InMemoryTaskContext(variables: [Variable("User::Target", type: .i4)])
        let task = try SetVariableTask.make(["variable": .string("Target"), "sourceVariable": .string("Missing")])
        let error = failure { try task.validate(in: context) }
        #expect(error?.message == .variableNotFound)
    }

    @Test func validationRejectsAnUnknownParameter() throws {
        let context = InMemoryTaskContext(variables: [Variable("User::Target", type: .i4)])
        let task = try SetVariableTask.make(["variable": .string("Target"), "sourceParameter": .string("Missing")])
        let error = failure { try task.validate(in: context) }
        #expect(error?.message == .parameterNotFound)
    }
}
