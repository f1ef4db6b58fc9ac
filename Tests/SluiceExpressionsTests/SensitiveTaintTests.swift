import SluiceCore
import SluiceExpressions
import Testing

/// Taint: an expression that reads a sensitive parameter has a sensitive result, whatever it
/// computes from it (docs/sensitive-values.md).
@Suite struct SensitiveTaintTests {
    let environment = FixedEnvironment(
        variables: ["User::N": TypedValue(.i4, .int(2))],
        parameters: ["Package::Secret": TypedValue(.wstr, .string("Sekr3t"), sensitive: true), "Package::Name": TypedValue(.wstr, .string("x"))])

    @Test(arguments: ["@[$Package::Secret]", "UPPER(@[$Package::Secret])", "LEN(@[$Package::Secret]) > 3", "@[User::N] == 1 ? @[$Package::Secret] : \"no\""])
    func anExpressionReadingASensitiveParameterIsSensitive(_ text: String) throws {
        #expect(try CompiledExpression(text, environment: environment).isSensitive)
    }

    @Test(arguments: ["@[$Package::Name]", "@[User::N] + 1", "\"Sekr3t\""])
    func anExpressionReadingNoSensitiveReferenceIsNot(_ text: String) throws {
        #expect(try !CompiledExpression(text, environment: environment).isSensitive)
    }

    @Test func aConversionErrorOfASensitiveExpressionDoesNotQuoteTheValue() throws {
        let hidden = try CompiledExpression("(DT_I4)REVERSE(@[$Package::Secret])", environment: environment)
        #expect { try hidden.evaluate() } throws: { ($0 as? SluiceError).map { $0.message == .expressionConversion && !$0.description.contains("t3rkeS") } ?? false }
        // The control: a plain one quotes it, as before.
        let plain = try CompiledExpression("(DT_I4)REVERSE(@[$Package::Name] + \"abc\")", environment: environment)
        #expect { try plain.evaluate() } throws: { "\($0)".contains("cbax") }
    }
}
