import Foundation
import SluiceCore
@testable import SluiceRuntime
import SluiceTestSupport
import Testing

/// The System variables as Microsoft's "System Variables" page defines them
/// (learn.microsoft.com/sql/integration-services/system-variables): each documented name with
/// its documented type (String → DT_WSTR, DateTime → DT_DATE, Int32 → DT_I4, Int64 → DT_I8,
/// Boolean → DT_BOOL), in the package's scope.
@Suite struct SystemVariableTests {
    private static let documentedPackageVariables: [(String, DataType)] = [
        ("CancelEvent", .i4), ("CreationDate", .date), ("CreatorComputerName", .wstr), ("CreatorName", .wstr),
        ("ExecutionInstanceGUID", .wstr), ("FailedConfigurations", .wstr), ("IgnoreConfigurationsOnLoad", .bool),
        ("InteractiveMode", .bool), ("LocaleID", .i4), ("MachineName", .wstr), ("OfflineMode", .bool),
        ("PackageID", .wstr), ("PackageName", .wstr), ("StartTime", .date), ("ServerExecutionID", .i8),
        ("UserName", .wstr), ("VersionBuild", .i4), ("VersionComment", .wstr), ("VersionGUID", .wstr),
        ("VersionMajor", .i4), ("VersionMinor", .i4),
    ]

    @Test func everyDocumentedPackageVariableHasItsDocumentedType() throws {
        let f = try RuntimeFixture()
        let result = f.run(Package(name: "Types"))
        for (name, type) in Self.documentedPackageVariables {
            let v = try #require(result.variables["System::\(name)"], "System::\(name) is missing")
            #expect(v.type == type, "System::\(name) is \(v.type.rawValue), SSIS types it \(type.rawValue)")
        }
    }

    @Test func idsAreUppercaseGuidsInBraces() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Ids")
        p.metadata.versionID = UUID(uuidString: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
        let result = f.run(p)
        #expect(result.variables["System::PackageID"]?.value == .string("{\(p.id.uuidString.uppercased())}"))
        #expect(result.variables["System::VersionGUID"]?.value == .string("{0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D}"))
        guard case .string(let run)? = result.variables["System::ExecutionInstanceGUID"]?.value else {
            Issue.record("ExecutionInstanceGUID is not a string")
            return
        }
        #expect(run.count == 38 && run.first == "{" && run.last == "}" && run == run.uppercased())
    }

    @Test func packageFileMetadataBecomesTheVersionAndCreatorVariables() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Meta")
        p.metadata.versionMajor = 3
        p.metadata.versionMinor = 7
        p.metadata.versionBuild = 42
        p.metadata.versionComment = "nightly"
        p.metadata.creatorName = "CORP\\etl"
        p.metadata.creatorComputerName = "BUILD01"
        p.metadata.creationDate = Date(timeIntervalSince1970: 1_700_000_000)
        let v = f.run(p).variables
        #expect(v["System::VersionMajor"]?.value == .int(3))
        #expect(v["System::VersionMinor"]?.value == .int(7))
        #expect(v["System::VersionBuild"]?.value == .int(42))
        #expect(v["System::VersionComment"]?.value == .string("nightly"))
        #expect(v["System::CreatorName"]?.value == .string("CORP\\etl"))
        #expect(v["System::CreatorComputerName"]?.value == .string("BUILD01"))
        #expect(v["System::CreationDate"]?.value == .date(Date(timeIntervalSince1970: 1_700_000_000)))
        #expect(v["System::LocaleID"]?.value == .int(1033))
        #expect(v["System::ServerExecutionID"]?.value == .int(0))
        #expect(v["System::InteractiveMode"]?.value == .bool(false))
    }

    @Test func errorCodesKeepSSISSeverityBits() {
        // SSIS reports HRESULTs: errors 0xC…, warnings 0x8…, information 0x4….
        #expect(SystemVariables.ssisErrorCode(kind: .error, code: 20004) == Int32(bitPattern: 0xC000_4E24))
        #expect(SystemVariables.ssisErrorCode(kind: .error, code: 20004) == -1_073_721_820)
        #expect(SystemVariables.ssisErrorCode(kind: .warning, code: 20004) == Int32(bitPattern: 0x8000_4E24))
        #expect(SystemVariables.ssisErrorCode(kind: .information, code: 20004) == 0x4000_4E24)
        #expect(SystemVariables.ssisErrorCode(kind: .error, code: 0) == 0)
        #expect(SystemVariables.ssisErrorCode(kind: .error, code: -1) == Int32(bitPattern: 0xC000_FFFF))
        #expect(SystemVariables.ssisErrorCode(kind: .error, code: .max) < 0)
    }

    @Test func variableIdsAreStableAndDistinct() {
        let a = SystemVariables.nameBasedID("\\Package|User::A")
        #expect(a == SystemVariables.nameBasedID("\\Package|User::A"))
        #expect(a != SystemVariables.nameBasedID("\\Package\\Seq|User::A"))
    }

    @Test func handlersHaveOnlyTheirEventsVariables() throws {
        // "Not all variables are available to all event handlers": PercentComplete is OnProgress's.
        let f = try RuntimeFixture()
        var p = Package(name: "H")
        p.variables = [Variable("User::P", type: .i4, value: .int(0))]
        var handler = EventHandler(.error)
        handler.container.executables = [
            .task("Read", component: "sluice.expression", properties: [("expression", "@[User::P] = @[System::PercentComplete]")])
        ]
        p.eventHandlers = [handler]
        let result = f.validate(p)
        #expect(result.result == .failure)
        #expect(result.errors.contains { $0.code == SluiceMessage.variableNotFound.code || $0.message.contains("PercentComplete") })
    }

    @Test func anOnProgressHandlerHasTheProgressVariables() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "P")
        p.variables = [Variable("User::P", type: .wstr, value: .string(""))]
        var handler = EventHandler(.progress)
        let text = #"@[User::P] = (DT_WSTR, 12) @[System::PercentComplete] + (DT_WSTR, 12) @[System::ProgressCountLow] + (DT_WSTR, 12) @[System::ProgressCountHigh] + @[System::ProgressDescription]"#
        handler.container.executables = [.task("Read", component: "sluice.expression", properties: [("expression", .string(text))])]
        p.eventHandlers = [handler]
        let result = f.validate(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
    }

    @Test func userNameComesFromTheAccountDatabase() throws {
        setenv("USER", "not-the-account", 1)
        defer { unsetenv("USER") }
        #expect(SystemVariables.userName() != "not-the-account")
        #expect(!SystemVariables.userName().isEmpty)
    }
}

/// The Foreach file enumerator's pattern, as Windows matches names ("Foreach Loop Container":
/// Files "*.txt", "*.*"; FindFirstFileW).
@Suite struct FileNamePatternTests {
    @Test(arguments: [
        ("*.CSV", "a.csv", true), ("*.csv", "B.CSV", true), ("*.csv", "a.csv.gz", false),
        ("*.*", "README", true), ("*.*", "a.b.c", true), ("*.*", ".hidden", true),
        ("report.*", "report", true), ("report.*", "reports.txt", false), ("day??.txt", "DAY01.TXT", true),
        ("day??.txt", "day1.txt", false), ("data[1].csv", "data[1].csv", true), ("data[1].csv", "data1.csv", false),
        ("*", "", true), ("a*b*c", "aXbYc", true), ("a*b*c", "aXbY", false), ("Ä*.csv", "äx.CSV", true),
    ])
    func matchesAsWindowsDoes(pattern: String, name: String, expected: Bool) {
        #expect(FileNamePattern(pattern).matches(name) == expected, "\(pattern) vs \(name)")
    }

    @Test func caseSensitiveMatchingIsAnOption() {
        #expect(FileNamePattern("*.csv", caseSensitive: true).matches("a.csv"))
        #expect(!FileNamePattern("*.csv", caseSensitive: true).matches("A.CSV"))
    }

    @Test func aLongNameAgainstManyStarsEnds() {
        let name = String(repeating: "a", count: 255)
        #expect(!FileNamePattern(String(repeating: "*a", count: 100) + "b").matches(name))
    }
}
