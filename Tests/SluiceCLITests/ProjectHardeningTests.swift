import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// What a hostile review of projects found, through the real binary: `--conn` on a project
/// connection reaching child packages, and sensitive values kept out of command-line errors.
@Suite struct ProjectHardeningTests {
    /// Parent and child (run by project reference) each insert a row through the project
    /// connection `Stage`.
    private func writeProject(_ f: CLIFixture, stage: String) throws -> String {
        let folder = f.directory.appendingPathComponent("p").path
        var project = Project(name: "P")
        project.parameters = [Parameter("Secret", type: .i4, value: .int(0), sensitive: true)]
        project.connections = [ConnectionManager("Stage", kind: "sluice.sqlite", connectionString: stage)]
        project.packages = ["Parent.sluice.json", "Child.sluice.json"]
        try ProjectFile.save(project, toFolder: folder)
        func insert(_ who: String) -> Executable {
            .task("Insert \(who)", component: "sluice.executeSQL", properties: [
                ("connection", "Stage"), ("statement", .string("CREATE TABLE IF NOT EXISTS t(who TEXT); INSERT INTO t VALUES ('\(who)')")),
            ])
        }
        var parent = Package(name: "Parent")
        parent.executables = [
            insert("parent"),
            .task("Run child", component: "sluice.executePackage", properties: [("useProjectReference", true), ("packageName", "Child")]),
        ]
        parent.connect("Insert parent", to: "Run child")
        try PackageFile.save(parent, to: folder + "/Parent.sluice.json")
        var child = Package(name: "Child")
        child.executables = [insert("child")]
        try PackageFile.save(child, to: folder + "/Child.sluice.json")
        return folder
    }

    private func rows(_ database: String) throws -> [String] {
        let r = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import sqlite3,sys; print(','.join(r[0] for r in sqlite3.connect(sys.argv[1]).execute('select who from t order by who')))", database])
        return r.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").map(String.init)
    }

    @Test func connOnAProjectConnectionReachesTheChild() throws {
        let f = try CLIFixture()
        let production = f.directory.appendingPathComponent("production.db").path
        let scratch = f.directory.appendingPathComponent("scratch.db").path
        let folder = try writeProject(f, stage: production)
        let run = try f.sluice(["run", folder, "--package", "Parent", "--conn", "Stage=\(scratch)"])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(try rows(scratch) == ["child", "parent"])
        #expect(!FileManager.default.fileExists(atPath: production), "the child wrote to the project file's database")
    }

    /// dtexec's `/Set \Package.Connections[C].Properties[ConnectionString]` on a project
    /// connection: the package and its children use the new string.
    @Test func setOnAProjectConnectionReachesTheChild() throws {
        let f = try CLIFixture()
        let production = f.directory.appendingPathComponent("production.db").path
        let scratch = f.directory.appendingPathComponent("scratch.db").path
        let folder = try writeProject(f, stage: production)
        let run = try f.sluice([
            "run", folder, "--package", "Parent", "--set", #"\Package.Connections[stage].Properties[ConnectionString]="# + scratch,
        ])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(try rows(scratch) == ["child", "parent"])
        #expect(!FileManager.default.fileExists(atPath: production))
        // A name neither the package nor the project has is still refused.
        let wrong = try f.sluice(["run", folder, "--package", "Parent", "--set", #"\Package.Connections[Nope].ConnectionString=x"#])
        #expect(wrong.status != 0, "\(wrong.transcript)")
        #expect(wrong.transcript.contains("Stage"), "the suggestion names the project's connection: \(wrong.transcript)")
    }

    @Test func aSensitiveValueIsNotQuotedWhenItIsWrong() throws {
        let f = try CLIFixture()
        let folder = try writeProject(f, stage: f.directory.appendingPathComponent("s.db").path)
        // Not an integer; and a misspelt argument without '='.
        for args in [["--param", "$Project::Secret=hunter2-not-a-number"], ["--param", "$Project::Secret:hunter2-not-a-number"]] {
            let run = try f.sluice(["run", folder, "--package", "Parent"] + args)
            #expect(run.status != 0, "\(run.transcript)")
            #expect(!run.transcript.contains("hunter2"), "\(run.transcript)")
        }
        // The control: the same mistake on a value that is not secret is quoted.
        let plain = try f.sluice(["run", folder, "--package", "Parent", "--param", "$Project::Nope:visible-text"])
        #expect(plain.status != 0)
        #expect(!plain.transcript.contains("visible-text"), "an argument without '=' is never quoted")
    }
}
