import Foundation
import SluiceCore
import SluiceRuntime
import SluiceTestSupport
import Testing

/// Execute Package with `executeOutOfProcess` (SSIS's ExecuteOutOfProcess, "Execute Package
/// Task": the child runs in a separate process) — with the real `sluice` binary, found beside
/// the test runner as it is found beside the host in a build.
@Suite(.serialized) struct ExecutePackageOutOfProcessTests {
    static let secret = "s3cr3t-Vq7Lm"
    let dir: URL
    init() throws { dir = try BuildProducts.temporaryDirectory("execpkg-oop") }

    private func save(_ package: Package, _ name: String) throws -> String {
        let path = dir.appendingPathComponent("\(name).sluice.json").path
        try PackageFile.save(package, to: path)
        return path
    }

    private func task(_ path: String, _ extra: [(String, JSONValue)] = []) -> Executable {
        .task("Run child", component: "sluice.executePackage", properties: [("packagePath", .string(path)), ("executeOutOfProcess", true)] + extra)
    }

    private func shell(_ name: String, _ script: String, _ args: [JSONValue] = []) -> Executable {
        .task(name, component: "sluice.executeProcess", properties: [("executable", "/bin/sh"), ("arguments", .array(["-c", .string(script)] + args))])
    }

    @Test func theChildRunsWithItsBoundValuesAndItsEventsComeBack() throws {
        var child = Package(name: "Child")
        child.parameters = [Parameter("Input", type: .i4, value: .int(0))]
        child.variables = [Variable("User::Label", type: .wstr, value: .string("")), Variable("User::Out", type: .i4, value: .int(0))]
        child.executables = [.task("Double", component: "sluice.expression", properties: [
            ("expression", "@[User::Out] = $Package::Input * 2 + LEN(@[User::Label])"),
        ])]
        var parent = Package(name: "Parent")
        parent.variables = [Variable("User::Value", type: .i4, value: .int(20)), Variable("User::Name", type: .wstr, value: .string("ab"))]
        parent.executables = [task(try save(child, "double"), [
            ("parameterBindings", ["Input=User::Value"]), ("variableBindings", ["User::Label=User::Name"]),
        ])]
        let f = try RuntimeFixture()
        let result = f.run(parent)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        let forwarded = f.sink.events(.information).filter { $0.source.name == "Run child" }.map(\.message)
        #expect(forwarded.contains { $0.contains("[\\Package\\Double]") && $0.contains("→ 42") }, "\(forwarded)")
    }

    /// Values cross the process boundary as text: a date, a fraction and a Boolean come back
    /// equal (the child's constraint lets "Mark" run only then).
    @Test func typedValuesArriveUnchanged() throws {
        let out = dir.appendingPathComponent("typed.txt").path
        var child = Package(name: "Typed")
        child.parameters = [
            Parameter("When", type: .dbTimestamp, value: .null), Parameter("Ratio", type: .r8, value: .real(0)),
            Parameter("Flag", type: .bool, value: .bool(false)),
        ]
        child.variables = [Variable("User::Ok", type: .bool, value: .bool(false))]
        child.executables = [
            .task("Compare", component: "sluice.expression", properties: [(
                "expression",
                #"@[User::Ok] = $Package::When == (DT_DBTIMESTAMP)"2024-02-29 13:45:10.250" && $Package::Ratio == 0.125 && $Package::Flag"#
            )]),
            shell("Mark", #"echo ok > "$0""#, [.string(out)]),
        ]
        child.constraints.append(PrecedenceConstraint(from: "Compare", to: "Mark", evaluation: .expressionAndConstraint, expression: "@[User::Ok]"))
        var parent = Package(name: "Parent")
        parent.variables = [
            Variable("User::When", type: .wstr, value: .string("2024-02-29T13:45:10.250")), Variable("User::Ratio", type: .r8, value: .real(0.125)),
            Variable("User::Flag", type: .bool, value: .bool(true)),
        ]
        parent.executables = [task(try save(child, "typed"), [("parameterBindings", ["When=User::When", "Ratio=User::Ratio", "Flag=User::Flag"])])]
        let f = try RuntimeFixture()
        let result = f.run(parent)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(FileManager.default.fileExists(atPath: out), "\(f.sink.events.map(\.message))")
    }

    @Test func aFailingChildFailsTheTaskWithItsErrors() throws {
        var child = Package(name: "Broken")
        child.executables = [shell("Fail", "exit 7")]
        let f = try RuntimeFixture()
        var parent = Package(name: "Parent")
        parent.executables = [task(try save(child, "broken"))]
        let result = f.run(parent)
        #expect(result.result == .failure)
        #expect(f.errorCodes.contains(SluiceMessage.childPackageFailed.code))
        #expect(f.sink.events(.error).contains { $0.message.hasPrefix("[\\Package\\Fail]") }, "the child's own error came back")
    }

    /// The sensitive value reaches the child (a constraint on its length lets "Mark" run) but
    /// not its command line: "Mark" copies the child sluice's /proc/PID/cmdline (its parent's).
    @Test func aSensitiveValueArrivesButIsNotOnTheChildsCommandLine() throws {
        let cmdline = dir.appendingPathComponent("cmdline").path
        var child = Package(name: "Child")
        child.parameters = [Parameter("Token", type: .wstr, sensitive: true)]
        child.variables = [Variable("User::Length", type: .i4, value: .int(0))]
        child.executables = [
            .task("Measure", component: "sluice.expression", properties: [("expression", "@[User::Length] = LEN(@[$Package::Token])")]),
            shell("Mark", #"tr '\0' '\n' < /proc/$PPID/cmdline > "$0""#, [.string(cmdline)]),
        ]
        child.constraints.append(PrecedenceConstraint(
            from: "Measure", to: "Mark", evaluation: .expressionAndConstraint, expression: "@[User::Length] == \(Self.secret.count)"))
        var parent = Package(name: "Parent")
        parent.parameters = [Parameter("Secret", type: .wstr, sensitive: true)]
        parent.executables = [task(try save(child, "sensitive"), [("parameterBindings", ["Token=$Package::Secret"])])]
        let f = try RuntimeFixture()
        let result = f.run(parent, RunOptions(parameterValues: ["Secret": Self.secret]))
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        let argv = try String(contentsOfFile: cmdline, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(argv.contains("--values-file"), "\(argv)")
        #expect(!argv.joined(separator: " ").contains(Self.secret))
        let valuesFile = try #require(argv.firstIndex(of: "--values-file").flatMap { argv.indices.contains($0 + 1) ? argv[$0 + 1] : nil })
        #expect(!FileManager.default.fileExists(atPath: valuesFile), "the values file is removed once read")
        #expect(!f.sink.events.map { EventRecord($0).jsonLine }.joined().contains(Self.secret))
    }

    @Test(.timeLimit(.minutes(1))) func cancelingTheParentStopsTheChildProcess() throws {
        let pids = dir.appendingPathComponent("pids").path
        var child = Package(name: "Sleeper")
        // Writes the child sluice's pid and its own (kept by exec), then sleeps far longer than the test.
        child.executables = [shell("Sleep", #"echo $PPID $$ > "$0.tmp" && mv "$0.tmp" "$0" && exec sleep 60"#, [.string(pids)])]
        var parent = Package(name: "Parent")
        parent.executables = [task(try save(child, "sleeper"))]
        let cancel = RunCancellation()
        let seen = PidBox()
        DispatchQueue.global().async {
            for _ in 0..<400 {
                if let text = try? String(contentsOfFile: pids, encoding: .utf8) {
                    let ids = text.split(whereSeparator: \.isWhitespace).compactMap { pid_t($0) }
                    if ids.count == 2 {
                        seen.set(ids[0], ids[1])
                        break
                    }
                }
                usleep(25_000)
            }
            cancel.cancel()
        }
        let f = try RuntimeFixture()
        let result = f.run(parent, RunOptions(cancellation: cancel))
        #expect(result.result == .canceled)
        let (sluice, sleeper) = try #require(seen.get(), "the child sluice started")
        #expect(kill(sluice, 0) == -1 && errno == ESRCH, "the child sluice process is gone")
        #expect(kill(sleeper, 0) == -1 && errno == ESRCH, "and so is what it ran: no orphan left")
    }

    @Test func aProjectPackageRunsOutOfProcessWithTheProjectParameters() throws {
        let folder = dir.appendingPathComponent("project").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("region.txt").path
        var project = Project(name: "P")
        project.parameters = [Parameter("Region", type: .wstr, required: true)]
        project.packages = ["Parent.sluice.json", "Child.sluice.json"]
        try ProjectFile.save(project, toFolder: folder)
        var child = Package(name: "Child")
        child.variables = [Variable("User::Seen", type: .wstr, value: .string(""))]
        child.executables = [
            .task("Read", component: "sluice.expression", properties: [("expression", "@[User::Seen] = @[$Project::Region]")]),
            shell("Mark", #"echo seen > "$0""#, [.string(out)]),
        ]
        child.constraints.append(PrecedenceConstraint(
            from: "Read", to: "Mark", evaluation: .expressionAndConstraint, expression: "@[User::Seen] == \"emea\""))
        try PackageFile.save(child, to: folder + "/Child.sluice.json")
        var parent = Package(name: "Parent")
        parent.executables = [.task("Run child", component: "sluice.executePackage", properties: [
            ("useProjectReference", true), ("packageName", "Child"), ("executeOutOfProcess", true),
        ])]
        try PackageFile.save(parent, to: folder + "/Parent.sluice.json")
        let scope = try ProjectScope.load(fromFolder: folder)
        var options = RunOptions(parameterValues: ["$Project::Region": "emea"])
        options.project = scope
        let f = try RuntimeFixture()
        let result = f.run(try scope.loadPackage(named: "Parent").package, options)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(FileManager.default.fileExists(atPath: out), "the child saw the project parameter's value of this run")
    }
}

private final class PidBox: @unchecked Sendable {
    private let lock = NSLock()
    private var pids: (pid_t, pid_t)?
    func set(_ a: pid_t, _ b: pid_t) { lock.withLock { pids = (a, b) } }
    func get() -> (pid_t, pid_t)? { lock.withLock { pids } }
}
