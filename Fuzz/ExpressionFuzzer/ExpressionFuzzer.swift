// libFuzzer entry point for the SSIS expression language (SluiceExpressions).
//
// Built and run by scripts/fuzz-expressions.sh (swiftc -sanitize=fuzzer[,address]); not part of
// Package.swift. Each input is read as UTF-8 (invalid bytes become U+FFFD) and goes through
// every public entry point: ExpressionParser.parse, CompiledExpression (parse, compile, evaluate),
// ExpressionParser.parseAssignment and CompiledExpression.assignment (compile, evaluate).
//
// The invariants (the same as Tests/SluiceExpressionsTests/ParserFuzzTests.swift):
//   - nothing traps (a trap is a crash libFuzzer reports with the input);
//   - every thrown error is a SluiceError with a 6xxxx expression message, whose template's
//     inserts are all present, with a `line` and `column` that lie within the input (line 1…
//     number of lines; column 1… length of that line + 1, counted in Unicode scalars as the lexer
//     counts them);
//   - parse and compile agree: the compiler reports SLUICE_E_EXPRESSION_SYNTAX exactly when the
//     parser fails, at the same position;
//   - an evaluated value is NULL or of the kind its type holds, a string is no longer than its
//     type's length when the type has one, and the value displays (CompiledExpression.display).
// A broken invariant prints the reason and the input, then aborts, so libFuzzer saves it.

import Foundation
import SluiceCore
import SluiceExpressions

private let expressionMessages: Set<SluiceMessage> = Set(MessageCatalog.all.filter { (60000..<70000).contains($0.code) })

private let environment: FixedEnvironment = {
    var utc = Calendar(identifier: .gregorian)
    utc.timeZone = TimeZone(identifier: "UTC")!
    let when = utc.date(from: DateComponents(year: 2026, month: 3, day: 15, hour: 10, minute: 30, second: 5))!
    let day = utc.date(from: DateComponents(year: 2024, month: 2, day: 29))!
    return FixedEnvironment(
        variables: [
            "User::Count": TypedValue(.i4, .int(42)),
            "User::Name": TypedValue(.wstr, .string("Ada Lovelace")),
            "User::Code": TypedValue(.str, .string("abc")),
            "User::Big": TypedValue(.ui8, .uint(.max)),
            "User::Neg": TypedValue(.i8, .int(.min)),
            "User::Small": TypedValue(.i1, .int(-128)),
            "User::Ratio": TypedValue(.r8, .real(2.5)),
            "User::Amount": TypedValue(.numeric, .decimal(Decimal(string: "12345.678")!)),
            "User::When": TypedValue(.dbTimestamp, .date(when)),
            "User::Flag": TypedValue(.bool, .bool(true)),
            "User::Nothing": TypedValue(.i4, .null),
            "User::Id": TypedValue(.guid, .guid(UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!)),
            "User::Blob": TypedValue(.bytes, .bytes([0, 255, 16])),
            "System::PackageName": TypedValue(.wstr, .string("Fuzz")),
        ],
        parameters: [
            "Package::P": TypedValue(.i4, .int(7)),
            "Project::Q": TypedValue(.wstr, .string("q")),
            "Package::D": TypedValue(.dbDate, .date(day)),
            "Package::R": TypedValue(.r4, .real(1.5)),
        ])
}()

/// The same names, with the User:: variables writable, for assignments (FixedEnvironment's
/// bindings are read-only, which would stop every assignment before its value compiles).
private struct WritableEnvironment: ExpressionEnvironment {
    let base: FixedEnvironment
    func variable(_ name: String) -> ExpressionBinding? {
        guard var b = base.variable(name) else { return nil }
        b.readOnly = b.name.hasPrefix("System::")
        return b
    }
    func parameter(_ name: String) -> ExpressionBinding? { base.parameter(name) }
    func column(_ name: String) -> ExpressionBinding? { base.column(name) }
}

private let writable = WritableEnvironment(base: environment)

private func broken(_ what: String, _ text: String) -> Never {
    let message = "expression-fuzzer: invariant broken: \(what)\ninput: \(text.debugDescription)\n"
    FileHandle.standardError.write(Data(message.utf8))
    abort()
}

/// Checks that `error` is a coded expression error positioned inside `text`; returns it.
@discardableResult
private func checkError(_ error: any Error, _ text: String, _ stage: String) -> SluiceError {
    guard let e = error as? SluiceError else { broken("\(stage) threw \(type(of: error)): \(error)", text) }
    guard expressionMessages.contains(e.message) else { broken("\(stage) threw \(e.name) (\(e.code)), not a 6xxxx message", text) }
    for name in e.message.insertNames where e.inserts[name] == nil {
        broken("\(stage): \(e.name) lacks the insert {\(name)}", text)
    }
    guard let line = e.inserts["line"].flatMap({ Int($0) }), let column = e.inserts["column"].flatMap({ Int($0) }) else {
        broken("\(stage): \(e.name) has no numeric line and column: \(e.inserts)", text)
    }
    let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    guard line >= 1, line <= lines.count, column >= 1, column <= lines[line - 1].count + 1 else {
        broken("\(stage): \(e.name) at line \(line), column \(column) lies outside the input", text)
    }
    return e
}

/// Checks that `v` fits the expression's type, and that it displays (as `sluice eval` prints it).
private func checkValue(_ v: Value, _ expression: CompiledExpression, _ text: String, _ stage: String) {
    let type = expression.type
    _ = expression.display(v)
    if v == .null { return }
    guard v.kind == type.dataType.valueKind else { broken("\(stage): a \(type) expression gave \(v.kind) value \(v)", text) }
    if case .string(let s) = v, let length = type.length, s.unicodeScalars.count > length {
        broken("\(stage): a \(type) expression gave \(s.unicodeScalars.count) characters", text)
    }
}

private func position(_ e: SluiceError) -> String { "\(e.inserts["line"] ?? "?"):\(e.inserts["column"] ?? "?")" }

func checkExpression(_ text: String) {
    var syntaxError: SluiceError?
    do { _ = try ExpressionParser.parse(text) } catch { syntaxError = checkError(error, text, "parse") }

    do {
        let compiled = try CompiledExpression(text, environment: environment)
        if let syntaxError { broken("parse failed (\(syntaxError)) but compile succeeded", text) }
        do { checkValue(try compiled.evaluate(), compiled, text, "evaluate") } catch { checkError(error, text, "evaluate") }
    } catch {
        let e = checkError(error, text, "compile")
        if (e.message == .expressionSyntax) != (syntaxError != nil)
            || (syntaxError != nil && position(e) != position(syntaxError!))
        {
            broken("parse said \(syntaxError.map(String.init(describing:)) ?? "OK") but compile said \(e)", text)
        }
    }

    _ = ExpressionText.isAssignment(text)
    do { _ = try ExpressionParser.parseAssignment(text) } catch { checkError(error, text, "parseAssignment") }
    do {
        let (value, _) = try CompiledExpression.assignment(text, environment: writable)
        do { checkValue(try value.evaluate(), value, text, "evaluate assignment") } catch {
            checkError(error, text, "evaluate assignment")
        }
    } catch {
        checkError(error, text, "compile assignment")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { UnsafeBufferPointer(start: $0, count: size) } ?? UnsafeBufferPointer(start: nil, count: 0)
    checkExpression(String(decoding: bytes, as: UTF8.self))
    return 0
}
