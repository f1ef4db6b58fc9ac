import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// A sensitive parameter's value never leaves a real `sluice run` (docs/sensitive-values.md):
/// one package uses it in every stock task, loops, a handler, a data flow, an in-process child
/// package and both stock log providers; every channel is then searched for it, and for the
/// upper- and lower-case forms the package derives.
///
/// Microsoft, "Access Control for Sensitive Data in Packages": a parameter or property marked
/// sensitive is not saved in clear ("Do not save sensitive data"), and "Integration Services
/// (SSIS) Parameters": a sensitive parameter's value is masked (shown as asterisks) wherever
/// the catalog and the tools show it; SSIS logs never carry it. The control runs the same
/// package with the parameter not sensitive and finds the value, so the search can fail.
@Suite struct SensitiveSweepCommandTests {
    static let secret = "Sekr3t-Value-42"
    /// Every form of the secret the package derives, each of which must stay hidden.
    static let forms = [secret, secret.uppercased(), secret.lowercased()]

    /// The child package run in process by Execute Package: it derives a lower-case form and logs.
    static func child(sensitive: Bool, log: String) -> Package {
        var p = Package(name: "Child")
        p.parameters = [Parameter("Secret", type: .wstr, sensitive: sensitive)]
        p.variables = [Variable("User::C", type: .wstr, value: .string(""), raiseChangedEvent: true)]
        p.logProviders = [LogProvider("ChildText", kind: "sluice.log.text", path: log)]
        p.root.logging = LoggingOptions(providers: ["ChildText"])
        p.executables = [.task("Derive", component: "sluice.expression", properties: [("expression", "@[User::C] = LOWER(@[$Package::Secret])")])]
        return p
    }

    /// The package of the sweep; `failing` adds a last task that fails quoting the secret (a
    /// program path made from it), for the checkpoint file and the error channels.
    static func sweep(sensitive: Bool, f: CLIFixture, failing: Bool) throws -> Package {
        var p = Package(name: "Sweep")
        p.parameters = [Parameter("Secret", type: .wstr, value: .string("placeholder"), sensitive: sensitive)]
        p.variables = [
            Variable("User::Upper", type: .wstr, value: .string(""), raiseChangedEvent: true),
            Variable("User::Copy", type: .wstr, value: .string(""), raiseChangedEvent: true),
            Variable("User::Row", type: .wstr, value: .string("")),
            Variable("User::Out", type: .wstr, value: .string("")),
            Variable("User::Lower", type: .wstr, value: .string("")),
            Variable("User::Joined", type: .wstr, value: .string("")),
            Variable("User::Item", type: .wstr, value: .string("")),
            Variable("User::Err", type: .wstr, value: .string("")),
            Variable("User::I", type: .i4, value: .int(0)),
            Variable("User::Loud", type: .wstr, expression: "UPPER(@[$Package::Secret]) + \"!\""),
        ]
        let directory = f.directory.path
        p.connections = [ConnectionManager("Db", kind: "sluice.sqlite", connectionString: "\(directory)/sweep.db")]
        p.logProviders = [
            LogProvider("Text", kind: "sluice.log.text", path: "\(directory)/sweep.log"),
            LogProvider("Json", kind: "sluice.log.jsonl", path: "\(directory)/sweep.jsonl"),
        ]
        p.root.logging = LoggingOptions(providers: ["Text", "Json"])  // every event

        var files = Executable.task("MakeDir", component: "sluice.fileSystem", properties: [
            ("operation", "createDirectory"), ("source", .string("\(directory)/replaced-by-the-expression")),
        ])
        files.propertyExpressions["source"] = "\"\(directory)/made-\" + LOWER(@[$Package::Secret])"
        // Runs in the directory made from the secret: what it prints holds the secret's text.
        var process = Executable.task("Where", component: "sluice.executeProcess", properties: [
            ("executable", "/bin/pwd"), ("standardOutputVariable", "User::Out"),
        ])
        process.propertyExpressions["workingDirectory"] = "\"\(directory)/made-\" + LOWER(@[$Package::Secret])"
        var loop = Executable("Twice", kind: .forLoop(ForLoopSpecification(
            init: "@[User::I] = 0", eval: "@[User::I] < 2", assign: "@[User::I] = @[User::I] + 1")))
        loop.executables = [.task("Lower", component: "sluice.expression", properties: [("expression", "@[User::Lower] = LOWER(@[$Package::Secret])")])]
        var each = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(
            .items([["a"], ["b"]]), mappings: [VariableMapping("User::Item")])))
        each.executables = [.task("Join", component: "sluice.expression", properties: [("expression", "@[User::Joined] = @[User::Item] + @[User::Upper]")])]
        let childPath = try f.save(child(sensitive: sensitive, log: "\(directory)/child.log"), as: "child.sluice.json")
        let run = Executable.task("RunChild", component: "sluice.executePackage", properties: [
            ("packagePath", .string(childPath)), ("parameterBindings", ["Secret=$Package::Secret"]),
        ])
        p.executables = [
            .task("Upper", component: "sluice.expression", properties: [("expression", "@[User::Upper] = UPPER(@[$Package::Secret])")]),
            .task("Copy", component: "sluice.setVariable", properties: [("variable", "User::Copy"), ("sourceParameter", "Secret")]),
            .task("Query", component: "sluice.executeSQL", properties: [
                ("connection", "Db"), ("statement", "SELECT ? || '-row'"), ("parameters", ["User::Copy"]),
                ("resultSet", "singleRow"), ("resultVariables", ["User::Row"]),
            ]),
            files, process, loop, each, run, try dataFlow(f),
        ]
        if failing {
            var broken = Executable.task("Broken", component: "sluice.executeProcess", properties: [("executable", "/nonexistent")])
            broken.propertyExpressions["executable"] = "\"/nonexistent/\" + @[User::Copy]"
            p.executables.append(broken)
        }
        p.constraints = zip(p.executables, p.executables.dropFirst()).map { PrecedenceConstraint(from: $0.name, to: $1.name) }
        // A handler that copies each error's text, and so raises its own events with it.
        var handler = EventHandler(.error)
        handler.container.executables = [.task("Note", component: "sluice.expression", properties: [("expression", "@[User::Err] = @[System::ErrorDescription]")])]
        p.root.eventHandlers = [handler]
        return p
    }

    /// A data flow whose derived column is the upper-case secret, written to a flat file (the
    /// data goes where the package sends it: only the events and logs are searched).
    static func dataFlow(_ f: CLIFixture) throws -> Executable {
        let input = try f.write("id\n1\n2\n", as: "in.csv")
        let output = f.directory.appendingPathComponent("out.csv").path
        let text = #"""
            {"format": "sluice.package", "formatVersion": 1, "package": {"name": "F",
             "parameters": [{"name": "Secret", "type": "DT_WSTR"}],
             "executables": [{"name": "Flow", "type": "dataFlow", "components": [
              {"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(input)"}, "outputs": [{"name": "Output", "columns": [{"name": "id", "lineageId": 1, "type": "DT_I4"}]}]},
              {"name": "Derive", "component": "sluice.derivedColumn",
               "properties": {"derivations": [{"column": "loud", "expression": "UPPER(@[$Package::Secret])"}]},
               "inputs": [{"name": "Input"}],
               "outputs": [{"name": "Output", "synchronousInput": "Input", "columns": [{"name": "loud", "lineageId": 2, "type": "DT_WSTR", "length": 50}]}]},
              {"name": "Write", "component": "sluice.flatFileDestination", "properties": {"file": "\#(output)"}, "inputs": [{"name": "Input", "columns": [{"lineageId": 1}, {"lineageId": 2}]}]}],
             "paths": [{"from": "Read", "output": "Output", "to": "Derive", "input": "Input"}, {"from": "Derive", "output": "Output", "to": "Write", "input": "Input"}]}]}}
            """#
        let flow = try PackageFile.load(from: try f.write(text, as: "flow.json"))
        return try #require(flow.executables.first)
    }

    /// Everything a run left for people and machines: standard output and error, every log
    /// file, the checkpoint file.
    static func channels(_ r: ChildProcess, _ f: CLIFixture) -> [(String, String)] {
        var out = [("stdout", r.standardOutput), ("stderr", r.standardError)]
        for name in ["sweep.log", "sweep.jsonl", "child.log", "sweep.checkpoint"] {
            let path = f.directory.appendingPathComponent(name).path
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { out.append((name, text)) }
        }
        return out
    }

    static func leaks(_ channels: [(String, String)]) -> [String] {
        channels.flatMap { name, text in forms.filter { text.contains($0) }.map { "\(name) has \($0)" } }
    }

    func run(sensitive: Bool, failing: Bool, _ options: [String]) throws -> (ChildProcess, [(String, String)]) {
        let f = try CLIFixture()
        let path = try f.save(Self.sweep(sensitive: sensitive, f: f, failing: failing))
        let checkpoint = f.directory.appendingPathComponent("sweep.checkpoint").path
        let r = try f.sluice(["run", path, "--param", "Secret=\(Self.secret)", "--show-variables", "--checkpoint-file", checkpoint] + options)
        return (r, Self.channels(r, f))
    }

    @Test(arguments: [["--events-json"], ["--report", "V"]])
    func aSensitiveValueReachesNoChannelOfASuccessfulRun(options: [String]) throws {
        let (r, channels) = try run(sensitive: true, failing: false, options)
        #expect(r.status == 0, "\(r.transcript)")
        #expect(Self.leaks(channels).isEmpty, "\(Self.leaks(channels))\n\(r.transcript)")
        // The variables the secret tainted are masked; the others still show.
        #expect(r.standardError.contains("User::Upper = ******** (DT_WSTR)"), "\(r.standardError)")
        #expect(r.standardError.contains("User::Row = ******** (DT_WSTR)"), "\(r.standardError)")
        #expect(r.standardError.contains("User::Out = ******** (DT_WSTR)"), "\(r.standardError)")
        #expect(r.standardError.contains("User::I = 2 (DT_I4)"), "\(r.standardError)")
        #expect(r.standardError.contains("User::Item = b (DT_WSTR)"), "\(r.standardError)")
    }

    @Test(arguments: [["--events-json"], ["--report", "V"]])
    func aSensitiveValueReachesNoChannelOfAFailedRunNorItsCheckpointFile(options: [String]) throws {
        let (r, channels) = try run(sensitive: true, failing: true, options)
        #expect(r.status == 1, "\(r.transcript)")
        #expect(channels.contains { $0.0 == "sweep.checkpoint" }, "a failed run keeps its checkpoint file")
        // The handler copied the error text, which quoted the path made from the secret: masked whole (a
        // property computed from a secret is itself a sensitive text).
        let err = r.standardError.split(separator: "\n").first { $0.hasPrefix("User::Err = ") } ?? ""
        #expect(err.contains("Could not start \"********\""), "\(err)")
        #expect(Self.leaks(channels).isEmpty, "\(Self.leaks(channels))\n\(r.transcript)")
    }

    /// The control: not sensitive, the same value shows in the channels searched above.
    @Test func theSameValueNotSensitiveShowsInTheChannels() throws {
        let (r, channels) = try run(sensitive: false, failing: true, ["--events-json"])
        #expect(r.status == 1, "\(r.transcript)")
        let leaks = Set(Self.leaks(channels))
        for expected in ["stdout has \(Self.secret)", "stdout has \(Self.secret.uppercased())", "stderr has \(Self.secret.uppercased())",
                         "sweep.log has \(Self.secret)", "sweep.jsonl has \(Self.secret.lowercased())", "child.log has \(Self.secret.lowercased())",
                         "sweep.checkpoint has \(Self.secret)"] {
            #expect(leaks.contains(expected), "\(expected) missing from \(leaks.sorted())\n\(r.transcript)")
        }
    }

    /// A project parameter declared sensitive (`$Project::`), given by `--param`, read by a
    /// package of the project and by its sibling run by project reference.
    @Test(arguments: [true, false])
    func aSensitiveProjectParameterIsMaskedInThePackagesOfTheProject(sensitive: Bool) throws {
        let f = try CLIFixture()
        let folder = f.directory.appendingPathComponent("project").path
        var project = Project(name: "Vault")
        project.parameters = [Parameter("Key", type: .wstr, value: .string("unset"), sensitive: sensitive)]
        project.packages = ["Main.sluice.json", "Sibling.sluice.json"]
        try ProjectFile.save(project, toFolder: folder)
        var main = Package(name: "Main")
        main.variables = [Variable("User::K", type: .wstr, value: .string(""), raiseChangedEvent: true)]
        main.executables = [
            .task("Read", component: "sluice.expression", properties: [("expression", "@[User::K] = UPPER(@[$Project::Key])")]),
            .task("Sibling", component: "sluice.executePackage", properties: [("useProjectReference", true), ("packageName", "Sibling")]),
        ]
        main.connect("Read", to: "Sibling")
        try PackageFile.save(main, to: folder + "/Main.sluice.json")
        var sibling = Package(name: "Sibling")
        sibling.executables = [.task("Echo", component: "sluice.expression", properties: [("expression", "LOWER(@[$Project::Key])")])]
        try PackageFile.save(sibling, to: folder + "/Sibling.sluice.json")

        let r = try f.sluice(["run", folder, "--package", "Main", "--param", "$Project::Key=\(Self.secret)", "--show-variables", "--report", "V"])
        #expect(r.status == 0, "\(r.transcript)")
        let leaks = Self.leaks([("stdout", r.standardOutput), ("stderr", r.standardError)])
        if sensitive {
            #expect(leaks.isEmpty, "\(leaks)\n\(r.transcript)")
            #expect(r.standardError.contains("User::K = ******** (DT_WSTR)"), "\(r.transcript)")
        } else {
            #expect(Set(leaks) == ["stderr has \(Self.secret.uppercased())", "stderr has \(Self.secret.lowercased())"], "\(leaks)")
        }
    }

    /// dtexec's `/Set $Sensitive::…` makes a parameter declared plain sensitive for the run.
    @Test func setWithSensitivePrefixMasksAParameterDeclaredPlain() throws {
        let f = try CLIFixture()
        var p = Package(name: "P")
        p.parameters = [Parameter("Token", type: .wstr, value: .string("none"))]
        p.variables = [Variable("User::T", type: .wstr, value: .string(""))]
        p.executables = [.task("Use", component: "sluice.expression", properties: [("expression", "@[User::T] = \"Bearer \" + @[$Package::Token]")])]
        let path = try f.save(p)
        let set = #"$Sensitive::\Package.Variables[$Package::Token].Value;"# + Self.secret
        let r = try f.sluice(["run", path, "--set", set, "--show-variables", "--events-json"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(Self.leaks([("stdout", r.standardOutput), ("stderr", r.standardError)]).isEmpty, "\(r.transcript)")
        #expect(r.standardError.contains("User::T = ******** (DT_WSTR)"), "\(r.transcript)")
        // A malformed $Sensitive:: assignment is refused without quoting it.
        let bad = try f.sluice(["run", path, "--set", "$Sensitive::" + Self.secret])
        #expect(bad.status == 6, "\(bad.transcript)")
        #expect(!bad.transcript.contains(Self.secret), "\(bad.transcript)")
    }
}
