import Foundation
import SluiceComponents
import SluiceCore
import SluicePluginHost
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

@Suite struct LoopTests {
    @Test func forLoopRunsWhileItsConditionHolds() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "For")
        p.variables = [Variable("User::I", type: .i4, value: .int(99)), Variable("User::Sum", type: .i4, value: .int(0))]
        var loop = Executable("Loop", kind: .forLoop(ForLoopSpecification(
            init: "@[User::I] = 1", eval: "@[User::I] <= 4", assign: "@[User::I] = @[User::I] + 1")))
        loop.executables = [.task("Add", component: "sluice.expression", properties: [("expression", "@[User::Sum] = @[User::Sum] + @[User::I]")])]
        p.executables = [loop]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Sum"]?.value == .int(10))
        #expect(result.variables["User::I"]?.value == .int(5))
    }

    @Test func forLoopStopsAtAFailingIteration() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "ForFail")
        p.variables = [Variable("User::I", type: .i4, value: .int(0))]
        var loop = Executable("Loop", kind: .forLoop(ForLoopSpecification(eval: "@[User::I] < 10", assign: "@[User::I] = @[User::I] + 1")))
        loop.executables = [RuntimeFixture.fail("Body")]
        p.executables = [loop]
        #expect(f.run(p).result == .failure)
        #expect(f.log.entries == ["Body"])
    }

    @Test func forLoopConditionMustBeBoolean() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "ForType")
        p.executables = [Executable("Loop", kind: .forLoop(ForLoopSpecification(eval: "1")))]
        #expect(f.run(p).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.expressionType.code])
    }

    @Test func foreachItemListMapsEachItemIntoVariables() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Items")
        p.variables = [Variable("User::Name", type: .wstr, value: .string("")), Variable("User::Qty", type: .i4, value: .int(0)),
                       Variable("User::Total", type: .i4, value: .int(0))]
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(
            .items([["apples", 3], ["pears", 4]]), mappings: [VariableMapping("User::Name", index: 0), VariableMapping("User::Qty", index: 1)])))
        loop.executables = [
            .task("Sum", component: "sluice.expression", properties: [("expression", "@[User::Total] = @[User::Total] + @[User::Qty]")]),
        ]
        p.executables = [loop]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Total"]?.value == .int(7))
        #expect(result.variables["User::Name"]?.value == .string("pears"))
    }

    @Test func foreachFileEnumeratorWalksMatchingFilesInOrder() throws {
        let dir = try BuildProducts.temporaryDirectory("files")
        for name in ["b.csv", "a.csv", "notes.txt"] {
            try Data().write(to: dir.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data().write(to: dir.appendingPathComponent("sub/c.csv"))
        let f = try RuntimeFixture()
        var p = Package(name: "Files")
        p.variables = [Variable("User::File", type: .wstr, value: .string(""))]
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(
            .files(folder: dir.path, pattern: "*.csv", recursive: true, retrieve: .nameAndExtension),
            mappings: [VariableMapping("User::File")])))
        var record = RuntimeFixture.record("Record")
        record.propertyExpressions = ["label": "@[User::File]"]
        loop.executables = [record]
        p.executables = [loop]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(f.log.entries == ["a.csv", "b.csv", "c.csv"])
    }

    @Test func foreachVariableEnumeratorWalksTheRowsOfAnObject() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Rows")
        let rows = RowSet(columns: ["id", "name"], rows: [[.int(1), .string("x")], [.int(2), .string("y")]])
        p.variables = [Variable("User::Rows", type: .object), Variable("User::Id", type: .i4, value: .int(0)),
                       Variable("User::Sum", type: .i4, value: .int(0))]
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(.variable("User::Rows"), mappings: [VariableMapping("User::Id")])))
        loop.executables = [.task("Sum", component: "sluice.expression", properties: [("expression", "@[User::Sum] = @[User::Sum] + @[User::Id]")])]
        p.executables = [loop]
        // Object values are not stored in package files; a run receives them from a task. Here the
        // test puts the rows in before the run, through the model.
        p.variables[0].value = .object(ObjectValue(rows, description: "2 rows"))
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Sum"]?.value == .int(3))
    }

    @Test func foreachPluginEnumeratorCrossesTheABI() throws {
        let registry = ComponentRegistry()
        try BuiltInComponents.register(into: registry)
        registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureGood"]).path])
        var p = Package(name: "Plugin")
        p.variables = [Variable("User::N", type: .i8, value: .int(0)), Variable("User::Sum", type: .i8, value: .int(0))]
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(
            .plugin(component: "fixtures.good.numbers", properties: JSONObject([("limit", 4)])), mappings: [VariableMapping("User::N")])))
        loop.executables = [.task("Sum", component: "sluice.expression", properties: [("expression", "@[User::Sum] = @[User::Sum] + @[User::N]")])]
        p.executables = [loop]
        let result = PackageRunner(registry: registry).run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Sum"]?.value == .int(10))
    }

    @Test func foreachMappingToAnUnknownVariableFailsValidation() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Unknown")
        p.executables = [Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(.items([[1]]), mappings: [VariableMapping("User::Nope")])))]
        #expect(f.run(p).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.variableNotFound.code])
    }
}
