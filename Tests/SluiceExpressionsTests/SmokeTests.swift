import SluiceCore
@testable import SluiceExpressions
import Testing

@Suite struct SmokeTests {
    func eval(_ text: String, _ env: FixedEnvironment = FixedEnvironment()) throws -> (Value, String) {
        let e = try CompiledExpression(text, environment: env)
        return (try e.evaluate(), e.type.description)
    }

    @Test func arithmeticFollowsPrecedence() throws {
        #expect(try eval("1 + 2 * 3").0 == .int(7))
        #expect(try eval("(1 + 2) * 3").0 == .int(9))
        #expect(try eval("7 / 2").0 == .int(3))
        #expect(try eval("7 % 3").1 == "DT_I4")
        #expect(try eval("1.5 + 1").1 == "(DT_NUMERIC,38,1)")
        #expect(try eval("2.5E0 * 2").0 == .real(5))
        #expect(try eval("\"a\" + \"bc\"").0 == .string("abc"))
        #expect(try eval("1 < 2 && !(3 == 4) ? \"yes\" : \"no\"").0 == .string("yes"))
        #expect(try eval("(DT_WSTR,3)12345").0 == .string("123"))
        #expect(try eval("(DT_I4)\"42\" + 1").0 == .int(43))
        #expect(try eval("ISNULL(NULL(DT_I4))").0 == .bool(true))
        #expect(try eval("NULL(DT_I4) + 1").0 == .null)
        #expect(try eval("@[User::X] * 2", FixedEnvironment(variables: ["User::X": TypedValue(.i4, .int(21))])).0 == .int(42))
    }

    @Test func errorsNameTheirPosition() throws {
        do {
            _ = try eval("1 +\n  \"a\"")
            Issue.record("expected a type error")
        } catch let e as SluiceError {
            #expect(e.message == .expressionType)
            #expect(e.text.contains("line 1, column 1"))
        }
        do {
            _ = try eval("1 / 0")
            Issue.record("expected division by zero at compile time")
        } catch let e as SluiceError {
            #expect(e.message == .expressionDivideByZero)
        }
    }
}
