import Foundation
import SluiceCore
import SluiceRegistry
@testable import SluiceRuntime
import Testing

/// A long-lived host (the catalog server) runs many packages in one process: nothing of a run
/// may outlive it. Compiled expressions hold variable slots; if a slot or a scope held its
/// expression and the expression held the scope back, every run would leak its whole tree.
@Suite struct RunLifetimeTests {
    /// Keeps a weak reference to the run that executes it.
    final class RunCapture: @unchecked Sendable {
        weak var run: Run?
        /// How many executions saw their run: proves the weak reference was set.
        var sightings = 0
    }

    final class CaptureTask: TaskComponent {
        let capture: RunCapture
        init(_ capture: RunCapture) { self.capture = capture }
        func validate(in context: any TaskContext) throws {}
        func execute(in context: any TaskContext) throws -> TaskOutcome {
            if let run = (context as? ExecutionContext)?.run {
                capture.run = run
                capture.sightings += 1
            }
            return .success()
        }
    }

    @Test func aRunWithEveryKindOfExpressionIsFreedWhenItEnds() throws {
        let capture = RunCapture()
        let registry = ComponentRegistry()
        try registry.register(ComponentDescriptor(id: "test.capture", kind: .task, displayName: "Capture", description: "", version: "1.0.0")) { _ in
            CaptureTask(capture)
        }
        var p = Package(name: "Expressions")
        p.variables = [
            Variable("User::N", type: .i4, value: .int(0)),
            { var v = Variable("User::Twice", type: .i4); v.expression = "@[User::N] * 2"; return v }(),
        ]
        var loop = Executable("Loop", kind: .forLoop(ForLoopSpecification(
            init: "@[User::N] = 0", eval: "@[User::N] < 3", assign: "@[User::N] = @[User::N] + 1")))
        var capture1 = Executable.task("Capture", component: "test.capture")
        capture1.propertyExpressions = ["Disable": "@[User::Twice] > 100"]
        loop.executables = [capture1]
        p.executables = [.task("Start", component: "test.capture"), loop]
        p.constraints = [PrecedenceConstraint(from: "Start", to: "Loop", evaluation: .expressionAndConstraint, expression: "@[User::Twice] == 0")]
        let result = PackageRunner(registry: registry).run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::N"]?.value == .int(3))
        #expect(capture.sightings == 4)  // Start, and Capture in each of three iterations
        #expect(capture.run == nil, "the run is still alive after it ended: a reference cycle")
    }
}
