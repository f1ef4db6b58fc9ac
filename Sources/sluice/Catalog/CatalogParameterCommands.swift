import SluiceCatalogClient
import SluiceCommandLine
import SluiceCore

/// `sluice catalog param list|set|clear`: server values of project and package parameters
/// (SSISDB `set_object_parameter_value`, `clear_object_parameter_value`).
enum CatalogParameterCommands {
    static let ownerArgument = ArgumentSpec("owner", help: "FOLDER/PROJECT (a project parameter) or FOLDER/PROJECT/PACKAGE (a package's).")
    static let nameArgument = ArgumentSpec("parameter", help: "The parameter's name (without $Project:: or $Package::).")

    static let spec = CommandSpec(
        "param", abstract: "List parameters and set or clear their server values.",
        subcommands: [
            CatalogCommand.leaf(
                "list", "List a project's and its packages' parameters (sensitive values are not shown).",
                arguments: [ArgumentSpec("project", help: "FOLDER/PROJECT.")]),
            CatalogCommand.leaf(
                "set", "Set a parameter's server value: a literal, or an environment variable with --variable.",
                arguments: [ownerArgument, nameArgument, ArgumentSpec("value", help: "The value (or --value-stdin, or --variable).", optional: true)],
                options: [
                    .value("variable", valueName: "NAME", help: "Take the value of this environment variable at run time (via the project's references)."),
                    .flag("value-stdin", help: "Read the value from the first line of standard input (keeps it out of 'ps')."),
                ]),
            CatalogCommand.leaf("clear", "Clear a parameter's server value; the design value applies again.", arguments: [ownerArgument, nameArgument]),
        ])

    static let handlers: [String: CatalogHandler] = ["param list": list, "param set": set, "param clear": clear]

    static let header = ["PACKAGE", "NAME", "TYPE", "REQUIRED", "SENSITIVE", "DESIGN VALUE", "SERVER VALUE"]

    static func row(_ p: CatalogClient.Parameter) -> [String] {
        let server: String =
            switch (p.valueKind, p.sensitive) {
            case (nil, _): ""
            case (.referenced?, _): "variable " + (p.variable ?? "")
            case (.literal?, true): "(set)"
            case (.literal?, false): p.value ?? ""
            }
        return [p.package ?? "(project)", p.name, p._type.rawValue, p.required ? "yes" : "no", p.sensitive ? "yes" : "no",
                p.designValue ?? "", server]
    }

    /// `FOLDER/PROJECT` or `FOLDER/PROJECT/PACKAGE`.
    static func owner(_ parsed: ParsedCommand) throws -> (folder: String, project: String, package: String?) {
        let text = CatalogCommand.argument(parsed, "owner")
        if text.split(separator: "/", omittingEmptySubsequences: false).count == 3 {
            let (folder, project, package) = try CatalogPath.package(text)
            return (folder, project, package)
        }
        let (folder, project) = try CatalogPath.project(text)
        return (folder, project, nil)
    }

    static func list(_ parsed: ParsedCommand) throws {
        let (folder, project) = try CatalogPath.project(CatalogCommand.argument(parsed, "project"))
        let parameters = try CatalogRunner.run(parsed) { try await $0.allParameters(folder: folder, project: project) }
        CatalogOutput.print(parsed, parameters, header: header, rows: parameters.map(row))
    }

    static func set(_ parsed: ParsedCommand) throws {
        let (folder, project, package) = try owner(parsed)
        let name = CatalogCommand.argument(parsed, "parameter")
        let value: CatalogClient.ParameterValue
        let given = [parsed.value("variable") != nil, parsed.flag("value-stdin"), parsed.argument("value") != nil].filter { $0 }.count
        guard given == 1 else {
            throw SluiceError(.catalogClientInputInvalid, ["reason": "give exactly one of a value, --value-stdin or --variable"])
        }
        if let variable = parsed.value("variable") {
            value = .referenced(variable: variable)
        } else if parsed.flag("value-stdin") {
            value = .literal(try PasswordReader.read(prompt: "", fromStdin: true))
        } else {
            value = .literal(parsed.argument("value") ?? "")
        }
        let parameter = try CatalogRunner.run(parsed) {
            try await $0.setParameterValue(folder: folder, project: project, package: package, parameter: name, to: value)
        }
        CatalogOutput.print(parsed, parameter, header: header, rows: [row(parameter)])
    }

    static func clear(_ parsed: ParsedCommand) throws {
        let (folder, project, package) = try owner(parsed)
        let name = CatalogCommand.argument(parsed, "parameter")
        try CatalogRunner.run(parsed) { try await $0.clearParameterValue(folder: folder, project: project, package: package, parameter: name) }
        if !parsed.flag("json") { print("Cleared the server value of \(Printable.escaped(name))") }
    }
}
