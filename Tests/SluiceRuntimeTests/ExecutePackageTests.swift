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

    @Test func aPackageThatRunsItselfIsStopped() throws {
        let dir = try BuildProducts.temporaryDirectory("execpkg")
        let path = dir.appendingPathComponent("self.sluice.json").path
        var me = Package(name: "Self")
        me.root.maximumErrorCount = 0
        me.executables = [.task("Again", component: "sluice.executePackage", properties: [("packagePath", .string(path))])]
        try PackageFile.save(me, to: path)
        let f = try RuntimeFixture()
        let result = f.run(me)
        // Validation already recurses into the child, so the loop is caught before anything runs.
        #expect(result.result == .failure)
        #expect(result.executableResults.isEmpty)
        #expect(f.errorCodes.contains(SluiceMessage.childPackageTooDeep.code))
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
