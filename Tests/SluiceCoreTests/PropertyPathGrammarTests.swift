import Foundation
import Testing
import SluiceCore

/// dtexec's /Set grammar as Microsoft documents it ("dtexec Utility", the /Set option:
/// `/Set [$Sensitive::]propertyPath;value`, with the examples
/// `\package.variables[myvariable].Value`, `\Package.Variables[$Package::Parameter];1`,
/// `\package\DataFlowTask.Variables[User::MyVariable].Value`), and the property paths of
/// "Package Configurations" (`\Package.Properties[P]`, `\Package.Connections[C].Properties[P]`).
@Suite struct PropertyPathGrammarTests {
    /// The sample of `PropertyPathTests`, plus variables that share a name across namespaces
    /// and a variable on the task `Copy`.
    static func sample() -> Package {
        var p = PropertyPathTests.sample()
        p.variables += [
            Variable("Custom::Only", type: .i4, value: .int(0)),
            Variable("Left::Twice", type: .i4, value: .int(0)), Variable("Right::Twice", type: .i4, value: .int(0)),
        ]
        p.parameters.append(Parameter("Password", type: .wstr, sensitive: true))
        p.executables[0].executables[0].variables = [Variable("User::Rows", type: .i8, value: .int(0))]
        p.connections.append(ConnectionManager("Warehouse", kind: "sluice.postgres", connectionString: "postgres://h/db"))
        return p
    }

    /// Declarations as a registry would give them.
    static func specs(_ id: String) -> [PropertySpec]? {
        switch id {
        case "sluice.fileSystem":
            [PropertySpec("source", .string), PropertySpec("retries", .integer), PropertySpec("overwrite", .boolean)]
        case "sluice.postgres": [PropertySpec("port", .integer), PropertySpec("host", .string)]
        case "sluice.setVariable": [PropertySpec("variable", .string), PropertySpec("value", .string)]
        default: nil
        }
    }

    private func applying(_ path: String, _ value: String, project: [Parameter]? = nil) throws -> (Package, [Parameter]?) {
        var package = Self.sample()
        var parameters = project
        try PropertyPath.apply(path, value: value, to: &package, projectParameters: &parameters, propertySpecs: Self.specs)
        return (package, parameters)
    }

    private func failure(_ path: String, _ value: String = "1", project: [Parameter]? = nil) throws -> SluiceError {
        try #require(throws: SluiceError.self) { _ = try applying(path, value, project: project) }
    }

    // MARK: Variables

    @Test(arguments: [
        #"\Package.Variables[User::Limit].Value"#, #"\Package.Variables[User::Limit].Properties[Value]"#,
        #"\Package.Variables[Limit].Value"#, #"\package.variables[Limit].Value"#, #"\PACKAGE.VARIABLES[User::Limit].VALUE"#,
        #"\package.variables[User::Limit].properties[value]"#,
    ])
    func setsAVariableInEverySpelling(_ path: String) throws {
        let (p, _) = try applying(path, "12")
        #expect(p.variables[0].value == .int(12))
        #expect(p.variables[2].value == .int(0), "Custom::Limit is left alone: User comes first")
    }

    @Test func aBareNameDeclaredInOneOtherNamespaceIsThatVariable() throws {
        #expect(try applying(#"\Package.Variables[Only].Value"#, "3").0.variables[4].value == .int(3))
    }

    @Test func aBareNameDeclaredInSeveralOtherNamespacesIsAmbiguous() throws {
        let error = try failure(#"\Package.Variables[Twice].Value"#)
        #expect(error.message == .setVariableAmbiguous)
        #expect(error.name == "SLUICE_E_SET_VARIABLE_AMBIGUOUS")
        #expect(error.text.contains("Left::Twice, Right::Twice"), "\(error.text)")
        #expect(try applying(#"\Package.Variables[Right::Twice].Value"#, "4").0.variables[6].value == .int(4))
    }

    @Test func setsAVariableOfATaskInAContainer() throws {
        let (p, _) = try applying(#"\package\load\copy.Variables[User::Rows].Value"#, "99")
        #expect(p.executables[0].executables[0].variables[0].value == .int(99))
    }

    @Test func suggestsTheVariableMeant() throws {
        let error = try failure(#"\Package.Variables[User::Limt].Value"#)
        #expect(error.message == .propertyPathNotFound)
        #expect(error.text.contains(#"did you mean "User::Limit"?"#), "\(error.text)")
    }

    // MARK: Parameters

    @Test(arguments: [
        #"\Package.Variables[$Package::Retries]"#, #"\Package.Variables[$Package::Retries].Value"#,
        #"\package.variables[$package::Retries]"#, #"\Package.Variables[$Package::Retries].Properties[Value]"#,
    ])
    func setsAPackageParameterThroughVariables(_ path: String) throws {
        #expect(try applying(path, "7").0.parameter(named: "Retries")?.value == .int(7))
    }

    @Test func refusesAParameterValueOfTheWrongTypeNamingThePath() throws {
        let error = try failure(#"\Package.Variables[$Package::Retries]"#, "often")
        #expect(error.message == .setValueNotConvertible)
        #expect(error.text == #"Property path "\Package.Variables[$Package::Retries]": "often" does not convert to DT_I4: not an integer"#)
    }

    @Test func setsAProjectParameterWhenThereIsAProject() throws {
        let project = [Parameter("Environment", type: .wstr)]
        let (_, parameters) = try applying(#"\Package.Variables[$Project::Environment]"#, "prod", project: project)
        #expect(parameters?.first?.value == .string("prod"))
        let error = try failure(#"\Package.Variables[$Project::Environment]"#, "prod")
        #expect(error.message == .propertyPathNotFound)
        #expect(error.text.contains("not run from a project"))
        #expect(try failure(#"\Package.Variables[$Project::Nope]"#, project: project).text.contains(#"(it has "Environment")"#))
    }

    @Test func parametersBelongToThePackage() throws {
        #expect(try failure(#"\Package\Load.Variables[$Package::Retries]"#).message == .propertyPathInvalid)
    }

    // MARK: $Sensitive::

    @Test func theSensitivePrefixMarksAParameterSensitive() throws {
        let (p, _) = try applying(#"$Sensitive::\Package.Variables[$Package::Region]"#, "emea")
        #expect(p.parameter(named: "Region")?.value == .string("emea"))
        #expect(p.parameter(named: "Region")?.sensitive == true)
    }

    @Test func aSensitiveValueIsNeverInTheErrorMessage() throws {
        let secret = "hunter2-987"
        let prefixed = try failure(#"$sensitive::\Package.Variables[$Package::Retries]"#, secret)
        #expect(prefixed.message == .setValueNotConvertible)
        #expect(!prefixed.text.contains(secret) && !prefixed.inserts.values.contains { $0.contains(secret) })
        #expect(prefixed.text.contains("the sensitive value does not convert to DT_I4"), "\(prefixed.text)")
        // A parameter declared sensitive is hidden without the prefix too.
        var package = Self.sample()
        package.parameters[1].sensitive = true
        let declared = try #require(throws: SluiceError.self) {
            try PropertyPath.apply(#"\Package.Variables[$Package::Retries]"#, value: secret, to: &package)
        }
        #expect(!declared.text.contains(secret))
    }

    @Test(arguments: [
        #"$Sensitive::\Package.Variables[User::Name].Value"#, #"$Sensitive::\Package.Connections[Source].Properties[ConnectionString]"#,
        #"$Sensitive::\Package\Finish.Properties[value]"#, #"$Sensitive::\Package.Properties[Description]"#,
    ])
    func theSensitivePrefixIsRefusedWhereTheValueWouldShow(_ path: String) throws {
        let error = try failure(path, "s3cret-value")
        #expect(error.message == .setSensitiveTarget)
        #expect(!error.text.contains("s3cret-value"))
    }

    // MARK: Properties of executables and of the package

    @Test func setsPropertiesOfAnExecutableByProperties() throws {
        let (p, _) = try applying(#"\Package\Load\Copy.Properties[Disable]"#, "True")
        #expect(p.executables[0].executables[0].disabled)
        #expect(try applying(#"\package\finish.properties[disable]"#, "true").0.executables[1].disabled)
        #expect(try applying(#"\Package.Properties[Disable]"#, "1").0.root.disabled)
        #expect(try applying(#"\Package\Load.Properties[MaximumErrorCount]"#, "3").0.executables[0].maximumErrorCount == 3)
        #expect(try applying(#"\Package\Load.Properties[ForceExecutionResult]"#, "1").0.executables[0].forceExecutionResult == .failure)
    }

    @Test func typesATaskPropertyByItsDeclaration() throws {
        let (p, _) = try applying(#"\Package\Load\Copy.Properties[retries]"#, "4")
        #expect(p.executables[0].executables[0].properties["retries"] == .int(4))
        let (q, _) = try applying(#"\Package\Load\Copy.Properties[OVERWRITE]"#, "True")
        #expect(q.executables[0].executables[0].properties["overwrite"] == .bool(true), "stored under the declared name")
        let error = try failure(#"\Package\Load\Copy.Properties[retries]"#, "four")
        #expect(error.message == .setValueNotConvertible)
        #expect(error.text == #"Property path "\Package\Load\Copy.Properties[retries]": "four" does not convert to integer: not an integer"#)
    }

    @Test func suggestsTheTaskPropertyMeant() throws {
        let error = try failure(#"\Package\Load\Copy.Properties[sorce]"#)
        #expect(error.message == .propertyPathNotFound)
        #expect(error.text.contains(#"did you mean "source"?"#), "\(error.text)")
        let container = try failure(#"\Package\Load.Properties[Disabel]"#)
        #expect(container.text.contains(#"did you mean "Disable"?"#), "\(container.text)")
    }

    @Test func suggestsTheExecutableMeant() throws {
        let error = try failure(#"\Package\Lod\Copy.Properties[Disable]"#)
        #expect(error.message == .propertyPathNotFound)
        #expect(error.text.contains(#""Nightly" has no executable "Lod" (did you mean "Load"?)"#), "\(error.text)")
    }

    @Test func setsPackageProperties() throws {
        #expect(try applying(#"\Package.Properties[MaxConcurrentExecutables]"#, "-1").0.maxConcurrentExecutables == -1)
        #expect(try applying(#"\package.properties[maxconcurrentexecutables]"#, "6").0.maxConcurrentExecutables == 6)
        var package = Self.sample()
        try PropertyPath.apply(#"\Package.Properties[CheckpointFileName]"#, value: "/tmp/n.ckpt", to: &package)
        #expect(package.checkpoint == CheckpointSettings(fileName: "/tmp/n.ckpt", usage: .never, save: false), "SSIS's defaults")
        try PropertyPath.apply(#"\Package.Properties[CheckpointUsage]"#, value: "Always", to: &package)
        try PropertyPath.apply(#"\Package.Properties[SaveCheckpoints]"#, value: "True", to: &package)
        #expect(package.checkpoint == CheckpointSettings(fileName: "/tmp/n.ckpt", usage: .always, save: true))
        #expect(try failure(#"\Package.Properties[CheckpointUsage]"#, "Always").message == .propertyPathInvalid)
        #expect(try failure(#"\Package.Properties[CheckpointUsage]"#, "Sometimes").message == .propertyPathInvalid)
    }

    @Test func packagePropertiesBelongToThePackage() throws {
        let error = try failure(#"\Package\Load.Properties[MaxConcurrentExecutables]"#, "4")
        #expect(error.message == .propertyPathNotFound)
    }

    // MARK: Connections

    @Test(arguments: [
        #"\Package.Connections[Source].Properties[ConnectionString]"#, #"\package.connections[Source].properties[connectionstring]"#,
        #"\Package.Connections[Source].ConnectionString"#, #"\Package.Connections[source].ConnectionString"#,
    ])
    func setsAConnectionStringInEverySpelling(_ path: String) throws {
        #expect(try applying(path, "/data/b.csv").0.connection(named: "Source")?.connectionString == "/data/b.csv")
    }

    @Test func typesAConnectionPropertyByItsKind() throws {
        #expect(try applying(#"\Package.Connections[Warehouse].Properties[Port]"#, "5433").0.connection(named: "Warehouse")?.properties["port"] == .int(5433))
        let error = try failure(#"\Package.Connections[Warehouse].Properties[port]"#, "fivefour")
        #expect(error.message == .setValueNotConvertible)
        let unknown = try failure(#"\Package.Connections[Warehouse].Properties[hots]"#)
        #expect(unknown.text.contains(#"did you mean "host"?"#), "\(unknown.text)")
        let missing = try failure(#"\Package.Connections[Warehose].Properties[port]"#)
        #expect(missing.text.contains(#"did you mean "Warehouse"?"#), "\(missing.text)")
    }

    @Test func leavesEverythingUnchangedWhenItFails() throws {
        var package = Self.sample()
        var project: [Parameter]? = [Parameter("P", type: .i4)]
        let before = (package, project)
        #expect(throws: SluiceError.self) {
            try PropertyPath.apply(#"\Package.Variables[$Project::P]"#, value: "x", to: &package, projectParameters: &project)
        }
        #expect(package == before.0 && project == before.1)
    }

    @Test(arguments: [
        #"\Package.Variables[User::Limit].Value.Extra"#, #"\Package.Properties[Disable].Value"#, #"\Package.Things[X]"#,
        #"\Package..Disable"#, #"\Package.Variables[a]]"#, #"\Package.[x]"#,
    ])
    func rejectsMalformedPaths(_ path: String) throws {
        #expect(try failure(path).message == .propertyPathInvalid)
    }
}
