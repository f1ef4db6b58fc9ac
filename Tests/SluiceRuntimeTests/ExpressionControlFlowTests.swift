import Foundation
import SluiceCore
import SluiceRuntime
import SluiceTestSupport
import Testing

/// Expressions in the control flow: constraints, property expressions, expression variables,
/// the Expression task.
@Suite struct ExpressionControlFlowTests {
    @Test func expressionConstraintChoosesTheBranch() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Branch")
        p.variables = [Variable("User::Count", type: .i4, value: .int(12))]
        p.executables = [RuntimeFixture.record("Start"), RuntimeFixture.record("Big"), RuntimeFixture.record("Small")]
        p.constraints = [
            PrecedenceConstraint(from: "Start", to: "Big", evaluation: .expressionAndConstraint, expression: "@[User::Count] > 10"),
            PrecedenceConstraint(from: "Start", to: "Small", evaluation: .expressionAndConstraint, expression: "@[User::Count] <= 10"),
        ]
        #expect(f.run(p).result == .success)
        #expect(f.log.entries == ["Start", "Big"])
    }

    @Test func expressionOrConstraintRunsAfterFailureWhenTheExpressionHolds() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Or")
        p.root.maximumErrorCount = 0
        p.variables = [Variable("User::Retry", type: .bool, value: .bool(true))]
        p.executables = [RuntimeFixture.fail("A"), RuntimeFixture.record("B")]
        p.constraints = [PrecedenceConstraint(from: "A", to: "B", evaluation: .expressionOrConstraint, expression: "@Retry")]
        _ = f.run(p)
        #expect(f.log.entries == ["A", "B"])
    }

    @Test func constraintExpressionMustBeBoolean() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "NotBool")
        p.executables = [RuntimeFixture.record("A"), RuntimeFixture.record("B")]
        p.constraints = [PrecedenceConstraint(from: "A", to: "B", evaluation: .expression, expression: "1 + 1")]
        #expect(f.run(p).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.expressionType.code])
        #expect(f.log.entries.isEmpty)
    }

    @Test func badExpressionsAreCaughtAtValidationWithTheirPosition() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Bad")
        p.executables = [RuntimeFixture.record("A"), RuntimeFixture.record("B")]
        p.constraints = [PrecedenceConstraint(from: "A", to: "B", evaluation: .expression, expression: "@[User::Missing] == 1")]
        #expect(f.run(p).result == .failure)
        let error = try #require(f.sink.events(.error).first)
        #expect(error.code == SluiceMessage.expressionVariableNotFound.code)
        #expect(error.message.contains("line 1, column 1"))
        #expect(f.log.entries.isEmpty)
    }

    @Test func propertyExpressionSetsATaskPropertyAtRunTime() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Props")
        p.variables = [Variable("User::Name", type: .wstr, value: .string("data")), Variable("User::Out", type: .wstr, value: .string(""))]
        var set = Executable.task("Set", component: "sluice.setVariable", properties: [("variable", "User::Name"), ("value", "sales")])
        var record = RuntimeFixture.record("Record", variable: "User::Out")
        record.propertyExpressions = ["value": "\"/in/\" + @[User::Name] + \".csv\""]
        set.description = "changes the variable the expression reads"
        p.executables = [set, record]
        p.connect("Set", to: "Record")
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Out"]?.value == .string("/in/sales.csv"))
    }

    @Test func disableExpressionSkipsAnExecutable() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Disable")
        p.variables = [Variable("User::Skip", type: .bool, value: .bool(true))]
        var a = RuntimeFixture.record("A")
        a.propertyExpressions = ["Disable": "@[User::Skip]"]
        p.executables = [a, RuntimeFixture.record("B")]
        p.connect("A", to: "B")
        #expect(f.run(p).result == .success)
        #expect(f.log.entries == ["B"])
    }

    @Test func variableEvaluatedAsAnExpressionFollowsItsInputs() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Derived")
        p.variables = [
            Variable("User::Base", type: .i4, value: .int(1)),
            Variable("User::Twice", type: .i4, expression: "@[User::Base] * 2"),
            Variable("User::Seen", type: .i4, value: .int(0)),
        ]
        p.executables = [
            .task("Set", component: "sluice.setVariable", properties: [("variable", "User::Base"), ("value", "21")]),
            .task("Copy", component: "sluice.setVariable", properties: [("variable", "User::Seen"), ("sourceVariable", "User::Twice")]),
        ]
        p.connect("Set", to: "Copy")
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Seen"]?.value == .int(42))
    }

    @Test func expressionTaskAssignsAVariable() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "ExprTask")
        p.variables = [Variable("User::A", type: .i4, value: .int(40)), Variable("User::Total", type: .i8, value: .int(0))]
        p.executables = [.task("Add", component: "sluice.expression", properties: [("expression", "@[User::Total] = @[User::A] + 2")])]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Total"]?.value == .int(42))
    }

    @Test func expressionTaskCannotAssignAReadOnlyVariable() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "ReadOnly")
        p.executables = [.task("Set", component: "sluice.expression", properties: [("expression", "@[System::PackageName] = \"x\"")])]
        #expect(f.run(p).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.expressionReadOnly.code])
    }

    @Test func connectionStringExpressionIsEvaluatedWhenTheConnectionIsUsed() throws {
        let dir = try BuildProducts.temporaryDirectory("connexpr")
        let f = try RuntimeFixture()
        var p = Package(name: "Conn")
        p.variables = [Variable("User::Dir", type: .wstr, value: .string(dir.path)), Variable("User::N", type: .i8, value: .int(0))]
        var db = ConnectionManager("Db", kind: "sluice.sqlite", connectionString: "/nonexistent/never.db")
        db.propertyExpressions = ["ConnectionString": "@[User::Dir] + \"/built.db\""]
        p.connections = [db]
        p.executables = [.task("Create", component: "sluice.executeSQL", properties: [
            ("connection", "Db"), ("statement", "CREATE TABLE t(x); INSERT INTO t VALUES (1)"),
        ])]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("built.db").path))
    }
}
