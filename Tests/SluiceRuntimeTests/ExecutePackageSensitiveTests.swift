import Foundation
import SluiceCore
import SluiceRuntime
import SluiceTestSupport
import Testing

/// Sensitive parameters passed to a child package. Microsoft's "Execute Package Task Editor"
/// (Parameters page): "Sensitive parameters cannot be mapped to non-sensitive parameters" —
/// the editor refuses such a mapping; a sensitive value bound to a sensitive child parameter
/// is passed and stays out of logs ("Integration Services (SSIS) Parameters": a sensitive
/// parameter's value is not shown or logged).
@Suite struct ExecutePackageSensitiveTests {
    static let secret = "hunter2-Zq81"
    let dir: URL
    init() throws { dir = try BuildProducts.temporaryDirectory("execpkg-sensitive") }

    /// A child with parameter `Token` (sensitive or not) whose length it writes to the
    /// parent's `User::Length` (the child declares no such variable: it is the parent's).
    private func child(tokenSensitive: Bool, type: DataType = .wstr) throws -> String {
        var child = Package(name: "Child")
        child.parameters = [Parameter("Token", type: type, sensitive: tokenSensitive)]
        child.variables = [Variable("User::Copy", type: .wstr, value: .string(""))]
        child.executables = [.task("Measure", component: "sluice.expression", properties: [
            ("expression", "@[User::Length] = LEN((DT_WSTR, 100) @[$Package::Token])"),
        ])]
        let path = dir.appendingPathComponent("child-\(tokenSensitive)-\(type.rawValue).sluice.json").path
        try PackageFile.save(child, to: path)
        return path
    }

    private func parent(running path: String, binding: String = "parameterBindings") -> Package {
        var parent = Package(name: "Parent")
        parent.parameters = [Parameter("Secret", type: .wstr, sensitive: true)]
        parent.variables = [Variable("User::Length", type: .i4, value: .int(0))]
        let bindings: JSONValue = binding == "parameterBindings" ? ["Token=$Package::Secret"] : ["User::Copy=$Package::Secret"]
        parent.executables = [.task("Run child", component: "sluice.executePackage", properties: [
            ("packagePath", .string(path)), (binding, bindings),
        ])]
        return parent
    }

    private var options: RunOptions { RunOptions(parameterValues: ["Secret": Self.secret]) }

    /// Every event of the run as its `--events-json` line, so the test reads what a log would.
    private func eventLines(_ f: RuntimeFixture) -> String {
        f.sink.events.map { EventRecord($0).jsonLine }.joined(separator: "\n")
    }

    @Test func bindingASensitiveParameterToANonSensitiveOneIsAValidationError() throws {
        let f = try RuntimeFixture()
        let result = f.run(parent(running: try child(tokenSensitive: false)), options)
        #expect(result.result == .failure)
        let error = try #require(f.sink.events(.error).first { $0.code == SluiceMessage.sensitiveBindingToNonSensitive.code })
        #expect(error.message.contains("$Package::Secret") && error.message.contains("$Package::Token"), "\(error.message)")
        #expect(!eventLines(f).contains(Self.secret))
        #expect(result.variables["User::Length"]?.value == .int(0), "nothing ran")
    }

    @Test func theRefusalIsFoundByValidateAlone() throws {
        let f = try RuntimeFixture()
        var validateOptions = options
        validateOptions.eventSink = f.sink
        let result = PackageRunner(registry: f.registry).validate(parent(running: try child(tokenSensitive: false)), options: validateOptions)
        #expect(result.result == .failure)
        #expect(f.errorCodes.contains(SluiceMessage.sensitiveBindingToNonSensitive.code), "\(f.errorCodes)")
    }

    @Test func bindingASensitiveParameterToAVariableIsRefused() throws {
        let f = try RuntimeFixture()
        let result = f.run(parent(running: try child(tokenSensitive: true), binding: "variableBindings"), options)
        #expect(result.result == .failure)
        #expect(f.errorCodes.contains(SluiceMessage.sensitiveBindingToNonSensitive.code), "\(f.errorCodes)")
        #expect(!eventLines(f).contains(Self.secret))
    }

    @Test func sensitiveToSensitivePassesTheValueAndNoEventShowsIt() throws {
        let f = try RuntimeFixture()
        let result = f.run(parent(running: try child(tokenSensitive: true)), options)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Length"]?.value == .int(Int64(Self.secret.count)), "the child saw the value")
        #expect(!f.sink.events.isEmpty)
        #expect(!eventLines(f).contains(Self.secret), "parent's and child's events (the child's come back as the task's)")
    }

    @Test func aSensitiveValueThatDoesNotConvertIsRefusedWithoutQuotingIt() throws {
        let f = try RuntimeFixture()
        let result = f.run(parent(running: try child(tokenSensitive: true, type: .i4)), options)
        #expect(result.result == .failure)
        #expect(f.errorCodes.contains(SluiceMessage.sensitiveBindingConversion.code), "\(f.errorCodes)")
        #expect(!eventLines(f).contains(Self.secret))
    }

    @Test func aSensitiveProjectParameterIsRefusedForANonSensitiveChildParameter() throws {
        let folder = dir.appendingPathComponent("project-\(UUID.random().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var project = Project(name: "P")
        project.parameters = [Parameter("Password", type: .wstr, sensitive: true)]
        project.packages = ["Parent.sluice.json", "Child.sluice.json"]
        try ProjectFile.save(project, toFolder: folder)
        var child = Package(name: "Child")
        child.parameters = [Parameter("Token", type: .wstr)]
        try PackageFile.save(child, to: folder + "/Child.sluice.json")
        var parent = Package(name: "Parent")
        parent.executables = [.task("Run child", component: "sluice.executePackage", properties: [
            ("useProjectReference", true), ("packageName", "Child"), ("parameterBindings", ["Token=$Project::Password"]),
        ])]
        try PackageFile.save(parent, to: folder + "/Parent.sluice.json")
        let scope = try ProjectScope.load(fromFolder: folder)
        var options = RunOptions(parameterValues: ["$Project::Password": Self.secret])
        options.project = scope
        let f = try RuntimeFixture()
        let result = f.run(try scope.loadPackage(named: "Parent").package, options)
        #expect(result.result == .failure)
        let error = try #require(f.sink.events(.error).first { $0.code == SluiceMessage.sensitiveBindingToNonSensitive.code })
        #expect(error.message.contains("$Project::Password"), "\(error.message)")
        #expect(!eventLines(f).contains(Self.secret))
    }
}
