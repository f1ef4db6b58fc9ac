import Foundation
import SluiceCore
@testable import SluiceExpressions
import Testing

/// Runs the conformance table (``ConformanceTable``): every row compiles and evaluates its
/// expression against ``ConformanceTable/environment`` and checks the value and type, or the
/// error with its line and column.
@Suite struct ConformanceTests {
    @Test(arguments: ConformanceTable.all)
    func evaluatesAsSSISDoes(_ row: ConformanceRow) throws {
        let outcome = Result { () throws -> (Value, ExpressionType) in
            let e = try CompiledExpression(row.expression, environment: ConformanceTable.environment)
            return (try e.evaluate(), e.type)
        }
        switch row.expected {
        case .value(let expected, let type):
            let (value, actualType) = try outcome.get()
            #expect(value == expected)
            #expect(actualType.description == type)
        case .date(let expected, let type):
            let (value, actualType) = try outcome.get()
            #expect(value.dateValue.map { DateTime.format($0) } == expected)
            #expect(actualType.description == type)
        case .approximately(let expected, let type):
            let (value, actualType) = try outcome.get()
            let d = try #require(value.double)
            #expect(abs(d - expected) <= abs(expected) * 1e-12, "\(d) is not \(expected)")
            #expect(actualType.description == type)
        case .error(let message, let line, let column):
            switch outcome {
            case .success(let (value, type)):
                Issue.record("expected \(message.name) but got \(value) of type \(type)")
            case .failure(let error):
                let e = try #require(error as? SluiceError, "\(error)")
                #expect(e.message == message, "\(e.text)")
                #expect(e.inserts["line"] == String(line), "\(e.text)")
                #expect(e.inserts["column"] == String(column), "\(e.text)")
            }
        }
    }

    @Test func tableIsLargeEnoughAndCoversEveryFunction() {
        let rows = ConformanceTable.all
        #expect(rows.count >= 300)
        #expect(rows.filter(\.isError).count >= 40)
        for name in FunctionLibrary.definitions.keys {
            #expect(rows.contains { $0.expression.uppercased().contains(name + "(") }, "\(name) has no row")
        }
        let messages = Set(rows.compactMap { row -> SluiceMessage? in
            if case .error(let m, _, _) = row.expected { m } else { nil }
        })
        for m in [
            SluiceMessage.expressionSyntax, .expressionUnknownFunction, .expressionArity, .expressionType,
            .expressionVariableNotFound, .expressionParameterNotFound, .expressionColumnNotFound,
            .expressionDivideByZero, .expressionOverflow, .expressionConversion, .expressionArgument,
        ] {
            #expect(messages.contains(m), "no row expects \(m.name)")
        }
    }

    /// A variable is read when the expression is evaluated, never frozen at compile time, even
    /// inside operators and functions that fold constants.
    @Test func variablesAreReadAtEveryEvaluation() throws {
        let counter = Counter()
        let e = try CompiledExpression("ABS(@[User::N] * 2) + LEN(\"ab\")", environment: counter)
        #expect(try e.evaluate() == .int(6))
        counter.set(-5)
        #expect(try e.evaluate() == .int(12))
        let loop = try CompiledExpression("@[User::N] < 10 ? \"go\" : \"stop\"", environment: counter)
        #expect(try loop.evaluate() == .string("go"))
        counter.set(10)
        #expect(try loop.evaluate() == .string("stop"))
    }

    /// GETDATE and GETUTCDATE are read at every evaluation.
    @Test func currentDatesAreNotFolded() throws {
        for text in ["GETUTCDATE()", "GETDATE()", "DATEADD(ms, 0, GETUTCDATE())"] {
            let e = try CompiledExpression(text, environment: FixedEnvironment())
            #expect(e.type.description == "DT_DBTIMESTAMP")
            let first = try #require(try e.evaluate().dateValue)
            Thread.sleep(forTimeInterval: 0.02)
            let second = try #require(try e.evaluate().dateValue)
            #expect(second > first, "\(text) did not change")
        }
        let local = try #require(try CompiledExpression("GETDATE()", environment: FixedEnvironment()).evaluate().dateValue)
        let offset = TimeInterval(TimeZone.current.secondsFromGMT())
        #expect(abs(local.timeIntervalSinceNow - offset) < 60)
    }
}

/// An environment whose single variable, `User::N` (DT_I4), changes between evaluations.
private final class Counter: ExpressionEnvironment, @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64 = 2

    func set(_ v: Int64) { lock.withLock { value = v } }

    func variable(_ name: String) -> ExpressionBinding? {
        guard name == "User::N" || name == "N" else { return nil }
        return ExpressionBinding(name: "User::N", type: .i4) { [self] in .int(lock.withLock { value }) }
    }
}
