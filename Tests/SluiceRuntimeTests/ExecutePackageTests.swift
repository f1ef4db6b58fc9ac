import Foundation
import SluiceCore
import SluiceRuntime
import SluiceTestSupport
import Testing

@Suite struct ExecutePackageTests {
    /// A child that doubles its parameter into a variable and reports it.
    private func writeChild(in dir: URL) throws -> String {
        var child = Package(name: "Child")
        child.parameters = [Parameter("Input", type: .i4, value: .int(0))]
        child.variables = [Variable("User::Label", type: .wstr, value: .string("")), Variable("User::Out", type: .i4, value: .int(0))]
        child.executables = [.task("Double", component: "sluice.expression", properties: [
            ("expression", "@[User::Out] = $Package::Input * 2 + LEN(@[User::Label])"),
        ])]
        let path = dir.appendingPathComponent("child.sluice.json").path
        try PackageFile.save(child, to: path)
        return path
    }

    @Test func runsTheChildWithBoundParametersAndVariables() throws {
        let dir = try BuildProducts.temporaryDirectory("execpkg")
        let f = try RuntimeFixture()
        var parent = Package(name: "Parent")
        parent.variables = [Variable("User::Value", type: .i4, value: .int(20)), Variable("User::Name", type: .wstr, value: .string("ab"))]
        parent.executables = [.task("Run child", component: "sluice.executePackage", properties: [
            ("packagePath", .string(try writeChild(in: dir))),
            ("parameterBindings", ["Input=User::Value"]),
            ("variableBindings", ["User::Label=User::Name"]),
        ])]
        let result = f.run(parent)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        let forwarded = f.sink.events(.information).filter { $0.source.name == "Run child" }.map(\.message)
        #expect(forwarded.contains { $0.contains("→ 42") }, "\(forwarded)")
    }

    @Test func childFailureFailsTheTask() throws {
        let dir = try BuildProducts.temporaryDirectory("execpkg")
        var child = Package(name: "Broken")
        child.executables = [RuntimeFixture.fail("Boom")]
        let path = dir.appendingPathComponent("broken.sluice.json").path
        try PackageFile.save(child, to: path)
        let f = try RuntimeFixture()
        var parent = Package(name: "Parent")
        parent.root.maximumErrorCount = 0
        parent.executables = [.task("Run child", component: "sluice.executePackage", properties: [("packagePath", .string(path))])]
        let result = f.run(parent)
        #expect(result.executableResults["\\Package\\Run child"] == .failure)
        #expect(f.errorCodes.contains(SluiceMessage.childPackageFailed.code))
        #expect(f.sink.events(.error).contains { $0.message.contains("Boom error 1") }, "child errors come back to the parent")
    }

    @Test func aPackageThatRunsItselfIsStoppedAtTheDepthLimit() throws {
        let dir = try BuildProducts.temporaryDirectory("execpkg")
        let path = dir.appendingPathComponent("self.sluice.json").path
        var me = Package(name: "Self")
        me.executables = [.task("Again", component: "sluice.executePackage", properties: [("packagePath", .string(path))])]
        try PackageFile.save(me, to: path)
        let f = try RuntimeFixture()
        let result = f.run(me)
        // Validation cannot know whether the recursion ends (a constraint may end it): it warns,
        // and the run stops at the depth limit.
        #expect(f.sink.events(.warning).contains { $0.code == SluiceMessage.childPackageRecursive.code })
        #expect(result.result == .failure)
        #expect(f.errorCodes.contains(SluiceMessage.childPackageTooDeep.code))
        // Each forwarded message names one origin, not one per level.
        let deepest = try #require(f.sink.events(.error).first { $0.code == SluiceMessage.childPackageTooDeep.code })
        #expect(deepest.message.components(separatedBy: "[\\Package").count == 2, "\(deepest.message)")
    }

    /// The shape that took 46 s (two tasks) and never finished (three): every task runs the
    /// package it is in. Each child package is now validated once per run tree.
    @Test(.timeLimit(.minutes(1))) func tasksRunningTheirOwnPackageValidateOnce() throws {
        let dir = try BuildProducts.temporaryDirectory("execpkg")
        let path = dir.appendingPathComponent("fork.sluice.json").path
        var me = Package(name: "Fork")
        me.executables = (1...3).map { .task("Run\($0)", component: "sluice.executePackage", properties: [("packagePath", .string(path))]) }
        try PackageFile.save(me, to: path)
        let f = try RuntimeFixture()
        let result = f.validate(me)
        #expect(result.result == .success)
        let warnings = f.sink.events(.warning).filter { $0.code == SluiceMessage.childPackageRecursive.code }
        #expect(warnings.count == 9, "each of 3 tasks reports the child's 3 recursive calls once")
    }

    @Test func recursionThatAConstraintEndsRuns() throws {
        let dir = try BuildProducts.temporaryDirectory("execpkg")
        let path = dir.appendingPathComponent("countdown.sluice.json").path
        let out = dir.appendingPathComponent("levels.txt").path
        var me = Package(name: "Countdown")
        me.parameters = [Parameter("N", type: .i4, value: .int(3))]
        me.variables = [Variable("User::Next", type: .i4, value: .int(0))]
        me.executables = [
            .task("Step", component: "sluice.expression", properties: [("expression", "@[User::Next] = @[$Package::N] - 1")]),
            .task("Mark", component: "sluice.executeProcess", properties: [
                ("executable", "/bin/sh"), ("arguments", ["-c", "echo level >> \"$0\"", .string(out)]),
            ]),
            .task("Again", component: "sluice.executePackage", properties: [
                ("packagePath", .string(path)), ("parameterBindings", ["N=User::Next"]),
            ]),
        ]
        me.connect("Step", to: "Mark")
        me.constraints.append(PrecedenceConstraint(
            from: "Mark", to: "Again", evaluation: .expressionAndConstraint, expression: "@[User::Next] >= 0"))
        try PackageFile.save(me, to: path)
        let f = try RuntimeFixture()
        let result = f.run(me)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == 4)  // N = 3, 2, 1, 0
    }

    @Test func cancelingTheParentCancelsTheChild() throws {
        let dir = try BuildProducts.temporaryDirectory("execpkg")
        var child = Package(name: "Waits")
        child.executables = [.task("Wait", component: "test.waitForCancel")]
        let path = dir.appendingPathComponent("waits.sluice.json").path
        try PackageFile.save(child, to: path)
        let f = try RuntimeFixture()
        var parent = Package(name: "Parent")
        parent.executables = [.task("Run child", component: "sluice.executePackage", properties: [("packagePath", .string(path))])]
        let cancel = RunCancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { cancel.cancel() }
        let result = f.run(parent, RunOptions(cancellation: cancel))
        #expect(result.result == .canceled)
        #expect(f.log.entries == ["Wait started", "Wait saw cancel"])
    }

    @Test func missingChildFailsValidation() throws {
        let f = try RuntimeFixture()
        var parent = Package(name: "Parent")
        parent.executables = [.task("Run child", component: "sluice.executePackage", properties: [("packagePath", "/nonexistent/child.json")])]
        #expect(f.run(parent).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.packageNotFound.code])
    }
}
