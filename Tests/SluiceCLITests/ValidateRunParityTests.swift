import Foundation
import SluiceCore
import Testing

/// `sluice validate` refuses everything `sluice run` refuses before running: for each case the
/// real binary runs both commands on the same package, and both fail with the same codes.
@Suite struct ValidateRunParityTests {
    /// A case: what is wrong, the package, and the code both commands must report (nil: a
    /// plugin's own error, raised with code 0).
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let expected: SluiceMessage?
        let change: @Sendable (inout Package) -> Void
        var testDescription: String { name }
    }

    /// A package that runs cleanly: one Set Variable task, before any case breaks it.
    private static var base: Package {
        var p = Package(name: "Parity")
        p.variables = [Variable("User::N", type: .i8, value: .int(0)), Variable("User::Out", type: .wstr, value: .string(""))]
        p.executables = [.task("Set", component: "sluice.setVariable", properties: [("variable", "User::N"), ("value", "1")])]
        return p
    }

    private static func loop(_ component: String, _ properties: [(String, JSONValue)]) -> Executable {
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(
            .plugin(component: component, properties: JSONObject(properties)), mappings: [VariableMapping("User::N")])))
        loop.executables = [.task("Inner", component: "sluice.expression", properties: [("expression", "@[User::Out] = \"x\"")])]
        return loop
    }

    private static func logged(_ kind: String, path: String = "/tmp/sluice-parity.log", _ properties: [(String, JSONValue)] = []) -> @Sendable (inout Package) -> Void {
        { p in
            p.logProviders = [LogProvider("Log", kind: kind, path: path, properties: JSONObject(properties))]
            p.root.logging = LoggingOptions(providers: ["Log"])
        }
    }

    private static func connected(_ kind: String, _ properties: [(String, JSONValue)] = []) -> @Sendable (inout Package) -> Void {
        { p in
            p.connections = [ConnectionManager("Conn", kind: kind, connectionString: "x", properties: JSONObject(properties))]
            p.executables.append(.task("Use", component: "fixtures.good.useconn", properties: [("connection", "Conn")]))
        }
    }

    static let cases: [Case] = [
        // Plugin foreach enumerators.
        Case(name: "enumerator: unknown component", expected: .componentUnknown) { $0.executables = [loop("fixtures.good.nope", [])] },
        Case(name: "enumerator: missing required property", expected: .propertyRequired) {
            $0.executables = [loop("fixtures.good.numbers-strict", [])]
        },
        Case(name: "enumerator: unknown property", expected: .propertyUnknown) {
            $0.executables = [loop("fixtures.good.numbers", [("colour", "blue")])]
        },
        Case(name: "enumerator: its validate fails", expected: .validationFailed) {
            $0.executables = [loop("fixtures.good.numbers", [("limit", -1)])]
        },
        Case(name: "enumerator: a task, not an enumerator", expected: .componentKindMismatch) {
            $0.executables = [loop("fixtures.good.echo", [])]
        },
        // Plugin log providers.
        Case(name: "log provider: unknown kind", expected: .logProviderUnknown, change: logged("fixtures.good.nolog")),
        Case(name: "log provider: its validate fails", expected: .logProviderInvalid, change: logged("fixtures.good.filelog", [("failValidate", 1)])),
        Case(name: "log provider: missing required property", expected: .propertyRequired, change: logged("fixtures.good.filelog", path: "")),
        Case(name: "log provider: unknown property", expected: .propertyUnknown, change: logged("fixtures.good.filelog", [("colour", "blue")])),
        Case(name: "log provider: selected but not declared", expected: .logProviderUnknown) { $0.root.logging = LoggingOptions(providers: ["Nope"]) },
        // Plugin connection managers.
        Case(name: "connection: unknown kind", expected: .connectionKindUnknown, change: connected("fixtures.good.nope")),
        Case(name: "connection: unknown property", expected: .propertyUnknown, change: connected("fixtures.good.connection", [("colour", "blue")])),
        Case(name: "connection: its validate fails", expected: .connectionInvalid, change: connected("fixtures.good.connection", [("failValidate", 1)])),
        Case(name: "connection: a task kind", expected: .connectionKindUnknown, change: connected("fixtures.good.echo")),
        // Plugin tasks.
        Case(name: "plugin task: missing required property", expected: .propertyRequired) {
            $0.executables.append(.task("Echo", component: "fixtures.good.echo"))
        },
        Case(name: "plugin task: its validate fails", expected: nil) {
            $0.executables.append(.task("Refused", component: "fixtures.validate-fails.task"))
        },
        // Stock cases.
        Case(name: "stock: unknown task component", expected: .componentUnknown) { $0.executables.append(.task("X", component: "acme.nothing")) },
        Case(name: "stock: unknown property", expected: .propertyUnknown) { $0.executables[0].properties["colour"] = "blue" },
        Case(name: "stock: missing required property", expected: .propertyRequired) {
            $0.executables.append(.task("Set2", component: "sluice.setVariable", properties: [("value", "1")]))
        },
        Case(name: "stock: a value the variable cannot hold", expected: .typeMismatch) { $0.executables[0].properties["value"] = "one" },
        Case(name: "stock: executionValueVariable not declared", expected: .variableNotFound) {
            $0.executables[0].executionValueVariable = "User::Nope"
        },
        Case(name: "stock: expression syntax", expected: .expressionSyntax) {
            $0.executables.append(.task("E", component: "sluice.expression", properties: [("expression", "@[User::N] = (")]))
        },
        Case(name: "stock: property expression for an unknown property", expected: .propertyUnknown) {
            $0.executables[0].propertyExpressions = ["colour": "\"blue\""]
        },
        Case(name: "stock: connection of an unknown kind", expected: .connectionKindUnknown) {
            $0.connections = [ConnectionManager("Db", kind: "acme.db", connectionString: "x")]
        },
        Case(name: "stock: connection with an unknown property", expected: .propertyUnknown) {
            $0.connections = [ConnectionManager("Db", kind: "sluice.sqlite", connectionString: "x", properties: JSONObject([("colour", "blue")]))]
        },
        Case(name: "stock: required parameter without a value", expected: .parameterRequired) {
            $0.parameters = [Parameter("Needed", type: .i4, required: true)]
        },
        Case(name: "stock: foreach mapping to an undeclared variable", expected: .variableNotFound) {
            var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(.items([[1]]), mappings: [VariableMapping("User::Nope")])))
            loop.executables = []
            $0.executables.append(loop)
        },
    ]

    @Test(arguments: cases)
    func validateFailsWithTheCodesRunFailsWith(_ c: Case) throws {
        let f = try CLIFixture(plugins: ["FixtureGood", "FixtureValidateFails"])
        var package = Self.base
        c.change(&package)
        let path = try f.save(package)
        let validate = try f.sluice(["validate", path])
        let run = try f.sluice(["run", path])
        #expect(validate.status == 1, "\(validate.transcript)")
        #expect(run.status == 1, "\(run.transcript)")
        let errors = Self.errorLines(validate.standardError)
        #expect(!errors.isEmpty, "\(validate.transcript)")
        if let expected = c.expected {
            #expect(errors.contains { $0.contains("\(expected.name) (\(expected.code))") }, "expected \(expected.name): \(validate.transcript)")
        }
        #expect(errors == Self.errorLines(run.standardError), "validate: \(validate.transcript)\nrun: \(run.transcript)")
    }

    /// The error lines of `sluice` output (each with its code and message), in order.
    private static func errorLines(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("Error") }
    }
}
