import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// `--set` and `--param` read values as package files do: exactly, or refused (exit 6).
@Suite struct ExactValueCommandTests {
    /// Variables of the types the issue found rounded or shifted, and a Set Variable task that
    /// copies the DT_NUMERIC parameter into a variable.
    private static func package() -> Package {
        var p = Package(name: "Exact")
        p.parameters = [Parameter("Amount", type: .numeric, value: .decimal(0)), Parameter("Ratio", type: .r4, value: .real(1))]
        p.variables = [
            Variable("User::Big", type: .numeric, value: .decimal(0)), Variable("User::When", type: .dbTimestampOffset),
            Variable("User::Day", type: .dbDate), Variable("User::Copy", type: .numeric),
        ]
        p.executables = [.task("Copy", component: "sluice.setVariable", properties: [("variable", "User::Copy"), ("sourceParameter", "Amount")])]
        return p
    }

    @Test func setAndParamKeepEveryDigitAndTheOffset() throws {
        let f = try CLIFixture()
        let path = try f.save(Self.package())
        let r = try f.sluice([
            "run", path, "--show-variables",
            "--set", #"\Package.Variables[User::Big].Value=12345678901234567890.123456789012345678"#,
            "--set", #"\Package.Variables[User::When].Value=2026-11-25T10:00:00+05:30"#,
            "--param", "Amount=0.1234567890123456789012345678901234567",
        ])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("User::Big = 12345678901234567890.123456789012345678 (DT_NUMERIC)"), "\(r.transcript)")
        #expect(r.standardError.contains("User::When = 2026-11-25T10:00:00+05:30 (DT_DBTIMESTAMPOFFSET)"), "\(r.transcript)")
        #expect(r.standardError.contains("User::Copy = 0.1234567890123456789012345678901234567 (DT_NUMERIC)"), "\(r.transcript)")
    }

    @Test(arguments: [
        (["--set", #"\Package.Variables[User::Day].Value=2026-02-30"#], "2026-02 has no day 30"),
        (["--set", #"\Package.Variables[User::Big].Value=1e40"#], "more than 38 digits"),
        (["--set", #"\Package.Variables[User::When].Value=2026-11-25T24:00:00Z"#], "is not a time of day"),
        (["--param", "Ratio=1e39"], "out of range for DT_R4"),
        (["--param", "Ratio=NaN"], "not a number"),
        (["--param", "Amount=123456789012345678901234567890123456789"], "more than 38 digits"),
    ])
    func refusesAValueItsTypeCannotHoldAsABadCommandLine(_ options: [String], _ reason: String) throws {
        let f = try CLIFixture()
        let r = try f.sluice(["run", try f.save(Self.package())] + options)
        #expect(r.status == 6, "\(r.transcript)")
        // --set names the property path in its own code; --param keeps the plain conversion error.
        let code = options[0] == "--set" ? "SLUICE_E_SET_VALUE_NOT_CONVERTIBLE" : "SLUICE_E_TYPE_MISMATCH"
        #expect(r.standardError.contains(code), "\(r.transcript)")
        #expect(r.standardError.contains(reason), "\(r.transcript)")
    }
}
