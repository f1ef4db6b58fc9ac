import SluiceCore
import Testing

/// The test context must enforce what the runtime enforces, or task tests would prove little.
@Suite struct InMemoryTaskContextTests {
    @Test func writesAreConvertedToTheDeclaredType() throws {
        let context = InMemoryTaskContext(variables: [Variable("User::N", type: .i2)])
        try context.setVariable("N", to: .string("12"))
        #expect(try context.variable("User::N") == TypedValue(.i2, .int(12)))
        #expect(throws: SluiceError.self) { try context.setVariable("N", to: .int(70_000)) }
    }

    @Test func readOnlyAndUnknownVariablesAreRefused() {
        let context = InMemoryTaskContext(variables: [Variable("System::PackageName", type: .wstr, readOnly: true)])
        let readOnly = #expect(throws: SluiceError.self) { try context.setVariable("PackageName", to: .string("x")) }
        #expect(readOnly?.message == .variableReadOnly)
        let unknown = #expect(throws: SluiceError.self) { try context.variable("User::PackageName") }
        #expect(unknown?.message == .variableNotFound)
    }

    @Test func eventsAreRecordedInOrder() {
        let context = InMemoryTaskContext()
        context.raise(.warning(code: 1, message: "first"))
        context.raise(.information(code: 0, message: "second"))
        #expect(context.warningMessages == ["first"])
        #expect(context.informationMessages == ["second"])
        #expect(context.events.count == 2)
    }
}
