import Foundation
import SluiceCore
import SluiceRegistry
import SluiceRuntime
import Testing

/// A sensitive parameter's value stays out of everything a run gives back (docs/sensitive-values.md).
/// Microsoft, "Integration Services (SSIS) Parameters": a sensitive parameter's value is
/// masked wherever it is shown; "Access Control for Sensitive Data in Packages": sensitive
/// values are not saved in clear.
@Suite struct SensitiveValueTests {
    static let secret = "Sekr3t-Value-42"

    /// A component, as a plugin would be, that asks for the parameter (it must, to connect) and
    /// then quotes it in its own messages.
    final class Blabbermouth: TaskComponent, @unchecked Sendable {
        func validate(in context: any TaskContext) throws {}
        func execute(in context: any TaskContext) throws -> TaskOutcome {
            let secret = try context.parameter("Secret")
            // The value itself, unmasked: the component needs it; its mark says it is sensitive.
            context.raise(.custom(name: "Marked", text: secret.sensitive ? "sensitive" : "plain"))
            context.raise(.information(code: 0, message: "connecting with password \(secret.value)"))
            context.raise(.warning(code: 0, message: "PASSWORD \(secret.value.description.uppercased()) looks weak"))
            throw SluiceError(.taskFailed, ["task": "Blab", "reason": "login refused for \(secret.value)"])
        }
    }

    static func registry() throws -> ComponentRegistry {
        let registry = ComponentRegistry()
        let descriptor = ComponentDescriptor(id: "test.blab", kind: .task, displayName: "blab", description: "quotes a secret", version: "1.0.0", properties: [])
        try registry.register(descriptor) { _ in Blabbermouth() }
        return registry
    }

    @Test func whatAComponentRaisesPassesTheRedactor() throws {
        var p = Package(name: "P")
        p.parameters = [Parameter("Secret", type: .wstr, value: .string(Self.secret), sensitive: true)]
        p.executables = [.task("Blab", component: "test.blab")]
        let sink = RecordingEventSink()
        let result = PackageRunner(registry: try Self.registry()).run(p, options: RunOptions(eventSink: sink))
        #expect(result.result == .failure)
        let messages = sink.events.map(\.message) + result.errors.map(\.message)
        #expect(sink.events(.custom).map(\.message) == ["sensitive"])
        #expect(messages.contains("connecting with password ********"))
        #expect(messages.contains("PASSWORD ******** looks weak"))
        #expect(messages.allSatisfy { !$0.contains(Self.secret) && !$0.uppercased().contains(Self.secret.uppercased()) }, "\(messages)")
    }

    @Test func aNonSensitiveParameterIsQuotedAsWritten() throws {
        var p = Package(name: "P")
        p.parameters = [Parameter("Secret", type: .wstr, value: .string(Self.secret), sensitive: false)]
        p.executables = [.task("Blab", component: "test.blab")]
        let sink = RecordingEventSink()
        _ = PackageRunner(registry: try Self.registry()).run(p, options: RunOptions(eventSink: sink))
        #expect(sink.events.map(\.message).contains("connecting with password \(Self.secret)"))
        #expect(sink.events(.custom).map(\.message) == ["plain"])
    }

    @Test func taintFollowsAssignmentsIntoTheVariablesTheRunReturns() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "P")
        p.parameters = [Parameter("Secret", type: .wstr, value: .string(Self.secret), sensitive: true)]
        p.variables = [
            Variable("User::Upper", type: .wstr, value: .string("")), Variable("User::Length", type: .i4, value: .int(0)),
            Variable("User::Plain", type: .wstr, value: .string("")), Variable("User::Later", type: .wstr, value: .string("")),
            Variable("User::Derived", type: .wstr, expression: "@[User::Upper] + \"?\""),
        ]
        p.executables = [
            .task("A", component: "sluice.expression", properties: [("expression", "@[User::Upper] = UPPER(@[$Package::Secret])")]),
            .task("B", component: "sluice.expression", properties: [("expression", "@[User::Length] = LEN(@[$Package::Secret])")]),
            .task("C", component: "sluice.expression", properties: [("expression", "@[User::Plain] = \"visible\"")]),
            // Read from a tainted variable, not from the parameter: tainted too.
            .task("D", component: "sluice.expression", properties: [("expression", "@[User::Later] = LOWER(@[User::Upper])")]),
        ]
        p.constraints = [PrecedenceConstraint(from: "A", to: "B"), PrecedenceConstraint(from: "B", to: "C"), PrecedenceConstraint(from: "C", to: "D")]
        let result = f.run(p)
        #expect(result.result == .success)
        #expect(result.variables["User::Upper"]?.sensitive == true)
        #expect(result.variables["User::Length"]?.sensitive == true)  // even a length tells something
        #expect(result.variables["User::Later"]?.sensitive == true)
        #expect(result.variables["User::Derived"]?.sensitive == true)
        #expect(result.variables["User::Plain"]?.sensitive == false)
        let info = f.sink.events(.information).map(\.message)
        #expect(info.contains("@[User::Length] = LEN(@[$Package::Secret]) → ********"), "\(info)")
        #expect(info.contains("@[User::Plain] = \"visible\" → visible"), "\(info)")
    }
}
