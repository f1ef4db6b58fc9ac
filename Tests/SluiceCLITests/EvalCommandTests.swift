import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

@Suite struct EvalCommandTests {
    @Test func printsTheValueAndItsType() throws {
        let f = try CLIFixture()
        let r = try f.sluice(["eval", "@[User::N] * 2 + 1", "--var", "User::N=DT_I4:20"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardOutput == "41  (DT_I4)\n")
    }

    @Test func parametersAndJSONOutput() throws {
        let f = try CLIFixture()
        let r = try f.sluice(["eval", "$Package::Region + \"!\"", "--param", "Region=DT_WSTR:emea", "--json"])
        #expect(r.status == 0, "\(r.transcript)")
        let o = try #require(try JSONParser.parse(Array(r.standardOutput.utf8)).objectValue)
        #expect(o["value"]?.stringValue == "emea!")
        #expect(o["type"]?.stringValue == "DT_WSTR", "a parameter has no declared length, so neither has the result")
    }

    @Test func errorsCarryTheirCodeAndPosition() throws {
        let f = try CLIFixture()
        let r = try f.sluice(["eval", "1 + \"a\"", "--json"])
        #expect(r.status == 1)
        let o = try #require(try JSONParser.parse(Array(r.standardOutput.utf8)).objectValue)
        #expect(o["name"]?.stringValue == "SLUICE_E_EXPRESSION_TYPE")
        #expect(o["line"] == .int(1))
        #expect(o["column"] == .int(1))
        let plain = try f.sluice(["eval", "@[User::Missing]"])
        #expect(plain.status == 1)
        #expect(plain.standardError.contains("SLUICE_E_EXPRESSION_VARIABLE_NOT_FOUND (60005)"))
    }

    @Test func aMalformedVariableIsABadCommandLine() throws {
        let f = try CLIFixture()
        let r = try f.sluice(["eval", "1", "--var", "User::N=DT_NOPE:1"])
        #expect(r.status == 6)
        #expect(r.standardError.contains("SLUICE_E_COMMAND_LINE_INVALID"))
    }
}
