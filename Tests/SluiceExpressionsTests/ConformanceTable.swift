import Foundation
import SluiceCore
@testable import SluiceExpressions
import Testing

/// One row of the conformance table: an expression and what it must give.
struct ConformanceRow: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        /// The value, and the type as `ExpressionType.description` writes it.
        case value(Value, type: String)
        /// A date, compared as `YYYY-MM-DD hh:mm:ss[.fff]` text.
        case date(String, type: String)
        /// A real, compared within a relative 1e-12.
        case approximately(Double, type: String)
        /// An error, at compile or evaluation time, with its line and column.
        case error(SluiceMessage, line: Int, column: Int)
    }

    let expression: String
    let expected: Expected

    var testDescription: String { expression.replacingOccurrences(of: "\n", with: "⏎") }
    var isError: Bool { if case .error = expected { true } else { false } }
}

/// The rows, grouped by topic in the `ConformanceTable+…` files.
///
/// Where SSIS's documentation says what happens, the row matches it; where it is silent and
/// Sluice had to decide, a `// Decision:` comment says so.
enum ConformanceTable {
    static let all: [ConformanceRow] =
        literals + casts + arithmetic + comparisons + logicalAndBitwise + conditionals + precedence + references
        + mathFunctions + stringFunctions + searchFunctions + dateFunctions + nullFunctions + errors

    /// Variables and parameters every row can use.
    static let environment = FixedEnvironment(
        variables: [
            "User::Count": TypedValue(.i4, .int(42)),
            "User::Zero": TypedValue(.i4, .int(0)),
            "User::Days": TypedValue(.i2, .int(7)),
            "User::Big": TypedValue(.ui8, .uint(10_000_000_000_000_000_000)),
            "User::Ratio": TypedValue(.r8, .real(0.25)),
            "User::Flag": TypedValue(.bool, .bool(true)),
            "User::Name": TypedValue(.wstr, .string("Touring Front Wheel")),
            "User::Path": TypedValue(.wstr, .string("c:\\program files\\data\\myfile.txt")),
            "User::When": TypedValue(.dbTimestamp, .date(DateTime.parse("2026-01-31 10:30:00")!)),
            "User::NullInt": TypedValue(.i4, .null),
            "User::NullName": TypedValue(.wstr, .null),
            "System::PackageName": TypedValue(.wstr, .string("LoadSales")),
        ],
        parameters: [
            "Package::Limit": TypedValue(.i4, .int(100)),
            "Project::Env": TypedValue(.wstr, .string("prod")),
        ])

    // MARK: - Row builders

    static func ok(_ expression: String, _ value: Value, _ type: String) -> ConformanceRow {
        ConformanceRow(expression: expression, expected: .value(value, type: type))
    }

    static func ok(_ expression: String, _ text: String, _ type: String) -> ConformanceRow {
        ok(expression, .string(text), type)
    }

    static func ok(_ expression: String, _ i: Int64, _ type: String = "DT_I4") -> ConformanceRow {
        ok(expression, .int(i), type)
    }

    static func ok(_ expression: String, _ b: Bool) -> ConformanceRow { ok(expression, .bool(b), "DT_BOOL") }

    static func date(_ expression: String, _ text: String, _ type: String = "DT_DBTIMESTAMP") -> ConformanceRow {
        ConformanceRow(expression: expression, expected: .date(text, type: type))
    }

    static func approx(_ expression: String, _ d: Double, _ type: String = "DT_R8") -> ConformanceRow {
        ConformanceRow(expression: expression, expected: .approximately(d, type: type))
    }

    static func fails(_ expression: String, _ message: SluiceMessage, _ line: Int, _ column: Int) -> ConformanceRow {
        ConformanceRow(expression: expression, expected: .error(message, line: line, column: column))
    }

    static func dec(_ text: String) -> Value { .decimal(Decimal(string: text)!) }
    static func r4(_ d: Double) -> Value { .real(Double(Float(d))) }
}
