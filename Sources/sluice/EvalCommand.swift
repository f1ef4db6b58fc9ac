import Foundation
import SluiceCommandLine
import SluiceCore
import SluiceExpressions

/// `sluice eval 'EXPRESSION'`: try an expression before putting it in a package.
struct EvalCommand {
    static let spec = CommandSpec(
        "eval",
        abstract: "Evaluate an SSIS expression and print its value and type.",
        discussion: """
            Variables and parameters are given with their type:
              sluice eval '@[User::N] * 2' --var User::N=DT_I4:21
              sluice eval 'UPPER($Package::Region)' --param Region=DT_WSTR:emea
            Errors print their Sluice code and position, and exit 1.
            """,
        arguments: [ArgumentSpec("expression", help: #"The expression, e.g. '"a" + (DT_WSTR,5)42'."#)],
        options: [
            .repeated("var", valueName: "name=type:value", help: "A variable: Namespace::Name=DT_TYPE:VALUE (repeatable)."),
            .repeated("param", valueName: "name=type:value", help: "A parameter: Name=DT_TYPE:VALUE (repeatable)."),
            .flag("json", help: "Print the result as one JSON object."),
        ])

    let expression: String
    let variables: [String]
    let parameters: [String]
    let json: Bool

    static func run(_ parsed: ParsedCommand) throws {
        let command = EvalCommand(
            expression: parsed.argument("expression") ?? "", variables: parsed.values("var"), parameters: parsed.values("param"),
            json: parsed.flag("json"))
        try command.run()
    }

    func run() throws {
        var environment = FixedEnvironment()
        do {
            for v in variables {
                let (name, typed) = try Self.typedValue(v)
                environment.variables[name.contains("::") ? name : "User::\(name)"] = typed
            }
            for p in parameters {
                let (name, typed) = try Self.typedValue(p)
                environment.parameters[name.hasPrefix("$") ? String(name.dropFirst()) : name] = typed
            }
        } catch let error as SluiceError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitStatus.badCommandLine
        }
        do {
            let compiled = try CompiledExpression(expression, environment: environment)
            let value = try compiled.evaluate()
            if json {
                print(JSONWriter.compact(.object(JSONObject([
                    ("value", value.isNull ? .null : .string(compiled.display(value))), ("type", .string(compiled.type.description)),
                ]))))
            } else {
                let type = compiled.type.description
                print("\(compiled.display(value))  \(type.hasPrefix("(") ? type : "(\(type))")")
            }
        } catch let error as SluiceError {
            if json {
                var o = JSONObject([("code", .int(Int64(error.code))), ("name", .string(error.name)), ("message", .string(error.text))])
                if let line = error.inserts["line"].flatMap(Int64.init), let column = error.inserts["column"].flatMap(Int64.init) {
                    o["line"] = .int(line)
                    o["column"] = .int(column)
                }
                print(JSONWriter.compact(.object(o)))
            } else {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
            }
            throw ExitStatus.failure
        }
    }

    /// `Name=DT_TYPE:VALUE`.
    static func typedValue(_ text: String) throws -> (String, TypedValue) {
        guard let eq = text.firstIndex(of: "="), let colon = text[eq...].firstIndex(of: ":") else {
            throw SluiceError(.commandLineInvalid, ["reason": "expected NAME=DT_TYPE:VALUE, got \"\(text)\""])
        }
        let name = String(text[..<eq])
        let typeName = String(text[text.index(after: eq)..<colon]).uppercased()
        guard let type = DataType(rawValue: typeName) else {
            throw SluiceError(.commandLineInvalid, ["reason": "\"\(typeName)\" is not a data type (DT_I4, DT_WSTR, …)"])
        }
        return (name, TypedValue(type, try Value.parse(String(text[text.index(after: colon)...]), as: type)))
    }
}
