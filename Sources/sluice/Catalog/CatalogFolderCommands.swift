import SluiceCatalogClient
import SluiceCommandLine
import SluiceCore

/// `sluice catalog folder create|rename|delete|list|describe`.
enum CatalogFolderCommands {
    static let spec = CommandSpec(
        "folder", abstract: "Create, rename, delete, list and describe catalog folders.",
        subcommands: [
            CatalogCommand.leaf(
                "create", "Create a folder (administrators).", arguments: [ArgumentSpec("folder", help: "The folder's name.")],
                options: [.value("description", valueName: "text", help: "The folder's description.")]),
            CatalogCommand.leaf(
                "rename", "Rename a folder.",
                arguments: [ArgumentSpec("folder", help: "The folder."), ArgumentSpec("new-name", help: "Its new name.")]),
            CatalogCommand.leaf(
                "delete", "Delete a folder (empty, unless --recursive).", arguments: [ArgumentSpec("folder", help: "The folder.")],
                options: [.flag("recursive", help: "Also delete its projects and environments.")]),
            CatalogCommand.leaf("list", "List the folders you may read."),
            CatalogCommand.leaf("describe", "Show one folder.", arguments: [ArgumentSpec("folder", help: "The folder.")]),
        ])

    static let handlers: [String: CatalogHandler] = [
        "folder create": create, "folder rename": rename, "folder delete": delete, "folder list": list, "folder describe": describe,
    ]

    static let header = ["NAME", "DESCRIPTION", "CREATED", "CREATED BY", "ID"]

    static func row(_ f: CatalogClient.Folder) -> [String] {
        [f.name, f.description ?? "", CatalogOutput.date(f.createdAt), f.createdBy ?? "", f.id]
    }

    static func create(_ parsed: ParsedCommand) throws {
        let name = try CatalogPath.folder(CatalogCommand.argument(parsed, "folder"))
        let description = parsed.value("description")
        let folder = try CatalogRunner.run(parsed) { try await $0.createFolder(name, description: description) }
        CatalogOutput.print(parsed, folder, header: header, rows: [row(folder)])
    }

    static func rename(_ parsed: ParsedCommand) throws {
        let name = try CatalogPath.folder(CatalogCommand.argument(parsed, "folder"))
        let newName = CatalogCommand.argument(parsed, "new-name")
        let folder = try CatalogRunner.run(parsed) { try await $0.renameFolder(name, to: newName) }
        CatalogOutput.print(parsed, folder, header: header, rows: [row(folder)])
    }

    static func delete(_ parsed: ParsedCommand) throws {
        let name = try CatalogPath.folder(CatalogCommand.argument(parsed, "folder"))
        let recursive = parsed.flag("recursive")
        try CatalogRunner.run(parsed) { try await $0.deleteFolder(name, recursive: recursive) }
        if !parsed.flag("json") { print("Deleted folder \(Printable.escaped(name))") }
    }

    static func list(_ parsed: ParsedCommand) throws {
        let folders = try CatalogRunner.run(parsed) { try await $0.allFolders() }
        CatalogOutput.print(parsed, folders, header: header, rows: folders.map(row))
    }

    static func describe(_ parsed: ParsedCommand) throws {
        let name = try CatalogPath.folder(CatalogCommand.argument(parsed, "folder"))
        let folder = try CatalogRunner.run(parsed) { try await $0.describeFolder(name) }
        CatalogOutput.print(parsed, folder, header: header, rows: [row(folder)])
    }
}
