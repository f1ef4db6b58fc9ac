import SluiceCore
import SluiceRuntime
import Testing

@Suite struct VariableTests {
    @Test func innerDeclarationHidesTheOuterOne() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Scopes")
        p.variables = [Variable("User::X", type: .wstr, value: .string("outer"))]
        var seq = Executable("Seq", kind: .sequence)
        seq.variables = [Variable("User::X", type: .wstr, value: .string("inner"))]
        seq.executables = [RuntimeFixture.record("Set", variable: "User::X", value: "changed")]
        p.executables = [seq]
        let result = f.run(p)
        #expect(result.result == .success)
        #expect(result.variables["User::X"]?.value == .string("outer"))
    }

    @Test func writesConvertToTheDeclaredType() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Types")
        p.variables = [Variable("User::N", type: .i4, value: .int(0))]
        p.executables = [RuntimeFixture.record("Set", variable: "User::N", value: "42")]
        #expect(f.run(p).variables["User::N"]?.value == .int(42))
    }

    @Test func writingAReadOnlyVariableFails() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "ReadOnly")
        p.variables = [Variable("User::Fixed", type: .wstr, value: .string("x"), readOnly: true)]
        p.executables = [RuntimeFixture.record("Set", variable: "User::Fixed", value: "y")]
        let result = f.run(p)
        #expect(result.result == .failure)
        #expect(f.errorCodes.contains(SluiceMessage.variableReadOnly.code))
    }

    @Test func systemVariablesAreReadOnly() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "System")
        p.executables = [RuntimeFixture.record("Set", variable: "System::PackageName", value: "hacked")]
        let result = f.run(p)
        #expect(result.result == .failure)
        #expect(result.variables["System::PackageName"]?.value == .string("System"))
    }

    @Test func typeMismatchOnWriteIsAnError() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Mismatch")
        p.variables = [Variable("User::N", type: .i4, value: .int(0))]
        p.executables = [RuntimeFixture.record("Set", variable: "User::N", value: "not a number")]
        #expect(f.run(p).result == .failure)
        #expect(f.errorCodes.contains(SluiceMessage.typeMismatch.code))
    }
}
