import Foundation
import Testing
import SluiceCore

/// A fresh temporary directory, removed when the test's `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-core-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// The error `PackageFile.decode` throws for `text`, or nil when it loads.
func decodeError(_ text: String) -> SluiceError? {
    do {
        _ = try PackageFile.decode(Array(text.utf8))
        return nil
    } catch {
        return error as? SluiceError
    }
}

/// A valid package file around `body`, the text of the `package` object's members.
private func file(_ body: String) -> String {
    #"{"format": "sluice.package", "formatVersion": 1, "package": {"name": "P"\#(body.isEmpty ? "" : ", " + body)}}"#
}

@Suite struct PackageFileRoundTripTests {
    @Test func aPackageBuiltInSwiftReadsBackEqual() throws {
        let text = PackageFile.encode(SamplePackages.everyFeature())
        let decoded = try PackageFile.decode(Array(text.utf8))
        #expect(decoded == SamplePackages.everyFeatureAfterReload())
        #expect(PackageFile.encode(decoded) == text)
    }

    @Test func readsBackEveryPartOfTheFullSample() throws {
        let decoded = try PackageFile.decode(Array(PackageFile.encode(SamplePackages.everyFeature()).utf8))
        let expected = SamplePackages.everyFeatureAfterReload()
        // Compared part by part too, so that a difference is easy to find.
        #expect(decoded.name == expected.name)
        #expect(decoded.id == expected.id)
        #expect(decoded.description == expected.description)
        #expect(decoded.maxConcurrentExecutables == 4)
        #expect(decoded.variables == expected.variables)
        #expect(decoded.parameters == expected.parameters)
        #expect(decoded.connections == expected.connections)
        #expect(decoded.executables == expected.executables)
        #expect(decoded.constraints == expected.constraints)
        #expect(decoded.eventHandlers == expected.eventHandlers)
        #expect(decoded.root.propertyExpressions == expected.root.propertyExpressions)
        #expect(decoded.executableCount == expected.executableCount)
    }

    @Test func neverWritesASensitiveParametersValue() throws {
        let text = PackageFile.encode(SamplePackages.everyFeature())
        #expect(!text.contains("s3cret"))
        let decoded = try PackageFile.decode(Array(text.utf8))
        let password = try #require(decoded.parameter(named: "Password"))
        #expect(password.sensitive)
        #expect(password.value == .null)
        #expect(decoded.parameter(named: "Region")?.value == .string("emea"))
    }

    @Test func writesEachValueInItsJSONForm() throws {
        let json = try JSONParser.parse(Array(PackageFile.encode(SamplePackages.everyFeature()).utf8))
        let variables = try #require(json.objectValue?["package"]?.objectValue?["variables"]?.arrayValue)
        func value(_ name: String) -> JSONValue? {
            variables.first { $0.objectValue?["name"] == .string(name) }?.objectValue?["value"]
        }
        #expect(value("Count") == .int(42))
        #expect(value("Huge") == .string("18446744073709551615"))
        #expect(value("Ratio") == .double(2.5))
        #expect(value("Whole") == .double(3))
        #expect(value("Price") == .string("12345.6789"))
        #expect(value("Flag") == .bool(true))
        #expect(value("When") == .string("2026-09-21T14:13:20.250Z"))
        #expect(value("Day") == .string("2026-11-25T00:00:00Z"))
        #expect(value("Key") == .string("{C40F9E72-34CF-4B31-A101-AC11C544DFC2}"))
        #expect(value("Blob") == .string("0xDEADBEEF00"))
        #expect(value("Nothing") == .null)
        #expect(value("Rows") == .null)
    }

    @Test func leavesDefaultsOutAndKeepsTheAuthorsPropertyOrder() throws {
        var package = Package(name: "Minimal", id: SamplePackages.uuid("1375042B-61A5-4327-A765-8332D29845C3"))
        package.executables = [.task("T", component: "c", properties: [("b", 1), ("a", 2)])]
        package.executables[0].id = SamplePackages.uuid("99F20C51-9CE1-4750-AEC8-31C0A9316BA5")
        #expect(PackageFile.encode(package) == """
            {
              "format": "sluice.package",
              "formatVersion": 1,
              "package": {
                "name": "Minimal",
                "id": "1375042B-61A5-4327-A765-8332D29845C3",
                "executables": [
                  {
                    "name": "T",
                    "id": "99F20C51-9CE1-4750-AEC8-31C0A9316BA5",
                    "type": "task",
                    "component": "c",
                    "properties": {
                      "b": 1,
                      "a": 2
                    }
                  }
                ]
              }
            }

            """)
        let decoded = try PackageFile.decode(Array(PackageFile.encode(package).utf8))
        #expect(decoded == package)
        #expect(decoded.executables[0].properties.keys == ["b", "a"])
    }

    @Test func writesPropertyExpressionsSortedByName() throws {
        var package = Package(name: "P")
        package.root.propertyExpressions = ["zeta": "1", "alpha": "2", "mid": "3"]
        let json = try JSONParser.parse(Array(PackageFile.encode(package).utf8))
        #expect(json.objectValue?["package"]?.objectValue?["propertyExpressions"]?.objectValue?.keys == ["alpha", "mid", "zeta"])
    }

    @Test func savesAndLoadsAFile() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("every.sluice.json").path
            try PackageFile.save(SamplePackages.everyFeature(), to: path)
            #expect(try PackageFile.load(from: path) == SamplePackages.everyFeatureAfterReload())
            #expect(try String(contentsOfFile: path, encoding: .utf8) == PackageFile.encode(SamplePackages.everyFeature()))
        }
    }

    @Test(arguments: RepositoryFiles.exampleNames)
    func loadingThenSavingAnExampleGivesTheSameBytes(_ name: String) throws {
        let url = RepositoryFiles.example(name)
        let package = try PackageFile.load(from: url.path)
        #expect(PackageFile.encode(package) == (try RepositoryFiles.text(url)))
        try withTemporaryDirectory { dir in
            let copy = dir.appendingPathComponent(name)
            try PackageFile.save(package, to: copy.path)
            #expect(try RepositoryFiles.bytes(copy) == (try RepositoryFiles.bytes(url)))
        }
    }

    @Test func theExamplesHaveWhatTheyPromise() throws {
        #expect(RepositoryFiles.exampleNames.contains("hello.sluice.json"))
        #expect(RepositoryFiles.exampleNames.contains("branches.sluice.json"))

        let hello = try PackageFile.load(from: RepositoryFiles.example("hello.sluice.json").path)
        #expect(!hello.variables.isEmpty)
        #expect(hello.executables.contains { $0.isContainer })
        #expect(hello.executables.filter { $0.componentID == "sluice.setVariable" }.count >= 2)
        #expect(hello.constraints.contains { c in
            hello.executables.first { $0.name == c.from }?.componentID != nil
                && hello.executables.first { $0.name == c.to }?.componentID != nil
        })
        for task in hello.executables where !task.isContainer {
            #expect(Set(task.properties.keys) == ["value", "variable"])
        }

        let branches = try PackageFile.load(from: RepositoryFiles.example("branches.sluice.json").path)
        #expect(branches.connections.contains { $0.kind == "sluice.sqlite" })
        #expect(!branches.parameters.isEmpty)
        #expect(branches.constraints.contains { !$0.logicalAnd })
        #expect(branches.constraints.contains { $0.value == .failure })
        #expect(branches.eventHandlers.contains { $0.event == .error })
        let starts = Dictionary(grouping: branches.constraints, by: \.from)
        #expect(starts.values.contains { $0.count >= 2 }, "parallel branches leave one executable")
    }

    @Test func acceptsHandWrittenFilesWithoutIdsOrDefaults() throws {
        let package = try PackageFile.decode(Array(file(#"""
            "executables": [{"name": "T", "type": "task", "component": "c"}],
            "variables": [{"name": "X"}],
            "eventHandlers": [{}]
            """#).utf8))
        #expect(package.executables[0].maximumErrorCount == 1)
        #expect(package.variables[0].namespace == "User")
        #expect(package.variables[0].type == .wstr)
        #expect(package.variables[0].value == .null)
        #expect(package.eventHandlers[0].event == .error)
        #expect(package.eventHandlers[0].container.name == "OnError")
    }

    @Test func readsNullAsAnAbsentField() throws {
        let package = try PackageFile.decode(Array(file(#""description": null, "disabled": null, "id": null, "variables": null"#).utf8))
        #expect(package.description == "")
        #expect(!package.root.disabled)
        #expect(package.variables.isEmpty)
    }

    @Test func readsIdsWithBracesAndInLowerCase() throws {
        let package = try PackageFile.decode(Array(file(#""id": "{e621e1f8-c36c-495a-93fc-0c247a3e6e5f}""#).utf8))
        #expect(package.id == SamplePackages.uuid("E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
    }
}

@Suite struct PackageFileErrorTests {
    @Test func reportsAMissingFile() throws {
        let path = "/nonexistent-\(UUID().uuidString)/missing.sluice.json"
        let error = try #require(throws: SluiceError.self) { try PackageFile.load(from: path) }
        #expect(error.message == .packageNotFound)
        #expect(error.name == "SLUICE_E_PACKAGE_NOT_FOUND")
        #expect(error.text == "Package file \"\(path)\" was not found.")
    }

    @Test func reportsAFileThatCannotBeRead() throws {
        try withTemporaryDirectory { dir in
            let error = try #require(throws: SluiceError.self) { try PackageFile.load(from: dir.path) }
            #expect(error.message == .packageUnreadable)
        }
    }

    @Test func reportsAFileThatCannotBeWritten() throws {
        let path = "/nonexistent-\(UUID().uuidString)/out.sluice.json"
        let error = try #require(throws: SluiceError.self) { try PackageFile.save(Package(name: "P"), to: path) }
        #expect(error.message == .packageUnwritable)
        #expect(error.inserts["path"] == path)
    }

    @Test func reportsMalformedJSONWithItsPosition() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("bad.sluice.json").path
            try Data("{\n  \"format\": \"sluice.package\",\n  \"formatVersion\": 1\n  \"package\": {}\n}\n".utf8)
                .write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: SluiceError.self) { try PackageFile.load(from: path) }
            #expect(error.message == .jsonMalformed)
            #expect(error.name == "SLUICE_E_JSON_MALFORMED")
            #expect(error.inserts["line"] == "4")
            #expect(error.inserts["column"] == "3")
        }
    }

    @Test(arguments: [
        (#"{"format": "ssis.dtsx", "formatVersion": 1, "package": {"name": "P"}}"#, "\"ssis.dtsx\""),
        (#"{"formatVersion": 1, "package": {"name": "P"}}"#, "missing"),
        (#"{"format": 1, "formatVersion": 1, "package": {"name": "P"}}"#, "1"),
        (#"[1, 2]"#, "a document that is an array"),
        (#""sluice.package""#, "a document that is a string"),
    ])
    func refusesADocumentThatIsNotASluicePackage(_ text: String, _ found: String) throws {
        let error = try #require(decodeError(text))
        #expect(error.message == .formatUnknown)
        #expect(error.name == "SLUICE_E_FORMAT_UNKNOWN")
        #expect(error.text == "Not a Sluice package: the \"format\" field is \(found); expected \"sluice.package\".")
    }

    @Test func refusesAnUnknownFormatVersion() throws {
        let error = try #require(decodeError(#"{"format": "sluice.package", "formatVersion": 2, "package": {"name": "P"}}"#))
        #expect(error.message == .formatVersionUnsupported)
        #expect(error.name == "SLUICE_E_FORMAT_VERSION_UNSUPPORTED")
        #expect(error.text == "Package format version 2 is not supported; this Sluice reads format version 1.")
        #expect(decodeError(#"{"format": "sluice.package", "package": {"name": "P"}}"#)?.inserts["found"] == "missing")
        #expect(decodeError(#"{"format": "sluice.package", "formatVersion": "1", "package": {"name": "P"}}"#)?.message
            == .formatVersionUnsupported)
    }

    @Test(arguments: [
        (file(#""dissabled": true"#), "package.dissabled"),
        (file(#""executables": [{"name": "T", "type": "task", "component": "c", "colour": "red"}]"#), "package.executables[0].colour"),
        (file(#"""
            "executables": [{"name": "S", "type": "sequence",
                             "executables": [{"name": "T", "type": "task", "component": "c", "Disabled": true}]}]
            """#),
         "package.executables[0].executables[0].Disabled"),
        (file(#""variables": [{"name": "X", "scope": "here"}]"#), "package.variables[0].scope"),
        (file(#""constraints": [{"from": "A", "to": "B", "Value": "Success"}]"#), "package.constraints[0].Value"),
        (file(#""eventHandlers": [{"event": "OnError", "name": "H"}]"#), "package.eventHandlers[0].name"),
        (file(#""connections": [{"name": "C", "kind": "k", "connectionString": "", "password": "x"}]"#),
         "package.connections[0].password"),
        (file(#""parameters": [{"name": "P", "secret": true}]"#), "package.parameters[0].secret"),
        (#"{"format": "sluice.package", "formatVersion": 1, "package": {"name": "P"}, "extra": 1}"#, "$.extra"),
    ])
    func refusesAnUnknownFieldAndSaysWhereItIs(_ text: String, _ location: String) throws {
        let error = try #require(decodeError(text))
        #expect(error.message == .packageFieldInvalid)
        #expect(error.name == "SLUICE_E_PACKAGE_FIELD_INVALID")
        #expect(error.text == "Invalid package at \(location): unknown field")
    }

    @Test func refusesAVariableValueThatDoesNotFitItsType() throws {
        let error = try #require(decodeError(file(#""variables": [{"name": "A"}, {"name": "N", "type": "DT_I4", "value": "abc"}]"#)))
        #expect(error.message == .packageFieldInvalid)
        #expect(error.text == "Invalid package at package.variables[1].value: Cannot convert \"abc\" to DT_I4: not an integer")
    }

    @Test(arguments: [
        (#"{"name": "N", "type": "DT_I1", "value": 300}"#, "out of range"),
        (#"{"name": "N", "type": "DT_I4", "value": 1.5}"#, "Cannot convert 1.5 to DT_I4: not an integer"),
        (#"{"name": "N", "type": "DT_I4", "value": true}"#, "wrong JSON type"),
        (#"{"name": "N", "type": "DT_WSTR", "value": false}"#, "wrong JSON type"),
        (#"{"name": "N", "type": "DT_DBDATE", "value": 5}"#, "no conversion to DT_DBDATE"),
        (#"{"name": "N", "type": "DT_DBDATE", "value": "soon"}"#, "expected an ISO 8601 date"),
        (#"{"name": "N", "type": "DT_GUID", "value": "nope"}"#, "not a GUID"),
        (#"{"name": "N", "type": "DT_BYTES", "value": "0xABC"}"#, "hex digits must come in pairs"),
        (#"{"name": "N", "type": "DT_BOOL", "value": "perhaps"}"#, "expected True or False"),
        (#"{"name": "N", "type": "DT_UI4", "value": -1}"#, "out of range"),
        (#"{"name": "N", "type": "DT_OBJECT", "value": "x"}"#, "objects cannot be written as text"),
        (#"{"name": "N", "type": "DT_WSTR", "value": [1]}"#, "wrong JSON type"),
    ])
    func refusesValuesOfTheWrongKind(_ variable: String, _ reason: String) throws {
        let error = try #require(decodeError(file(#""variables": [\#(variable)]"#)))
        #expect(error.message == .packageFieldInvalid)
        #expect(error.text.hasPrefix("Invalid package at package.variables[0].value: "))
        #expect(error.text.contains(reason), "\(error.text)")
    }

    @Test func refusesAParameterValueThatDoesNotFitItsType() throws {
        let error = try #require(decodeError(file(#""parameters": [{"name": "P", "type": "DT_I2", "value": 70000}]"#)))
        #expect(error.text.hasPrefix("Invalid package at package.parameters[0].value: "))
    }

    @Test(arguments: [
        (file(#""disabled": "yes""#), "package.disabled", "expected true or false, found a string"),
        (file(#""maximumErrorCount": 1.5"#), "package.maximumErrorCount", "expected an integer, found a number"),
        (file(#""variables": {}"#), "package.variables", "expected an array, found an object"),
        (file(#""executables": [3]"#), "package.executables[0]", "expected an object, found a number"),
        (file(#""executables": [{"name": "T", "type": "task"}]"#), "package.executables[0].component", "missing required field"),
        (file(#""executables": [{"type": "sequence"}]"#), "package.executables[0].name", "missing required field"),
        (file(#""executables": [{"name": "T", "type": "container"}]"#), "package.executables[0].type",
         #""container" is not one of "task", "sequence""#),
        (file(#""executables": [{"name": "S", "type": "sequence", "properties": {"a": 1}}]"#), "package.executables[0].properties",
         "only tasks have properties"),
        (file(#""executables": [{"name": "T", "type": "task", "component": "c", "executables": [{"name": "U", "type": "sequence"}]}]"#),
         "package.executables[0].executables", "a task cannot contain executables"),
        (file(#""constraints": [{"from": "A", "to": "B", "value": "Sucess"}]"#), "package.constraints[0].value",
         #""Sucess" is not one of "Success", "Failure", "Completion""#),
        (file(#""forceExecutionResult": "Maybe""#), "package.forceExecutionResult", #""Maybe" is not one of "None""#),
        (file(#""propertyExpressions": {"a": 1}"#), "package.propertyExpressions.a", "expected an expression string"),
        (file(#""id": "not-a-guid""#), "package.id", #""not-a-guid" is not a UUID"#),
        (#"{"format": "sluice.package", "formatVersion": 1}"#, "$.package", "missing required field"),
        (#"{"format": "sluice.package", "formatVersion": 1, "package": {}}"#, "package.name", "missing required field"),
        (#"{"format": "sluice.package", "formatVersion": 1, "package": []}"#, "package", "expected an object, found an array"),
    ])
    func explainsAnInvalidFieldAndItsLocation(_ text: String, _ location: String, _ reason: String) throws {
        let error = try #require(decodeError(text))
        #expect(error.message == .packageFieldInvalid)
        #expect(error.inserts["location"] == location)
        #expect(error.inserts["reason"]?.hasPrefix(reason) == true, "\(error.text)")
    }
}

/// Values in a package file keep exactly the meaning written, or the file is refused with
/// `SLUICE_E_PACKAGE_FIELD_INVALID` naming the field, the value and the type.
@Suite struct PackageValueTests {
    /// One variable of `type` whose value is the JSON `literal`, in a package file.
    private func variableFile(_ type: String, _ literal: String) -> String {
        file(#""variables": [{"name": "V", "type": "\#(type)", "value": \#(literal)}]"#)
    }

    private func loadedValue(_ type: String, _ literal: String) throws -> Value {
        try #require(try PackageFile.decode(Array(variableFile(type, literal).utf8)).variables.first).value
    }

    @Test func savesEveryValueBackAsItWasWritten() throws {
        let values = [
            ("DT_NUMERIC", #""12345678901234567890.123456789012345678""#), ("DT_DECIMAL", #""0.1""#),
            ("DT_CY", #""-922337203685477.5808""#), ("DT_R4", "0.1"), ("DT_R4", "3.4028235e+38"), ("DT_R8", "-0.0"),
            ("DT_R8", "0.30000000000000004"), ("DT_R8", "1e+300"), ("DT_R8", "2.5"), ("DT_UI8", #""18446744073709551615""#),
            ("DT_I8", "-9223372036854775808"), ("DT_DBTIMESTAMPOFFSET", #""2026-11-25T10:00:00+05:30""#),
            ("DT_DBTIMESTAMPOFFSET", #""2026-11-25T10:00:00-00:30""#), ("DT_DBTIMESTAMP2", #""2026-11-25T10:00:00.123456Z""#),
            ("DT_DBTIMESTAMP", #""2024-02-29T23:59:59.999Z""#), ("DT_DBDATE", #""2000-02-29T00:00:00Z""#),
            ("DT_WSTR", #""123456789012345678901234567890""#),
        ]
        let variables = values.enumerated().map { i, v in
            "      {\n        \"namespace\": \"User\",\n        \"name\": \"V\(i)\",\n        \"type\": \"\(v.0)\",\n        \"value\": \(v.1)\n      }"
        }
        let text = """
            {
              "format": "sluice.package",
              "formatVersion": 1,
              "package": {
                "name": "Exact",
                "id": "ABB5ED7F-3B2C-4500-B5DB-463DE6F0E17F",
                "variables": [
            \(variables.joined(separator: ",\n"))
                ]
              }
            }

            """
        let package = try PackageFile.decode(Array(text.utf8))
        #expect(PackageFile.encode(package) == text)
    }

    @Test(arguments: [
        ("DT_WSTR", "123456789012345678901234567890", Value.string("123456789012345678901234567890")),
        ("DT_WSTR", "1.50", .string("1.50")),
        ("DT_WSTR", "-0", .string("-0")),
        ("DT_DECIMAL", "0.1", .decimal(Decimal(string: "0.1")!)),
        ("DT_NUMERIC", "123456789012345678901234567890.12345678", .decimal(Decimal(string: "123456789012345678901234567890.12345678")!)),
        ("DT_NUMERIC", "1.5e3", .decimal(1500)),
        ("DT_CY", "12.3400", .decimal(Decimal(string: "12.34")!)),
        ("DT_I4", "1e3", .int(1000)),
        ("DT_I4", "7.0", .int(7)),
        ("DT_UI8", "18446744073709551615", .uint(UInt64.max)),
        ("DT_UI4", "-0", .uint(0)),
        ("DT_BOOL", "1", .bool(true)),
        ("DT_R4", "3.4028235e38", .real(Double(Float.greatestFiniteMagnitude))),
    ])
    func readsJSONNumbersExactlyForTheirType(_ type: String, _ literal: String, _ expected: Value) throws {
        #expect(try loadedValue(type, literal) == expected)
    }

    @Test func keepsTheSignOfANegativeZeroReal() throws {
        guard case .real(let d) = try loadedValue("DT_R8", "-0") else {
            Issue.record("not a real")
            return
        }
        #expect(d == 0 && d.sign == .minus)
    }

    @Test(arguments: [
        ("DT_R4", "1e39", "Cannot convert 1e39 to DT_R4: out of range for DT_R4"),
        ("DT_R8", "1e-400", "Cannot convert 1e-400 to DT_R8: too small for DT_R8"),
        ("DT_R4", #""NaN""#, "Cannot convert \"NaN\" to DT_R4: not a number"),
        ("DT_I8", "1.5", "Cannot convert 1.5 to DT_I8: not an integer"),
        ("DT_I8", "1e19", "Cannot convert 1e19 to DT_I8: out of range"),
        ("DT_I8", "9223372036854775808", "Cannot convert 9223372036854775808 to DT_I8: out of range"),
        ("DT_I1", "128", "Cannot convert 128 to DT_I1: out of range"),
        ("DT_I1", "-129", "Cannot convert -129 to DT_I1: out of range"),
        ("DT_I2", "32768", "Cannot convert 32768 to DT_I2: out of range"),
        ("DT_I4", "2147483648", "Cannot convert 2147483648 to DT_I4: out of range"),
        ("DT_UI1", "256", "Cannot convert 256 to DT_UI1: out of range"),
        ("DT_UI2", "65536", "Cannot convert 65536 to DT_UI2: out of range"),
        ("DT_UI4", "4294967296", "Cannot convert 4294967296 to DT_UI4: out of range"),
        ("DT_UI8", "-1", "Cannot convert -1 to DT_UI8: out of range"),
        ("DT_UI8", "18446744073709551616", "Cannot convert 18446744073709551616 to DT_UI8: out of range"),
        ("DT_CY", "1.23456", "Cannot convert 1.23456 to DT_CY: more than 4 digits after the point"),
        ("DT_CY", "1000000000000000", "Cannot convert 1000000000000000 to DT_CY: out of range for DT_CY"),
        ("DT_NUMERIC", "1234567890123456789012345678901234567890", "Cannot convert 1234567890123456789012345678901234567890 to DT_NUMERIC: more than 38 digits"),
        ("DT_DECIMAL", #""79228162514264337593543950336""#, "to DT_DECIMAL: out of range for DT_DECIMAL"),
        ("DT_BOOL", "0.5", "Cannot convert 0.5 to DT_BOOL: not an integer"),
        ("DT_DBDATE", #""2026-02-30""#, "Cannot convert \"2026-02-30\" to DT_DBDATE: 2026-02 has no day 30"),
        ("DT_DBTIMESTAMP", #""2026-11-25T10:00:00+05:30""#, "to DT_DBTIMESTAMP: DT_DBTIMESTAMP holds no time zone"),
        ("DT_DBTIMESTAMP", #""2026-11-25T24:00:00""#, "is not a time of day"),
        ("DT_DBDATE", "20260101", "Cannot convert 20260101 to DT_DBDATE: a number has no conversion to DT_DBDATE"),
    ])
    func refusesAValueItsTypeCannotHoldAndSaysWhere(_ type: String, _ literal: String, _ expected: String) throws {
        let error = try #require(decodeError(variableFile(type, literal)))
        #expect(error.message == .packageFieldInvalid)
        #expect(error.inserts["location"] == "package.variables[0].value")
        #expect(error.text.hasPrefix("Invalid package at package.variables[0].value: "))
        #expect(error.text.contains(expected), "\(error.text)")
    }

    @Test func refusesAParameterValueItsTypeCannotHold() throws {
        let error = try #require(decodeError(file(#""parameters": [{"name": "P", "type": "DT_R4", "value": 1e39}]"#)))
        #expect(error.text == "Invalid package at package.parameters[0].value: Cannot convert 1e39 to DT_R4: out of range for DT_R4")
    }

    @Test func keepsEveryDigitOfANumberInAStringProperty() throws {
        let text = file(#""executables": [{"name": "T", "type": "task", "component": "c", "properties": {"n": 123456789012345678901234567890, "x": 1.50}}]"#)
        let task = try #require(try PackageFile.decode(Array(text.utf8)).executables.first)
        #expect(PropertySpec.Kind.string.coerce(try #require(task.properties["n"])) == .string("123456789012345678901234567890"))
        #expect(PropertySpec.Kind.string.coerce(try #require(task.properties["x"])) == .string("1.50"))
        #expect(PropertySpec.Kind.real.coerce(try #require(task.properties["x"]))?.doubleValue == 1.5)
        #expect(PropertySpec.Kind.integer.coerce(try #require(task.properties["x"])) == nil)
        #expect(PackageFile.encode(try PackageFile.decode(Array(PackageFile.encode(try PackageFile.decode(Array(text.utf8))).utf8)))
            .contains(#""n": 123456789012345678901234567890"#))
    }
}

@Suite struct VariableNameFileTests {
    @Test func keepsANamespaceAndANameExactlyAsWritten() throws {
        let text = file(#""variables": [{"namespace": "[Odd", "name": "Name]", "type": "DT_I4", "value": 1}]"#)
        let v = try #require(try PackageFile.decode(Array(text.utf8)).variables.first)
        #expect(v.namespace == "[Odd")
        #expect(v.name == "Name]")
    }

    @Test(arguments: [
        (#"{"namespace": "A::B", "name": "C"}"#, "package.variables[0].namespace"),
        (#"{"name": "B::C"}"#, "package.variables[0].name"),
    ])
    func refusesADoubleColonInsideANamespaceOrAName(_ variable: String, _ location: String) throws {
        let error = try #require(decodeError(file(#""variables": [\#(variable)]"#)))
        #expect(error.inserts["location"] == location)
        #expect(error.text.contains("separates a namespace from a name"))
    }
}
