import Foundation
import SluiceCore
import Testing

/// dtexec's /Par on a sensitive parameter: a value that does not convert is refused without
/// quoting it (a typo in a password must not land in a terminal's scrollback or a CI log).
@Suite struct SensitiveParamCommandTests {
    @Test func aSensitiveParameterValueThatDoesNotConvertIsRefusedWithoutShowingIt() throws {
        let f = try CLIFixture()
        var p = Package(name: "Pins")
        p.parameters = [Parameter("Pin", type: .i4, sensitive: true), Parameter("Count", type: .i4, value: .int(1))]
        p.executables = [.task("Nothing", component: "sluice.expression", properties: [("expression", "1 + 1")])]
        let path = try f.save(p)
        let secret = "s3cret-7Tq-not-a-number"
        let r = try f.sluice(["run", path, "--param", "Pin=\(secret)"])
        #expect(r.status == 6, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_TYPE_MISMATCH"), "\(r.transcript)")
        #expect(!r.standardOutput.contains(secret) && !r.standardError.contains(secret), "\(r.transcript)")
        // A parameter that is not sensitive still shows the text it refused.
        let plain = try f.sluice(["run", path, "--param", "Count=abc"])
        #expect(plain.status == 6)
        #expect(plain.standardError.contains("\"abc\""), "\(plain.transcript)")
    }
}
