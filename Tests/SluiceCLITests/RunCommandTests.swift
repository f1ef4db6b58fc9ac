import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

@Suite struct RunCommandTests {
    @Test func runsAPackageWithAPluginTaskAndExitsZero() throws {
        let f = try CLIFixture()
        let path = try f.save(CLIFixture.greetingPackage())
        let r = try f.sluice(["run", path, "--report", "EWI", "--show-variables"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("Hello, Ada!"))
        #expect(r.standardError.contains("User::Greeting = Hello, Ada!"))
    }

    @Test func theSummaryGivesTheDurationInSecondsWithThreeDecimals() throws {
        let f = try CLIFixture()
        var p = CLIFixture.greetingPackage()
        p.executables[0].set("steps", 2)
        p.executables[0].set("delayMs", 40)
        let r = try f.sluice(["run", try f.save(p)])
        #expect(r.status == 0, "\(r.transcript)")
        let match = try #require(r.standardError.firstMatch(of: #/Package "Greeting" finished: Success \((\d+)\.(\d{3}) s\)\n/#))
        let seconds = try #require(Double("\(match.1).\(match.2)"))
        #expect(seconds >= 0.08, "two steps of 40 ms: \(r.standardError)")
    }

    @Test func setOverridesAPropertyByPath() throws {
        let f = try CLIFixture()
        let path = try f.save(CLIFixture.greetingPackage())
        let r = try f.sluice(["run", path, "--set", #"\Package\Greet.Properties[name]=Grace"#, "--report", "I"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("Hello, Grace!"))
    }

    @Test func setWithTheWrongTypeIsABadCommandLine() throws {
        let f = try CLIFixture()
        let path = try f.save(CLIFixture.greetingPackage())
        let r = try f.sluice(["run", path, "--set", #"\Package.Variables[User::Limit].Value=lots"#])
        #expect(r.status == 6, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_SET_VALUE_NOT_CONVERTIBLE"))
    }

    @Test func missingFileExitsFour() throws {
        let f = try CLIFixture()
        let r = try f.sluice(["run", "does-not-exist.sluice.json"])
        #expect(r.status == 4)
        #expect(r.standardError.contains("SLUICE_E_PACKAGE_NOT_FOUND (10001)"))
    }

    @Test func malformedJSONExitsFiveWithLineAndColumn() throws {
        let f = try CLIFixture()
        let path = try f.write("{\n  \"format\": \"sluice.package\",\n  oops\n}\n", as: "bad.json")
        let r = try f.sluice(["run", path])
        #expect(r.status == 5)
        #expect(r.standardError.contains("SLUICE_E_JSON_MALFORMED"))
        #expect(r.standardError.contains("line 3, column 3"))
    }

    @Test func unknownFormatVersionExitsFive() throws {
        let f = try CLIFixture()
        let path = try f.write(#"{"format": "sluice.package", "formatVersion": 2, "package": {"name": "X"}}"#, as: "v2.json")
        let r = try f.sluice(["run", path])
        #expect(r.status == 5)
        #expect(r.standardError.contains("SLUICE_E_FORMAT_VERSION_UNSUPPORTED"))
    }

    @Test func unknownComponentFailsValidationAndExitsOne() throws {
        let f = try CLIFixture()
        var p = Package(name: "Unknown")
        p.executables = [.task("Mystery", component: "acme.mystery")]
        let r = try f.sluice(["run", try f.save(p)])
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_COMPONENT_UNKNOWN"))
        #expect(r.standardError.contains("acme.mystery"))
    }

    @Test func missingPluginIsReportedAsAnUnknownComponent() throws {
        let f = try CLIFixture(plugins: [])
        let r = try f.sluice(["run", try f.save(CLIFixture.greetingPackage())])
        #expect(r.status == 1)
        #expect(r.standardError.contains("\"examples.hello-c\", which is not registered"))
    }

    @Test func constraintProblemsFailValidation() throws {
        let f = try CLIFixture()
        var missing = CLIFixture.greetingPackage()
        missing.connect("Greet", to: "Ghost")
        let r1 = try f.sluice(["run", try f.save(missing, as: "missing.json")])
        #expect(r1.status == 1)
        #expect(r1.standardError.contains("SLUICE_E_CONSTRAINT_ENDPOINT_MISSING"))

        var cycle = CLIFixture.greetingPackage()
        cycle.executables.append(.task("Again", component: "examples.hello-c", properties: [("variable", "User::Greeting")]))
        cycle.connect("Greet", to: "Again")
        cycle.connect("Again", to: "Greet")
        let r2 = try f.sluice(["run", try f.save(cycle, as: "cycle.json")])
        #expect(r2.status == 1)
        #expect(r2.standardError.contains("SLUICE_E_CONSTRAINT_CYCLE"))
    }

    @Test func pluginWhoseValidateFailsStopsTheRun() throws {
        let f = try CLIFixture(plugins: ["FixtureValidateFails"])
        var p = Package(name: "Invalid")
        p.executables = [.task("Check", component: "fixtures.validate-fails.task")]
        let r = try f.sluice(["run", try f.save(p)])
        #expect(r.status == 1)
        #expect(r.standardError.contains("fixture validation always fails"))
        #expect(r.standardError.components(separatedBy: "fixture validation always fails").count == 2, "reported once")
    }

    @Test func validateOnlyDoesNotExecute() throws {
        let f = try CLIFixture()
        let r = try f.sluice(["validate", try f.save(CLIFixture.greetingPackage()), "--report", "V"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("OnPostValidate"))
        #expect(!r.standardError.contains("OnPreExecute"))
    }

    @Test func unknownOptionIsABadCommandLine() throws {
        let f = try CLIFixture()
        let r = try f.sluice(["run", "x.json", "--no-such-option"])
        #expect(r.status == 6)
        #expect(r.standardError.contains("SLUICE_E_COMMAND_LINE_INVALID"))
    }

    @Test func connectionAndParameterOverridesMustNameSomethingReal() throws {
        let f = try CLIFixture()
        let path = try f.save(CLIFixture.greetingPackage())
        let conn = try f.sluice(["run", path, "--conn", "Nope=/tmp/x.db"])
        #expect(conn.status == 6)
        #expect(conn.standardError.contains("SLUICE_E_CONNECTION_NOT_FOUND"))
        let param = try f.sluice(["run", path, "--param", "Nope=1"])
        #expect(param.status == 6)
        #expect(param.standardError.contains("SLUICE_E_PARAMETER_NOT_FOUND"))
    }

    @Test func eventsJSONWritesOneParsableEventPerLine() throws {
        let f = try CLIFixture()
        let r = try f.sluice(["run", try f.save(CLIFixture.greetingPackage()), "--events-json"])
        #expect(r.status == 0)
        let events = try r.standardOutput.split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)) }
        let kinds = events.compactMap { $0.objectValue?["event"]?.stringValue }
        #expect(kinds.first == "OnPreValidate")
        #expect(kinds.contains("OnProgress"))
        #expect(kinds.last == "OnPostExecute")
        #expect(events.contains { $0.objectValue?["message"]?.stringValue == "Hello, Ada!" })
    }

    @Test func interruptCancelsTheRunAndExitsThree() throws {
        let f = try CLIFixture()
        var p = CLIFixture.greetingPackage()
        p.executables[0].set("steps", 200)
        p.executables[0].set("delayMs", 50)
        let process = try SpawnedProcess(
            BuildProducts.sluice, ["run", try f.save(p), "--report", "P"],
            environment: ["SLUICE_PLUGIN_PATH": f.plugins.path, "SLUICE_DEFAULT_PLUGIN_DIR": "none"], error: .pipe)
        let err = try #require(process.standardError)
        // Wait for the first progress event: the task is running, then interrupt.
        var seen: [UInt8] = []
        while !String(decoding: seen, as: UTF8.self).contains("Progress") {
            let chunk = err.readAvailable()
            if chunk.isEmpty { break }
            seen += chunk
        }
        kill(process.processIdentifier, SIGINT)
        seen += err.readAll()
        let status = process.blockingWait()
        let text = String(decoding: seen, as: UTF8.self)
        #expect(status == 3, "\(text)")
        #expect(text.contains("Canceled"))
        #expect(!text.contains("100% step 200 of 200"))
    }
}

@Suite struct CheckpointCommandTests {
    @Test func restartForceWithoutAFileFailsAndIfPossibleRuns() throws {
        let f = try CLIFixture()
        let path = try f.save(CLIFixture.greetingPackage())
        let checkpoint = f.directory.appendingPathComponent("run.ckpt").path
        let forced = try f.sluice(["run", path, "--checkpoint-file", checkpoint, "--restart", "force"])
        #expect(forced.status == 1)
        #expect(forced.standardError.contains("SLUICE_E_CHECKPOINT_MISSING"))
        let normal = try f.sluice(["run", path, "--checkpoint-file", checkpoint, "--restart", "ifPossible"])
        #expect(normal.status == 0, "\(normal.transcript)")
        #expect(!FileManager.default.fileExists(atPath: checkpoint), "deleted after success")
        let bad = try f.sluice(["run", path, "--restart", "sometimes"])
        #expect(bad.status == 6)
    }

    @Test func aCheckpointFileThatIsThePackageOrALogIsABadCommandLine() throws {
        let f = try CLIFixture()
        var p = CLIFixture.greetingPackage()
        let log = f.directory.appendingPathComponent("run.log").path
        p.logProviders = [LogProvider("Log", kind: "sluice.log.text", path: log)]
        p.root.logging = LoggingOptions(providers: ["Log"])
        let path = try f.save(p)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        for (checkpoint, what) in [(path, "the package file"), ("./package.sluice.json", "the package file"), (log, "log provider \"Log\"")] {
            let r = try f.sluice(["run", path, "--checkpoint-file", checkpoint])
            #expect(r.status == 6, "\(r.transcript)")
            #expect(r.standardError.contains("SLUICE_E_CHECKPOINT_FILE_CONFLICT") && r.standardError.contains(what), "\(r.transcript)")
            #expect(!r.standardError.contains("Hello"), "nothing ran")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before, "the package file is untouched")
        #expect(!FileManager.default.fileExists(atPath: log))
    }

    @Test func anExistingFileThatIsNotACheckpointIsLeftAlone() throws {
        let f = try CLIFixture()
        let path = try f.save(CLIFixture.greetingPackage())
        let notes = try f.write("do not lose me\n", as: "notes.txt")
        for restart in ["never", "ifPossible", "force"] {
            let r = try f.sluice(["run", path, "--checkpoint-file", notes, "--restart", restart])
            #expect(r.status == 6, "\(r.transcript)")
            #expect(r.standardError.contains("SLUICE_E_CHECKPOINT_FOREIGN_FILE"))
        }
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "do not lose me\n")
    }

    /// A file size limit (`ulimit -f`) makes the checkpoint unwritable part way through the run.
    @Test func aCheckpointThatCannotBeWrittenFailsTheRunNamingTheFile() throws {
        let f = try CLIFixture()
        var p = Package(name: "Limited")
        p.variables = [Variable("User::N", type: .i4, value: .int(0))]
        p.executables = (0..<40).map { .task("Step\($0)", component: "sluice.setVariable", properties: [("variable", "User::N"), ("value", .string("\($0)"))]) }
        p.constraints = (1..<40).map { PrecedenceConstraint(from: "Step\($0 - 1)", to: "Step\($0)") }
        let path = try f.save(p)
        let checkpoint = f.directory.appendingPathComponent("run.ckpt").path
        // 2 blocks of 512 bytes: room for the start of the file, not for 40 records.
        let script = #"ulimit -f 2; trap '' XFSZ; exec "$0" "$@""#
        let limited = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", script, BuildProducts.sluice.path, "run", path, "--checkpoint-file", checkpoint],
            currentDirectory: f.directory)
        #expect(limited.status == 1, "\(limited.transcript)")
        #expect(limited.standardError.contains("SLUICE_E_CHECKPOINT_UNWRITABLE") && limited.standardError.contains(checkpoint), "\(limited.transcript)")
        // What was written is a good checkpoint: the restart skips what it records.
        let restart = try f.sluice(["run", path, "--checkpoint-file", checkpoint, "--restart", "force", "--report", "I"])
        #expect(restart.status == 0, "\(restart.transcript)")
        #expect(restart.standardError.contains("\\Package\\Step0\" completed in an earlier run"))
        #expect(restart.standardError.contains("Set User::N to 39."))
        #expect(!FileManager.default.fileExists(atPath: checkpoint))
    }
}

@Suite struct SetReadOnlyTests {
    @Test func setRefusesAReadOnlyVariable() throws {
        let f = try CLIFixture()
        var p = CLIFixture.greetingPackage()
        p.variables.append(Variable("User::Fixed", type: .i4, value: .int(1), readOnly: true))
        let r = try f.sluice(["run", try f.save(p), "--set", #"\Package.Variables[User::Fixed].Value=2"#])
        #expect(r.status == 6, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_VARIABLE_READ_ONLY") && r.standardError.contains("User::Fixed"))
    }
}
