import Foundation
import SluiceCore
import SluiceRuntime
import SluiceTestSupport
import Testing

/// A child package run in process sees its parent's variables at run time. Microsoft's
/// "Execute Package Task" documentation: "the child package can access variables of the
/// parent package" when run in process, and "Use the Values of Variables and Parameters in a
/// Child Package": a child script or expression may name a parent variable it does not declare;
/// a variable the child declares itself hides the parent's of the same name.
@Suite struct ExecutePackageParentVariablesTests {
    let dir: URL
    init() throws { dir = try BuildProducts.temporaryDirectory("execpkg-parentvars") }

    private func save(_ child: Package, _ name: String) throws -> String {
        let path = dir.appendingPathComponent("\(name).sluice.json").path
        try PackageFile.save(child, to: path)
        return path
    }

    /// A child with one Expression task and no variables of its own unless given.
    private func child(_ expression: String, variables: [Variable] = []) throws -> String {
        var child = Package(name: "Child")
        child.variables = variables
        child.executables = [.task("Compute", component: "sluice.expression", properties: [("expression", .string(expression))])]
        return try save(child, "child-\(UUID.random().uuidString.prefix(8))")
    }

    private func parent(running path: String, variables: [Variable]) -> Package {
        var parent = Package(name: "Parent")
        parent.variables = variables
        parent.executables = [.task("Run child", component: "sluice.executePackage", properties: [("packagePath", .string(path))])]
        return parent
    }

    @Test func theChildReadsAndWritesAParentVariableItDoesNotDeclare() throws {
        let path = try child("@[User::Total] = @[User::Base] * 2")
        let f = try RuntimeFixture()
        let result = f.run(parent(running: path, variables: [
            Variable("User::Base", type: .i4, value: .int(21)), Variable("User::Total", type: .i4, value: .int(0)),
        ]))
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Total"]?.value == .int(42), "the parent sees the child's write when the child ends")
    }

    @Test func theChildsOwnVariableOfTheSameNameWins() throws {
        let path = try child("@[User::Total] = @[User::Base] * 2", variables: [Variable("User::Base", type: .i4, value: .int(5))])
        let f = try RuntimeFixture()
        let result = f.run(parent(running: path, variables: [
            Variable("User::Base", type: .i4, value: .int(21)), Variable("User::Total", type: .i4, value: .int(0)),
        ]))
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Total"]?.value == .int(10))
        #expect(result.variables["User::Base"]?.value == .int(21))
    }

    @Test func variablesOfTheContainersAroundTheTaskAreVisible() throws {
        let path = try child("@[User::Seen] = @[User::Inner] + \"/\" + @[User::Outer]")
        var parent = Package(name: "Parent")
        parent.variables = [Variable("User::Outer", type: .wstr, value: .string("pkg")), Variable("User::Seen", type: .wstr, value: .string(""))]
        var box = Executable("Box", kind: .sequence)
        box.variables = [Variable("User::Inner", type: .wstr, value: .string("seq"))]
        box.executables = [.task("Run child", component: "sluice.executePackage", properties: [("packagePath", .string(path))])]
        parent.executables = [box]
        let f = try RuntimeFixture()
        let result = f.run(parent)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Seen"]?.value == .string("seq/pkg"))
    }

    @Test func aSetVariableTaskInTheChildWritesTheParentsVariable() throws {
        var child = Package(name: "Child")
        child.executables = [.task("Set", component: "sluice.setVariable", properties: [("variable", "User::Status"), ("value", "done")])]
        let path = try save(child, "setvar")
        let f = try RuntimeFixture()
        let result = f.run(parent(running: path, variables: [Variable("User::Status", type: .wstr, value: .string("new"))]))
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Status"]?.value == .string("done"))
    }

    @Test func theSameChildRunAloneFailsValidationWithTheUnknownVariable() throws {
        let path = try child("@[User::Total] = @[User::Base] * 2")
        let f = try RuntimeFixture()
        let alone = try PackageFile.load(from: path)
        #expect(f.validate(alone).result == .failure)
        #expect(f.errorCodes.contains(SluiceMessage.expressionVariableNotFound.code), "\(f.errorCodes)")
        let g = try RuntimeFixture()
        let asChild = g.validate(parent(running: path, variables: [
            Variable("User::Base", type: .i4, value: .int(1)), Variable("User::Total", type: .i4, value: .int(0)),
        ]))
        #expect(asChild.result == .success, "\(asChild.errors.map(\.message))")
    }

    @Test func typesOfParentVariablesAreCheckedInTheChild() throws {
        // DT_I4 + DT_WSTR is a type error ("incompatible for binary operator +"): found at the
        // parent's validation because the child knows the parent variable's type; nothing runs.
        let path = try child("@[User::Total] = @[User::Total] + \"abc\"")
        let f = try RuntimeFixture()
        let result = f.run(parent(running: path, variables: [Variable("User::Total", type: .i4, value: .int(7))]))
        #expect(result.result == .failure)
        #expect(f.errorCodes.contains(SluiceMessage.expressionType.code), "\(f.errorCodes)")
        #expect(!f.errorCodes.contains(SluiceMessage.childPackageFailed.code), "validation failed, so the child never ran")
    }

    @Test func aReadOnlyParentVariableStaysReadOnlyInTheChild() throws {
        let path = try child("@[User::Fixed] = 2")
        let f = try RuntimeFixture()
        var fixed = Variable("User::Fixed", type: .i4, value: .int(1))
        fixed.readOnly = true
        let result = f.run(parent(running: path, variables: [fixed]))
        #expect(result.result == .failure)
        #expect(f.errorCodes.contains(SluiceMessage.expressionReadOnly.code), "\(f.errorCodes)")
    }

    @Test func theChildSeesItsOwnSystemVariablesNotTheParents() throws {
        let path = try child("@[User::Name] = @[System::PackageName]")
        let f = try RuntimeFixture()
        let result = f.run(parent(running: path, variables: [Variable("User::Name", type: .wstr, value: .string(""))]))
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Name"]?.value == .string("Child"))
    }

    /// Two children running at once in parallel branches, each adding to the counter of its
    /// own sequence 200 times, then copied out: the children write the variable visible from
    /// their task, and no write is lost.
    @Test func parallelChildrenWriteTheVariablesVisibleFromTheirTasks() throws {
        var adder = Package(name: "Adder")
        var loop = Executable("Loop", kind: .forLoop(ForLoopSpecification(
            init: "@[User::I] = 0", eval: "@[User::I] < 200", assign: "@[User::I] = @[User::I] + 1")))
        loop.executables = [.task("Add", component: "sluice.expression", properties: [("expression", "@[User::Sum] = @[User::Sum] + 1")])]
        adder.variables = [Variable("User::I", type: .i4, value: .int(0))]
        adder.executables = [loop]
        let path = try save(adder, "adder")
        var parent = Package(name: "Parent")
        parent.variables = [Variable("User::SumA", type: .i4, value: .int(0)), Variable("User::SumB", type: .i4, value: .int(0))]
        parent.executables = ["A", "B"].map { name in
            var branch = Executable(name, kind: .sequence)
            branch.variables = [Variable("User::Sum", type: .i4, value: .int(0))]
            branch.executables = [
                .task("Run", component: "sluice.executePackage", properties: [("packagePath", .string(path))]),
                .task("Copy", component: "sluice.expression", properties: [("expression", .string("@[User::Sum\(name)] = @[User::Sum]"))]),
            ]
            branch.connect("Run", to: "Copy")
            return branch
        }
        let f = try RuntimeFixture()
        let result = f.run(parent)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::SumA"]?.value == .int(200))
        #expect(result.variables["User::SumB"]?.value == .int(200))
    }
}
