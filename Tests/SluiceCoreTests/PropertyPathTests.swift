import Foundation
import Testing
import SluiceCore

@Suite struct PropertyPathTests {
    /// Package
    ///   variables: User::Limit (DT_I4), User::Name (DT_WSTR), Custom::Limit (DT_I8), User::When (DT_DBDATE)
    ///   parameters: Region (DT_WSTR), Retries (DT_I4)
    ///   connections: Source
    ///   Load (sequence, with User::Batch)
    ///     Copy (task)
    ///     Inner (sequence)
    ///       Deep (task)
    ///   Finish (task)
    static func sample() -> Package {
        var package = Package(name: "Nightly")
        package.variables = [
            Variable("User::Limit", type: .i4, value: .int(1)),
            Variable("User::Name", type: .wstr, value: .string("")),
            Variable("Custom::Limit", type: .i8, value: .int(0)),
            Variable("User::When", type: .dbDate),
        ]
        package.parameters = [Parameter("Region", type: .wstr), Parameter("Retries", type: .i4, value: .int(3))]
        package.connections = [ConnectionManager("Source", kind: "sluice.file", connectionString: "/in.csv")]
        var load = Executable("Load", kind: .sequence)
        load.variables = [Variable("User::Batch", type: .i2, value: .int(0))]
        var inner = Executable("Inner", kind: .sequence)
        inner.executables = [.task("Deep", component: "sluice.setVariable")]
        load.executables = [.task("Copy", component: "sluice.fileSystem", properties: [("source", "/a")]), inner]
        package.executables = [load, .task("Finish", component: "sluice.setVariable")]
        return package
    }

    private func applying(_ path: String, _ value: String) throws -> Package {
        var package = Self.sample()
        try PropertyPath.apply(path, value: value, to: &package)
        return package
    }

    private func failure(_ path: String, _ value: String = "1") -> SluiceError? {
        var package = Self.sample()
        do {
            try PropertyPath.apply(path, value: value, to: &package)
            return nil
        } catch {
            return error as? SluiceError
        }
    }

    // MARK: Variables

    @Test func setsAPackageVariableConvertingToItsType() throws {
        let package = try applying(#"\Package.Variables[User::Limit].Value"#, "10")
        #expect(package.variables[0].value == .int(10))
        #expect(package.variables[2].value == .int(0), "Custom::Limit is another variable")
    }

    @Test func findsAVariableByBareNameOrByBracketedName() throws {
        #expect(try applying(#"\Package.Variables[Name].Value"#, "Ada").variables[1].value == .string("Ada"))
        #expect(try applying(#"\Package.Variables[Custom::Limit].Value"#, "-5").variables[2].value == .int(-5))
        let when = try applying(#"\Package.Variables[User::When].Value"#, "2026-11-25").variables[3].value
        #expect(when == .date(Date(timeIntervalSince1970: 1_795_564_800)))
    }

    @Test func setsAVariableOfANestedContainer() throws {
        let package = try applying(#"\Package\Load.Variables[User::Batch].Value"#, "7")
        #expect(package.executables[0].variables[0].value == .int(7))
    }

    @Test func rejectsTextThatDoesNotConvertToTheVariablesType() throws {
        let error = try #require(failure(#"\Package.Variables[User::Limit].Value"#, "abc"))
        #expect(error.message == .setValueNotConvertible)
        #expect(error.name == "SLUICE_E_SET_VALUE_NOT_CONVERTIBLE")
        #expect(error.text == #"Property path "\Package.Variables[User::Limit].Value": "abc" does not convert to DT_I4: not an integer"#)
        #expect(failure(#"\Package\Load.Variables[User::Batch].Value"#, "40000")?.message == .setValueNotConvertible)
    }

    @Test func reportsAVariableTheContainerDoesNotDeclare() throws {
        let error = try #require(failure(#"\Package.Variables[User::Missing].Value"#))
        #expect(error.message == .propertyPathNotFound)
        #expect(error.text.contains("declares no variable \"User::Missing\""))
        // User::Batch is declared by Load, not by the package.
        #expect(failure(#"\Package.Variables[User::Batch].Value"#)?.message == .propertyPathNotFound)
    }

    @Test func refusesToSetASystemVariable() throws {
        let error = try #require(failure(#"\Package.Variables[System::PackageName].Value"#, "Other"))
        #expect(error.message == .variableReadOnly)
        #expect(error.text == "Variable \"System::PackageName\" is read-only.")
        #expect(failure(#"\Package\Load.Variables[System::StartTime].Value"#)?.message == .variableReadOnly)
    }

    @Test func refusesToSetADeclaredSystemVariable() throws {
        var package = Self.sample()
        package.variables.append(Variable("System::Odd", type: .wstr))
        #expect(throws: SluiceError.self) {
            try PropertyPath.apply(#"\Package.Variables[System::Odd].Value"#, value: "x", to: &package)
        }
        #expect(package.variables.last?.value == .null)
    }

    @Test func refusesToSetAReadOnlyVariable() throws {
        var package = Self.sample()
        package.executables[0].variables.append(Variable("User::Fixed", type: .i4, value: .int(1), readOnly: true))
        let error = try #require(throws: SluiceError.self) {
            try PropertyPath.apply(#"\Package\Load.Variables[User::Fixed].Value"#, value: "2", to: &package)
        }
        #expect(error.message == .variableReadOnly)
        #expect(package.executables[0].variables.last?.value == .int(1))
    }

    // MARK: Task properties

    @Test func setsATaskPropertyInANestedContainer() throws {
        let package = try applying(#"\Package\Load\Copy.Properties[source]"#, "/data/in.csv")
        #expect(package.executables[0].executables[0].properties["source"] == .string("/data/in.csv"))
        let deeper = try applying(#"\Package\Load\Inner\Deep.Properties[value]"#, "42")
        #expect(deeper.executables[0].executables[1].executables[0].properties["value"] == .string("42"))
    }

    @Test func keepsDotsAndBackslashesInsideBrackets() throws {
        let package = try applying(#"\Package\Finish.Properties[file.name]"#, #"C:\temp\x.csv"#)
        #expect(package.executables[1].properties["file.name"] == .string(#"C:\temp\x.csv"#))
    }

    @Test func containersHaveNoTaskProperties() throws {
        let error = try #require(failure(#"\Package\Load.Properties[source]"#))
        #expect(error.message == .propertyPathNotFound)
        #expect(error.text.contains("\"Load\" is a container"))
    }

    // MARK: Connections and parameters

    @Test func setsAConnectionString() throws {
        let package = try applying(#"\Package.Connections[Source].ConnectionString"#, "/data/other.csv")
        #expect(package.connection(named: "Source")?.connectionString == "/data/other.csv")
        #expect(failure(#"\Package.Connections[Nope].ConnectionString"#)?.message == .propertyPathNotFound)
        #expect(failure(#"\Package.Connections[Source]"#)?.message == .propertyPathInvalid)
    }

    @Test func setsAParameterConvertingToItsType() throws {
        #expect(try applying(#"\Package.Parameters[Region].Value"#, "emea").parameter(named: "Region")?.value == .string("emea"))
        #expect(try applying(#"\Package.Parameters[Retries].Value"#, "5").parameter(named: "Retries")?.value == .int(5))
        #expect(failure(#"\Package.Parameters[Retries].Value"#, "many")?.message == .setValueNotConvertible)
        #expect(failure(#"\Package.Parameters[Nope].Value"#)?.message == .propertyPathNotFound)
        #expect(failure(#"\Package.Parameters[Region]"#)?.message == .propertyPathInvalid)
    }

    // MARK: Executable properties

    @Test func setsDisableFromTrueFalseOrNumbers() throws {
        #expect(try applying(#"\Package\Load\Copy.Disable"#, "True").executables[0].executables[0].disabled)
        #expect(try applying(#"\Package\Finish.Disable"#, "-1").executables[1].disabled)
        #expect(try applying(#"\Package.Disable"#, "1").root.disabled)
        #expect(try !applying(#"\Package\Finish.Disable"#, "false").executables[1].disabled)
        #expect(failure(#"\Package\Finish.Disable"#, "sometimes")?.message == .setValueNotConvertible)
    }

    @Test func setsTheOtherBooleanProperties() throws {
        let a = try applying(#"\Package\Load.DelayValidation"#, "true")
        #expect(a.executables[0].delayValidation)
        let b = try applying(#"\Package\Load.FailPackageOnFailure"#, "TRUE")
        #expect(b.executables[0].failPackageOnFailure)
        let c = try applying(#"\Package\Load.FailParentOnFailure"#, "1")
        #expect(c.executables[0].failParentOnFailure)
    }

    @Test func setsMaximumErrorCount() throws {
        #expect(try applying(#"\Package\Load\Inner.MaximumErrorCount"#, "5").executables[0].executables[1].maximumErrorCount == 5)
        #expect(try applying(#"\Package.MaximumErrorCount"#, "0").root.maximumErrorCount == 0)
        #expect(failure(#"\Package.MaximumErrorCount"#, "lots")?.message == .setValueNotConvertible)
    }

    @Test func setsForceExecutionResult() throws {
        #expect(try applying(#"\Package\Finish.ForceExecutionResult"#, "Failure").executables[1].forceExecutionResult == .failure)
        #expect(try applying(#"\Package.ForceExecutionResult"#, "Completion").root.forceExecutionResult == .completion)
        let error = try #require(failure(#"\Package\Finish.ForceExecutionResult"#, "Broken"))
        #expect(error.message == .setValueNotConvertible)
        #expect(error.text.contains("None, Success, Failure or Completion"))
    }

    @Test func setsTheDescriptionAndMaxConcurrentExecutables() throws {
        #expect(try applying(#"\Package\Load.Description"#, "Loads things").executables[0].description == "Loads things")
        #expect(try applying(#"\Package.MaxConcurrentExecutables"#, "8").maxConcurrentExecutables == 8)
        #expect(failure(#"\Package.MaxConcurrentExecutables"#, "eight")?.message == .setValueNotConvertible)
        #expect(failure(#"\Package.MaxConcurrentExecutables"#, "0")?.message == .setValueNotConvertible)
    }

    // MARK: Malformed paths

    @Test(arguments: [
        #"Package.Variables[User::Limit].Value"#, #"\Pkg.Variables[User::Limit].Value"#,
        #"\PackageX.Disable"#, #"/Package.Disable"#,
    ])
    func requiresTheBackslashPackagePrefix(_ path: String) throws {
        let error = try #require(failure(path))
        #expect(error.message == .propertyPathInvalid)
        #expect(error.name == "SLUICE_E_PROPERTY_PATH_INVALID")
        #expect(error.text.contains("it must start with \\Package"))
    }

    @Test(arguments: [
        (#"\Package"#, "no property after the container path"),
        (#"\Package\Load"#, "no property after the container path"),
        (#"\Package\\Load.Disable"#, "empty executable name"),
        (#"\Package.Variables[User::Limit"#, "unbalanced brackets"),
        (#"\Package.Variables[User::Limit]Value"#, "expected '.' after ']'"),
        (#"\Package.Variables[User::Limit]"#, "use Variables[Namespace::Name].Value"),
        (#"\Package.Disable.Value"#, "unexpected '.Value' after Disable"),
    ])
    func explainsAMalformedPath(_ path: String, _ reason: String) throws {
        let error = try #require(failure(path))
        #expect(error.message == .propertyPathInvalid)
        #expect(error.text.contains(reason), "\(error.text)")
    }

    @Test func reportsAnUnknownContainer() throws {
        let error = try #require(failure(#"\Package\Nope\Copy.Disable"#, "true"))
        #expect(error.message == .propertyPathNotFound)
        #expect(error.text == #"""
            Property path "\Package\Nope\Copy.Disable" names nothing in the package: "Nightly" has no executable "Nope" (it has "Load", "Finish")
            """#)
        #expect(failure(#"\Package\Load\Nope.Disable"#)?.text.contains("\"Load\" has no executable \"Nope\"") == true)
    }

    @Test func reportsAnUnknownProperty() throws {
        var package = Self.sample()
        let specs: PropertyPath.PropertySpecs = { _ in [PropertySpec("variable", .string), PropertySpec("value", .string)] }
        let error = try #require(throws: SluiceError.self) {
            try PropertyPath.apply(#"\Package\Finish.Colour"#, value: "red", to: &package, propertySpecs: specs)
        }
        #expect(error.message == .propertyPathNotFound)
        #expect(error.text.contains(#""Finish" (sluice.setVariable) has no property "Colour""#), "\(error.text)")
    }

    @Test func leavesThePackageUnchangedWhenItFails() {
        var package = Self.sample()
        let before = package
        #expect(throws: SluiceError.self) {
            try PropertyPath.apply(#"\Package.Variables[User::Limit].Value"#, value: "x", to: &package)
        }
        #expect(package == before)
    }
}
