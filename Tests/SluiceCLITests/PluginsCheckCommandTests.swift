import Foundation
import SluiceTestSupport
import Testing

/// `sluice plugins check LIB` through the real binary: the examples and the good fixture keep
/// the contract; each misbehaving fixture breaks it with its own code; a crash or a hang is a
/// breach the checker survives.
@Suite struct PluginsCheckCommandTests {
    /// The `--json` report, as much of it as the tests read.
    struct Report: Decodable {
        struct Breach: Decodable {
            let code: Int32
            let name: String
            let component: String
            let step: String
            let expected: String
            let actual: String
            let message: String
        }
        struct Note: Decodable {
            let code: Int32
            let component: String
            let step: String
        }
        let passed: Bool
        let components: [String]
        let checks: Int
        let breaches: [Breach]
        let notes: [Note]
    }

    /// Runs the check on the built product `library` and decodes its `--json` report.
    func check(_ library: String, _ extra: [String] = []) throws -> (ChildProcess, Report) {
        let f = try CLIFixture(plugins: [])
        let r = try f.sluice(["plugins", "check", BuildProducts.library(library).path, "--json"] + extra)
        let report = try JSONDecoder().decode(Report.self, from: Data(r.standardOutput.utf8))
        return (r, report)
    }

    @Test func theExamplePluginsPassWithExecuteCalled() throws {
        for (library, id) in [("SluiceHelloC", "examples.hello-c"), ("SluiceHelloSwift", "examples.hello-swift")] {
            let (r, report) = try check(library, ["--property", "\(id).variable=User::Greeting", "--execute"])
            #expect(r.status == 0, "\(r.transcript)")
            #expect(report.passed && report.breaches.isEmpty)
            #expect(report.components == [id])
            // Configured, so nothing of the component was skipped.
            #expect(report.notes.allSatisfy { $0.component == "(library)" }, "\(report.notes)")
        }
    }

    @Test func theGoodFixturePassesAndItsLogProviderSeesEveryEventKindAndTwoOpens() throws {
        let dir = try BuildProducts.temporaryDirectory("check")
        let log = dir.appendingPathComponent("entries.log").path
        let (r, report) = try check("FixtureGood", [
            "--property", "fixtures.good.echo.message=hello", "--property", "fixtures.good.filelog.path=\(log)",
        ])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(report.passed)
        #expect(report.components == [
            "fixtures.good.echo", "fixtures.good.numbers", "fixtures.good.numbers-strict", "fixtures.good.filelog",
            "fixtures.good.connection", "fixtures.good.useconn",
        ])
        let entries = try String(contentsOfFile: log, encoding: .utf8)
        for event in ["OnPreValidate", "OnError", "OnWarning", "OnInformation", "OnTaskFailed", "PluginLog"] {
            #expect(entries.contains("\(event)|Check|"), "no \(event) entry in \(entries)")
        }
        let lifecycle = try String(contentsOfFile: log + ".lifecycle", encoding: .utf8).split(separator: "\n")
        #expect(lifecycle.filter { $0 == "close" }.count == 2, "open, close, open again, close: \(lifecycle)")
        #expect(!lifecycle.contains("close without an open"))
        // Without --execute the task's execute is left alone, and the report says so.
        #expect(report.notes.contains { $0.component == "fixtures.good.echo" && $0.step == "execute" })
    }

    @Test func aRequiredPropertyWithoutADefaultSkipsValidateWithANoteNotABreach() throws {
        let (r, report) = try check("FixtureGood")
        #expect(r.status == 0, "\(r.transcript)")
        let skipped = report.notes.filter { $0.code == 30115 }.map(\.component)
        #expect(skipped.contains("fixtures.good.echo") && skipped.contains("fixtures.good.filelog"))
    }

    @Test(arguments: [
        ("FixtureLeaksAllocation", 30108, "fixtures.leaks.task"),
        ("FixtureEnumeratorOvercount", 30111, "fixtures.overcount.items"),
        ("FixtureEnumeratorEndless", 30112, "fixtures.endless.items"),
        ("FixtureSilentFailure", 30106, "fixtures.silent.task"),
        ("FixtureUnknownStatus", 30105, "fixtures.unknown-status.task"),
        ("FixtureGarbledMessage", 30107, "fixtures.garbled.task"),
        ("FixtureCrashesInCreate", 30102, "fixtures.crashes.create"),
        ("FixtureRequiredDefault", 30114, "fixtures.required-default.task"),
    ] as [(String, Int32, String)])
    func eachMisbehavingFixtureFailsWithTheCodeOfTheRuleItBreaks(library: String, code: Int32, component: String) throws {
        let (r, report) = try check(library)
        #expect(r.status == 1, "\(r.transcript)")
        #expect(!report.passed)
        #expect(!report.breaches.isEmpty)
        for breach in report.breaches {
            #expect(breach.code == code, "\(library): \(breach.message)")
            #expect(breach.component == component)
            #expect(!breach.expected.isEmpty && !breach.actual.isEmpty)
        }
    }

    @Test(arguments: [
        ("FixtureWrongMajor", 30003), ("FixtureNewerMinor", 30004), ("FixtureMissingEntry", 30002),
        ("FixtureMalformed", 30005), ("FixtureInitFails", 30006),
    ] as [(String, Int32)])
    func aLibraryTheLoaderRefusesFailsWithTheLoadersCode(library: String, code: Int32) throws {
        let (r, report) = try check(library)
        #expect(r.status == 1, "\(r.transcript)")
        #expect(report.breaches.map(\.code) == [code])
        #expect(report.breaches.first?.component == "(library)")
        #expect(report.components.isEmpty)
    }

    @Test func aPluginsOwnCodeFromAFailedInitIsKeptInTheBreach() throws {
        let (_, report) = try check("FixtureInitFails")
        #expect(report.breaches.first?.message.contains("license file not found [plugin code 100123]") == true)
    }

    @Test func aCrashIsReportedWithItsSignalAndStepAndTheNextComponentIsStillChecked() throws {
        let (r, report) = try check("FixtureCrashesInCreate")
        #expect(r.status == 1)
        let crash = try #require(report.breaches.first)
        #expect(crash.step == "create #1")
        #expect(crash.actual == "signal 11 (SIGSEGV)")
        // The second component ran in a fresh check process: its notes are there, no breach.
        #expect(report.notes.contains { $0.component == "fixtures.crashes.fine" && $0.step == "execute" })
        #expect(report.breaches.count == 1)
    }

    @Test func aHangingCallIsKilledAtTheTimeoutAndReported() throws {
        let (r, report) = try check("FixtureHangs", ["--timeout", "1"])
        #expect(r.status == 1, "\(r.transcript)")
        #expect(report.breaches.map(\.code) == [30103])
        #expect(report.breaches.first?.step == "validate")
    }

    @Test func executeIsCalledOnlyWhenAskedAndACancelNobodyAskedForIsABreach() throws {
        // The echo task returns the status it is given: 5 is SLUICE_E_CANCELED.
        let configured = ["--property", "fixtures.good.echo.message=x", "--property", "fixtures.good.echo.status=5"]
        let (quiet, _) = try check("FixtureGood", configured)
        #expect(quiet.status == 0, "execute must not run without --execute: \(quiet.transcript)")
        let (r, report) = try check("FixtureGood", configured + ["--execute"])
        #expect(r.status == 1)
        #expect(report.breaches.map(\.code) == [30012])
        #expect(report.breaches.first?.step == "execute")
    }

    @Test func theTextReportPrintsOneLinePerBreachThenTheSummary() throws {
        let f = try CLIFixture(plugins: [])
        let r = try f.sluice(["plugins", "check", BuildProducts.library("FixtureLeaksAllocation").path])
        #expect(r.status == 1)
        let lines = r.standardOutput.split(separator: "\n").map(String.init)
        let breaches = lines.filter { $0.hasPrefix("30108 SLUICE_E_CHECK_ALLOCATION_LEAKED fixtures.leaks.task: ") }
        #expect(breaches.count == 2, "\(r.standardOutput)")
        #expect(breaches.allSatisfy { $0.contains("expected every block from allocate deallocated by destroy; got ") })
        #expect(lines.last?.hasPrefix("30100 SLUICE_E_CHECK_BREACHES ") == true)
        #expect(lines.last?.contains("2 breach(es)") == true)
    }

    @Test func aPassingLibraryEndsWithThePassedSummaryAndExitZero() throws {
        let f = try CLIFixture(plugins: [])
        let r = try f.sluice(["plugins", "check", BuildProducts.library("FixtureValidateFails").path])
        // A validate that fails with a message keeps the contract.
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardOutput.split(separator: "\n").last?.hasPrefix("30101 SLUICE_I_CHECK_PASSED ") == true)
    }

    @Test func badOptionsAreABadCommandLineAndTheChildModeStaysOutOfTheHelp() throws {
        let f = try CLIFixture(plugins: [])
        let library = BuildProducts.library("FixtureGood").path
        let badOptions = [
            ["--property", "nodot=1"], ["--property", "fixtures.good.echo.message"], ["--timeout", "0"], ["--max-items", "-3"],
            ["--check-child", "not a request"],
        ]
        for bad in badOptions {
            let r = try f.sluice(["plugins", "check", library] + bad)
            #expect(r.status == 6, "\(bad): \(r.transcript)")
            #expect(r.standardError.contains("SLUICE_E_COMMAND_LINE_INVALID"))
        }
        let help = try f.sluice(["plugins", "check", "--help"])
        #expect(help.standardOutput.contains("--property"))
        #expect(!help.standardOutput.contains("check-child"))
    }

    /// The good connection manager, journaling its calls: acquire and release in turn, three
    /// times, with the --property connection string, then destroy; nothing of it is a breach.
    @Test func theGoodConnectionManagerIsAcquiredAndReleasedInTurnThenDestroyed() throws {
        let journal = try BuildProducts.temporaryDirectory("check").appendingPathComponent("journal").path
        let (r, report) = try check("FixtureGood", [
            "--property", "fixtures.good.connection.journal=\(journal)", "--property", "fixtures.good.connection.ConnectionString=db1",
        ])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(report.breaches.isEmpty)
        #expect(!report.notes.contains { $0.component == "fixtures.good.connection" }, "\(report.notes)")
        let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map(String.init)
        let cycle = ["acquire db1", "release db1"]
        #expect(lines == ["create", "validate db1"] + cycle + cycle + cycle + ["destroy db1"])
    }

    /// The Swift SDK's connection manager keeps the acquire / release contract too.
    @Test func theSwiftSDKConnectionManagerPassesWithItsConnectionString() throws {
        let (r, report) = try check("FixtureSwiftKinds", ["--property", "fixtures.swift.memory.ConnectionString=memory:check"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(report.passed)
        #expect(!report.notes.contains { $0.component == "fixtures.swift.memory" }, "\(report.notes)")
    }

    /// An acquire that fails with a message (a server that is not there) is a note naming the
    /// plugin's reason, not a breach.
    @Test func anAcquireThatFailsWithAMessageIsANoteNotABreach() throws {
        let (r, report) = try check("FixtureGood", ["--property", "fixtures.good.connection.failAcquire=1"])
        #expect(r.status == 0, "\(r.transcript)")
        let note = try #require(report.notes.first { $0.component == "fixtures.good.connection" })
        #expect(note.code == 30115 && note.step == "the connection lifecycle")
        #expect(r.standardOutput.contains("acquire refused the configuration (SLUICE_E_IO: the connection was told to fail acquire)"))
    }

    /// Each connection manager of the fixture breaks one rule of acquire / release.
    @Test(arguments: [
        ("fixtures.bad-connection.leaks", 30108, "validate and the connection-manager calls, then destroy", "3 block(s) still allocated"),
        ("fixtures.bad-connection.release-crashes", 30102, "release #1", "signal 11 (SIGSEGV)"),
        ("fixtures.bad-connection.silent", 30106, "acquire #1", "SLUICE_E_IO with an empty err and no error raised"),
    ] as [(String, Int32, String, String)])
    func aMisbehavingConnectionManagerFailsWithTheCodeOfTheRuleItBreaks(component: String, code: Int32, step: String, actual: String) throws {
        let (r, report) = try check("FixtureConnectionMisbehaves")
        #expect(r.status == 1, "\(r.transcript)")
        let breaches = report.breaches.filter { $0.component == component }
        #expect(breaches.map(\.code) == [code], "\(report.breaches.map(\.message))")
        #expect(breaches.first?.step == step)
        #expect(breaches.first?.actual == actual)
    }

    @Test func aPropertyTheComponentDoesNotDeclareIsANoteNotASilentPass() throws {
        let (r, report) = try check("FixtureGood", ["--property", "fixtures.good.numbers.nosuch=1"])
        #expect(r.status == 0)
        #expect(report.notes.contains { $0.component == "fixtures.good.numbers" && $0.code == 30115 })
    }
}
