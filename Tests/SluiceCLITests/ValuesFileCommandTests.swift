import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// `sluice run --values-file FILE`: `--param` and `--set` values off the command line (an
/// out-of-process Execute Package child is started this way), the file removed once read.
@Suite struct ValuesFileCommandTests {
    private func package() -> Package {
        var p = Package(name: "Values")
        // Token is required: a run that succeeds got it.
        p.parameters = [Parameter("Token", type: .wstr, required: true, sensitive: true), Parameter("Count", type: .i4, value: .int(0))]
        p.variables = [
            Variable("User::Label", type: .wstr, value: .string("")), Variable("User::Length", type: .i4, value: .int(0)),
            Variable("User::Count", type: .i4, value: .int(0)),
        ]
        p.executables = [
            .task("Measure", component: "sluice.expression", properties: [("expression", "@[User::Length] = LEN(@[$Package::Token])")]),
            .task("Count", component: "sluice.expression", properties: [("expression", "@[User::Count] = $Package::Count")]),
        ]
        return p
    }

    @Test func readsParametersAndSetsFromTheFileAndRemovesIt() throws {
        let f = try CLIFixture()
        let path = try f.save(package())
        let values = try f.write(
            #"{"param": {"Token": "abcdef", "Count": "10"}, "set": {"\\Package.Variables[User::Label].Value": "from file"}}"#, as: "values.json")
        let r = try f.sluice(["run", path, "--values-file", values, "--show-variables"])
        #expect(r.status == 0, "\(r.transcript)")
        // Computed from the sensitive token, so masked (docs/sensitive-values.md).
        #expect(r.standardError.contains("User::Length = ******** (DT_I4)"), "\(r.transcript)")
        #expect(r.standardError.contains("User::Count = 10 (DT_I4)"), "\(r.transcript)")
        #expect(r.standardError.contains("User::Label = from file"), "\(r.transcript)")
        // Written by hand, not in a folder an Execute Package task made: kept.
        #expect(FileManager.default.fileExists(atPath: values))
    }

    /// The file an out-of-process Execute Package child gets sits in a `sluice-child-…` folder
    /// and is removed once read; its `secrets` are masked in the child's output.
    @Test func aChildsValuesFileIsRemovedAndItsSecretsAreMasked() throws {
        let f = try CLIFixture()
        var p = Package(name: "Child")
        p.variables = [Variable("User::Echo", type: .wstr, value: .string(""))]
        p.executables = [.task("Echo", component: "sluice.expression", properties: [("expression", #"@[User::Echo] = "token Parent-Secret-77""#)])]
        let path = try f.save(p)
        let folder = f.directory.appendingPathComponent("sluice-child-test").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let values = folder + "/values.json"
        try Data(#"{"param": {}, "set": {}, "secrets": ["Parent-Secret-77"]}"#.utf8).write(to: URL(fileURLWithPath: values))
        let r = try f.sluice(["run", path, "--values-file", values, "--events-json", "--show-variables"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(!FileManager.default.fileExists(atPath: values))
        #expect(!r.transcript.contains("Parent-Secret-77"), "\(r.transcript)")
        // The value holding the secret is sensitive as a whole (taint by content).
        #expect(r.transcript.contains("User::Echo = ********"), "\(r.transcript)")
    }

    @Test func aFileThatIsNotAnObjectIsABadCommandLineAndItsTextIsNotShown() throws {
        let f = try CLIFixture()
        let path = try f.save(package())
        let values = try f.write(#"["hunter2-secret"]"#, as: "values.json")
        let r = try f.sluice(["run", path, "--values-file", values])
        #expect(r.status == 6, "\(r.transcript)")
        #expect(r.transcript.contains("SLUICE_E_VALUES_FILE_INVALID") || r.transcript.contains("20124"), "\(r.transcript)")
        #expect(!r.transcript.contains("hunter2"))
    }
}
