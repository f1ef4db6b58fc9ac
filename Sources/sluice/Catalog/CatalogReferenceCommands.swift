import SluiceCatalogClient
import SluiceCommandLine
import SluiceCore

/// `sluice catalog env reference list|add|remove`: a project's references to environments
/// (SSISDB `create_environment_reference`): relative (the project's own folder) or absolute
/// (`--folder`).
enum CatalogReferenceCommands {
    static let projectArgument = ArgumentSpec("project", help: "FOLDER/PROJECT.")

    static let spec = CommandSpec(
        "reference", abstract: "List, add and remove a project's references to environments.",
        subcommands: [
            CatalogCommand.leaf("list", "List a project's environment references.", arguments: [projectArgument]),
            CatalogCommand.leaf(
                "add", "Reference an environment of the project's folder, or of --folder.",
                arguments: [projectArgument, ArgumentSpec("environment", help: "The environment's name.")],
                options: [.value("folder", valueName: "FOLDER", help: "The environment's folder (an absolute reference).")]),
            CatalogCommand.leaf(
                "remove", "Remove a reference (its id, from 'env reference list').",
                arguments: [projectArgument, ArgumentSpec("id", help: "The reference's id.")]),
        ])

    static let handlers: [String: CatalogHandler] = [
        "env reference list": list, "env reference add": add, "env reference remove": remove,
    ]

    static let header = ["ID", "KIND", "FOLDER", "ENVIRONMENT"]

    static func row(_ r: CatalogClient.EnvironmentReference) -> [String] {
        [r.id, r.kind.rawValue, r.folder ?? "", r.environment]
    }

    static func list(_ parsed: ParsedCommand) throws {
        let (folder, project) = try CatalogPath.project(CatalogCommand.argument(parsed, "project"))
        let references = try CatalogRunner.run(parsed) { try await $0.allEnvironmentReferences(folder: folder, project: project) }
        CatalogOutput.print(parsed, references, header: header, rows: references.map(row))
    }

    static func add(_ parsed: ParsedCommand) throws {
        let (folder, project) = try CatalogPath.project(CatalogCommand.argument(parsed, "project"))
        let environment = CatalogCommand.argument(parsed, "environment")
        let environmentFolder = try parsed.value("folder").map(CatalogPath.folder)
        let made = try CatalogRunner.run(parsed) {
            try await $0.createEnvironmentReference(folder: folder, project: project, environment: environment, inFolder: environmentFolder)
        }
        CatalogOutput.print(parsed, made, header: header, rows: [row(made)])
    }

    static func remove(_ parsed: ParsedCommand) throws {
        let (folder, project) = try CatalogPath.project(CatalogCommand.argument(parsed, "project"))
        let id = CatalogCommand.argument(parsed, "id")
        try CatalogRunner.run(parsed) { try await $0.deleteEnvironmentReference(folder: folder, project: project, id: id) }
        if !parsed.flag("json") { print("Removed reference \(Printable.escaped(id))") }
    }
}
