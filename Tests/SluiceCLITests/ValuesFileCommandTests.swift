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
        #expect(!FileManager.default.fileExists(atPath: values))
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
