import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// `sluice run --set` with every property-path form of dtexec's /Set ("dtexec Utility": `/Set
/// [$Sensitive::]propertyPath;value`; the grammar's words in any case, as in its example
/// `\package.variables[myvariable].Value`), and `--checkpointing` ("/CheckP[ointing] {on|off}":
/// on is SaveCheckpoints True and CheckpointUsage Always; execution fails when the file is
/// missing), all through the real binary.
@Suite struct SetPathCommandTests {
    /// Package
    ///   variables: User::Out (DT_WSTR), User::Limit (DT_I4); parameters: Retries (DT_I4), Secret (sensitive)
    ///   Seq (sequence)
    ///     Task (Set Variable: User::Out = "from task"; its own variable User::Local)
    static func package() -> Package {
        var p = Package(name: "Paths")
        p.variables = [Variable("User::Out", type: .wstr, value: .string("initial")), Variable("User::Limit", type: .i4, value: .int(1))]
        p.parameters = [Parameter("Retries", type: .i4, value: .int(1)), Parameter("Secret", type: .wstr, sensitive: true)]
        var task = Executable.task("Task", component: "sluice.setVariable", properties: [("variable", "User::Out"), ("value", "from task")])
        task.variables = [Variable("User::Local", type: .i4, value: .int(0))]
        var seq = Executable("Seq", kind: .sequence)
        seq.executables = [task]
        p.executables = [seq]
        return p
    }

    private func run(_ f: CLIFixture, _ sets: [String], _ extra: [String] = []) throws -> ChildProcess {
        let path = try f.save(Self.package())
        return try f.sluice(["run", path, "--show-variables"] + sets.flatMap { ["--set", $0] } + extra)
    }

    @Test func setsVariablesInEveryDocumentedSpelling() throws {
        let f = try CLIFixture()
        let cases: [(String, String?)] = [
            (#"\Package.Variables[User::Limit].Properties[Value]=5"#, "User::Limit = 5 (DT_I4)"),
            (#"\Package.Variables[User::Limit].Value=6"#, "User::Limit = 6 (DT_I4)"),
            (#"\package.variables[Limit].Value=7"#, "User::Limit = 7 (DT_I4)"),
            (#"\PACKAGE.VARIABLES[limit].VALUE;8"#, nil),  // variable names keep their case: not found
        ]
        for (path, shown) in cases {
            let r = try run(f, [path])
            if let shown {
                #expect(r.status == 0, "\(r.transcript)")
                #expect(r.standardError.contains(shown), "\(path): \(r.standardError)")
            } else {
                #expect(r.status == 6, "\(r.transcript)")
                #expect(r.standardError.contains("SLUICE_E_PROPERTY_PATH_NOT_FOUND"))
                #expect(r.standardError.contains(#"did you mean "Limit"?"#), "\(r.standardError)")
            }
        }
    }

    @Test func setsATaskPropertyAndAVariableOfATask() throws {
        let f = try CLIFixture()
        let r = try run(f, [#"\package\seq\task.properties[value]=from the command line"#, #"\Package\Seq\Task.Variables[User::Local].Value=3"#])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("User::Out = from the command line (DT_WSTR)"), "\(r.standardError)")
    }

    @Test func disablesATaskThroughProperties() throws {
        let f = try CLIFixture()
        let r = try run(f, [#"\Package\Seq\Task.Properties[Disable]=True"#])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("User::Out = initial (DT_WSTR)"), "the task did not run: \(r.standardError)")
    }

    @Test func setsPackageProperties() throws {
        let f = try CLIFixture()
        #expect(try run(f, [#"\Package.Properties[MaxConcurrentExecutables]=2"#]).status == 0)
        let r = try run(f, [#"\Package.Properties[MaxConcurrentExecutables]=none"#])
        #expect(r.status == 6, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_SET_VALUE_NOT_CONVERTIBLE (50070)"), "\(r.standardError)")
        #expect(r.standardError.contains(#"\Package.Properties[MaxConcurrentExecutables]"#))
    }

    @Test func setsAParameterThroughVariables() throws {
        let f = try CLIFixture()
        var p = Self.package()
        p.executables[0].executables[0].properties["value"] = nil
        p.executables[0].executables[0].properties["sourceParameter"] = .string("Retries")
        let path = try f.save(p)
        let r = try f.sluice(["run", path, "--show-variables", "--set", #"\Package.Variables[$Package::Retries];42"#])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("User::Out = 42 (DT_WSTR)"), "\(r.standardError)")
        let project = try f.sluice(["run", path, "--set", #"\Package.Variables[$Project::Retries]=1"#])
        #expect(project.status == 6 && project.standardError.contains("not run from a project"), "\(project.transcript)")
    }

    @Test func typesATaskPropertyByTheComponentsDeclaration() throws {
        let f = try CLIFixture()
        let path = try f.save(CLIFixture.greetingPackage())
        let r = try f.sluice(["run", path, "--set", #"\Package\Greet.Properties[steps]=several"#])
        #expect(r.status == 6, "\(r.transcript)")
        #expect(r.standardError.contains(#""several" does not convert to integer"#), "\(r.standardError)")
        let suggested = try f.sluice(["run", path, "--set", #"\Package\Greet.Properties[stepz]=2"#])
        #expect(suggested.status == 6 && suggested.standardError.contains(#"did you mean "steps"?"#), "\(suggested.transcript)")
        let validate = try f.sluice(["validate", path, "--set", #"\Package\Gret.Properties[steps]=2"#])
        #expect(validate.status == 6 && validate.standardError.contains(#"did you mean "Greet"?"#), "\(validate.transcript)")
    }

    @Test func setsAConnectionStringThroughProperties() throws {
        let f = try CLIFixture()
        var p = Package(name: "Conn")
        p.connections = [ConnectionManager("Db", kind: "sluice.sqlite", connectionString: f.directory.appendingPathComponent("a.db").path)]
        p.executables = [.task("Create", component: "sluice.executeSQL", properties: [("connection", "Db"), ("statement", "CREATE TABLE t(x)")])]
        let other = f.directory.appendingPathComponent("b.db").path
        let r = try f.sluice(["run", try f.save(p), "--set", #"\package.connections[Db].properties[connectionstring]="# + other])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(!FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("a.db").path))
    }

    @Test func aSensitiveValueIsInNoOutputChannel() throws {
        let f = try CLIFixture()
        let secret = "Tr0ub4dor-sensitive-7781"
        let outputs = [
            try run(f, [#"$Sensitive::\Package.Variables[$Package::Secret]="# + secret], ["--report", "V", "--events-json"]),
            try run(f, [#"\Package.Variables[$Package::Secret]="# + secret], ["--report", "V"]),
            // A value that does not convert: the error names the path, not the value.
            try run(f, [#"$Sensitive::\Package.Variables[$Package::Retries]="# + secret]),
            // $Sensitive:: where the value would show (a variable): refused, without the value.
            try run(f, [#"$Sensitive::\Package.Variables[User::Out].Value="# + secret]),
        ]
        #expect(outputs.map(\.status) == [0, 0, 6, 6], "\(outputs.map(\.transcript))")
        #expect(outputs[2].standardError.contains("SLUICE_E_SET_VALUE_NOT_CONVERTIBLE"))
        #expect(outputs[3].standardError.contains("SLUICE_E_SET_SENSITIVE_TARGET (50072)"))
        for r in outputs { #expect(!r.standardOutput.contains(secret) && !r.standardError.contains(secret), "\(r.transcript)") }
    }

    // MARK: --checkpointing

    /// A package whose second task fails until a marker file exists.
    private func failingPackage(_ f: CLIFixture) -> (Package, String) {
        let marker = f.directory.appendingPathComponent("fixed").path
        var p = Package(name: "Restartable")
        p.variables = [Variable("User::Count", type: .i4, value: .int(0))]
        p.executables = [
            .task("First", component: "sluice.setVariable", properties: [("variable", "User::Count"), ("value", "1")]),
            .task("Second", component: "sluice.fileSystem", properties: [("operation", "deleteFile"), ("source", .string(marker))]),
        ]
        p.connect("First", to: "Second")
        return (p, marker)
    }

    @Test func checkpointingOnNeedsAFile() throws {
        let f = try CLIFixture()
        let r = try f.sluice(["run", try f.save(Self.package()), "--checkpointing", "on"])
        #expect(r.status == 6, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_CHECKPOINTING_NEEDS_FILE (50073)"))
    }

    @Test func checkpointingOnIsUsageAlways() throws {
        let f = try CLIFixture()
        let checkpoint = f.directory.appendingPathComponent("run.ckpt").path
        let (p, marker) = failingPackage(f)
        let path = try f.save(p)
        // No file yet: Always fails ("Package execution will fail if … the checkpoint file cannot be found").
        let first = try f.sluice(["run", path, "--checkpoint-file", checkpoint, "--checkpointing", "on"])
        #expect(first.status == 1, "\(first.transcript)")
        #expect(first.standardError.contains("SLUICE_E_CHECKPOINT_MISSING"), "\(first.transcript)")
        // Made by a run that saves checkpoints and fails at Second…
        let failed = try f.sluice(["run", path, "--checkpoint-file", checkpoint, "--restart", "never"])
        #expect(failed.status == 1 && FileManager.default.fileExists(atPath: checkpoint), "\(failed.transcript)")
        // …the file restarts the run at Second.
        FileManager.default.createFile(atPath: marker, contents: Data())
        let restarted = try f.sluice(["run", path, "--checkpoint-file", checkpoint, "--checkpointing", "on", "--report", "I"])
        #expect(restarted.status == 0, "\(restarted.transcript)")
        #expect(restarted.standardError.contains("SLUICE_I_CHECKPOINT_SKIPPED"), "\(restarted.transcript)")
        #expect(!FileManager.default.fileExists(atPath: checkpoint))
    }

    @Test func checkpointingOffIgnoresThePackagesCheckpoint() throws {
        let f = try CLIFixture()
        let checkpoint = f.directory.appendingPathComponent("pkg.ckpt").path
        var (p, _) = failingPackage(f)
        p.checkpoint = CheckpointSettings(fileName: checkpoint, usage: .ifExists, save: true)
        let path = try f.save(p)
        let off = try f.sluice(["run", path, "--checkpointing", "off"])
        #expect(off.status == 1, "\(off.transcript)")
        #expect(!FileManager.default.fileExists(atPath: checkpoint), "off writes no checkpoint")
        let on = try f.sluice(["run", path])
        #expect(on.status == 1 && FileManager.default.fileExists(atPath: checkpoint), "the package's own setting: \(on.transcript)")
    }
}
