import SluiceCatalogAPI
import SluiceCatalogClient
import SluiceCommandLine
import SluiceCore

/// `sluice catalog env create|rename|delete|list|set|unset|variables|reference`.
enum CatalogEnvironmentCommands {
    static let environmentArgument = ArgumentSpec("environment", help: "FOLDER/ENVIRONMENT.")

    static let spec = CommandSpec(
        "env", abstract: "Create, rename, delete and list environments, and set their variables.",
        subcommands: [
            CatalogCommand.leaf(
                "create", "Create an environment in a folder.", arguments: [environmentArgument],
                options: [.value("description", valueName: "text", help: "The environment's description.")]),
            CatalogCommand.leaf(
                "rename", "Rename an environment.", arguments: [environmentArgument, ArgumentSpec("new-name", help: "Its new name.")]),
            CatalogCommand.leaf("delete", "Delete an environment.", arguments: [environmentArgument]),
            CatalogCommand.leaf("list", "List the environments of a folder.", arguments: [ArgumentSpec("folder", help: "FOLDER.")]),
            CatalogCommand.leaf(
                "set", "Create or replace a variable.",
                arguments: [environmentArgument, ArgumentSpec("variable", help: "The variable."),
                            ArgumentSpec("value", help: "Its value (or --value-stdin).", optional: true)],
                options: [
                    .value("type", valueName: "DT_…", help: "The variable's data type.", default: "DT_WSTR"),
                    .flag("sensitive", help: "Make the value write-only (never shown again)."),
                    .flag("value-stdin", help: "Read the value from the first line of standard input (keeps it out of 'ps')."),
                    .value("description", valueName: "text", help: "The variable's description."),
                ]),
            CatalogCommand.leaf(
                "unset", "Delete a variable.", arguments: [environmentArgument, ArgumentSpec("variable", help: "The variable.")]),
            CatalogCommand.leaf("variables", "List an environment's variables (sensitive values are not shown).", arguments: [environmentArgument]),
            CatalogReferenceCommands.spec,
        ])

    static let handlers: [String: CatalogHandler] = [
        "env create": create, "env rename": rename, "env delete": delete, "env list": list, "env set": setVariable, "env unset": unset,
        "env variables": variables,
    ].merging(CatalogReferenceCommands.handlers) { a, _ in a }

    static let header = ["FOLDER", "NAME", "DESCRIPTION", "CREATED", "CREATED BY"]

    static func row(_ e: CatalogClient.Environment) -> [String] {
        [e.folder, e.name, e.description ?? "", CatalogOutput.date(e.createdAt), e.createdBy ?? ""]
    }

    static func environment(_ parsed: ParsedCommand) throws -> (folder: String, environment: String) {
        let (folder, environment) = try CatalogPath.project(CatalogCommand.argument(parsed, "environment"))
        return (folder, environment)
    }

    static func create(_ parsed: ParsedCommand) throws {
        let (folder, name) = try environment(parsed)
        let description = parsed.value("description")
        let created = try CatalogRunner.run(parsed) { try await $0.createEnvironment(folder: folder, name: name, description: description) }
        CatalogOutput.print(parsed, created, header: header, rows: [row(created)])
    }

    static func rename(_ parsed: ParsedCommand) throws {
        let (folder, name) = try environment(parsed)
        let newName = CatalogCommand.argument(parsed, "new-name")
        let renamed = try CatalogRunner.run(parsed) { try await $0.renameEnvironment(folder: folder, name: name, to: newName) }
        CatalogOutput.print(parsed, renamed, header: header, rows: [row(renamed)])
    }

    static func delete(_ parsed: ParsedCommand) throws {
        let (folder, name) = try environment(parsed)
        try CatalogRunner.run(parsed) { try await $0.deleteEnvironment(folder: folder, name: name) }
        if !parsed.flag("json") { print("Deleted environment \(Printable.escaped(name))") }
    }

    static func list(_ parsed: ParsedCommand) throws {
        let folder = try CatalogPath.folder(CatalogCommand.argument(parsed, "folder"))
        let environments = try CatalogRunner.run(parsed) { try await $0.allEnvironments(folder: folder) }
        CatalogOutput.print(parsed, environments, header: header, rows: environments.map(row))
    }

    static func setVariable(_ parsed: ParsedCommand) throws {
        let (folder, name) = try environment(parsed)
        let variable = CatalogCommand.argument(parsed, "variable")
        let value: String
        if parsed.flag("value-stdin") {
            value = try PasswordReader.read(prompt: "", fromStdin: true)
        } else if let given = parsed.argument("value") {
            value = given
        } else {
            throw SluiceError(.catalogClientInputInvalid, ["reason": "give the value as an argument or with --value-stdin"])
        }
        let typeName = parsed.value("type") ?? "DT_WSTR"
        guard let type = Components.Schemas.DataType(rawValue: typeName.uppercased()) else {
            throw SluiceError(.catalogClientInputInvalid, ["reason": "\"\(Printable.escaped(typeName))\" is not a data type (DT_WSTR, DT_I4, DT_BOOL…)"])
        }
        let sensitive: Bool? = parsed.flag("sensitive") ? true : nil
        let description = parsed.value("description")
        let variableSet = try CatalogRunner.run(parsed) {
            try await $0.setVariable(folder: folder, environment: name, name: variable, value: value, type: type, sensitive: sensitive, description: description)
        }
        CatalogOutput.print(parsed, variableSet, header: variableHeader, rows: [variableRow(variableSet)])
    }

    static func unset(_ parsed: ParsedCommand) throws {
        let (folder, name) = try environment(parsed)
        let variable = CatalogCommand.argument(parsed, "variable")
        try CatalogRunner.run(parsed) { try await $0.deleteVariable(folder: folder, environment: name, name: variable) }
        if !parsed.flag("json") { print("Deleted variable \(Printable.escaped(variable))") }
    }

    static func variables(_ parsed: ParsedCommand) throws {
        let (folder, name) = try environment(parsed)
        let variables = try CatalogRunner.run(parsed) { try await $0.allVariables(folder: folder, environment: name) }
        CatalogOutput.print(parsed, variables, header: variableHeader, rows: variables.map(variableRow))
    }

    static let variableHeader = ["NAME", "TYPE", "VALUE", "SENSITIVE", "DESCRIPTION"]

    static func variableRow(_ v: CatalogClient.EnvironmentVariable) -> [String] {
        [v.name, v._type.rawValue, v.sensitive ? (v.valueSet ? "(set)" : "(not set)") : (v.value ?? ""), v.sensitive ? "yes" : "no", v.description ?? ""]
    }
}
