import Foundation
import SluiceCatalogClient
import SluiceCommandLine
import SluiceCore

/// `sluice catalog project deploy|versions|restore|move|export|delete|list`.
enum CatalogProjectCommands {
    static let spec = CommandSpec(
        "project", abstract: "Deploy, version, restore, move, export and delete catalog projects.",
        subcommands: [
            CatalogCommand.leaf(
                "deploy", "Deploy a .sluiceproj archive as the project's next version (creating the project if new).",
                arguments: [ArgumentSpec("project", help: "FOLDER/PROJECT."), ArgumentSpec("archive", help: "The .sluiceproj file ('sluice project pack').")]),
            CatalogCommand.leaf("versions", "List a project's retained versions.", arguments: [ArgumentSpec("project", help: "FOLDER/PROJECT.")]),
            CatalogCommand.leaf(
                "restore", "Make a retained version current again.",
                arguments: [ArgumentSpec("project", help: "FOLDER/PROJECT."), ArgumentSpec("version", help: "The version number.")]),
            CatalogCommand.leaf(
                "move", "Move a project to another folder.",
                arguments: [ArgumentSpec("project", help: "FOLDER/PROJECT."), ArgumentSpec("destination", help: "The destination folder.")]),
            CatalogCommand.leaf(
                "export", "Write a project's archive (current version, or --version) to a file.",
                arguments: [ArgumentSpec("project", help: "FOLDER/PROJECT.")],
                options: [
                    .value("output", valueName: "file", help: "The file to write (default: PROJECT.sluiceproj)."),
                    .value("version", valueName: "n", help: "A retained version instead of the current one."),
                ]),
            CatalogCommand.leaf("delete", "Delete a project and all its versions.", arguments: [ArgumentSpec("project", help: "FOLDER/PROJECT.")]),
            CatalogCommand.leaf("list", "List the projects of a folder.", arguments: [ArgumentSpec("folder", help: "FOLDER.")]),
        ])

    static let handlers: [String: CatalogHandler] = [
        "project deploy": deploy, "project versions": versions, "project restore": restore, "project move": move,
        "project export": export, "project delete": delete, "project list": list,
    ]

    static let header = ["FOLDER", "NAME", "VERSION", "PACKAGES", "DEPLOYED", "DEPLOYED BY", "DESCRIPTION"]

    static func row(_ p: CatalogClient.Project) -> [String] {
        [p.folder, p.name, "\(p.currentVersion.number)", "\(p.packageCount)", CatalogOutput.date(p.currentVersion.deployedAt),
         p.currentVersion.deployedBy, p.description ?? ""]
    }

    static func deploy(_ parsed: ParsedCommand) throws {
        let (folder, name) = try CatalogPath.project(CatalogCommand.argument(parsed, "project"))
        let archive = CatalogCommand.argument(parsed, "archive")
        let project = try CatalogRunner.run(parsed) { try await $0.deployProject(folder: folder, project: name, archiveFile: archive) }
        CatalogOutput.print(parsed, project, header: header, rows: [row(project)])
    }

    static func versions(_ parsed: ParsedCommand) throws {
        let (folder, name) = try CatalogPath.project(CatalogCommand.argument(parsed, "project"))
        let versions = try CatalogRunner.run(parsed) { try await $0.projectVersions(folder: folder, project: name) }
        let rows = versions.map { v in
            [v.current ? "*" : "", "\(v.number)", CatalogOutput.date(v.deployedAt), v.deployedBy, "\(v.archiveBytes)",
             CatalogOutput.date(v.restoredAt)]
        }
        CatalogOutput.print(parsed, versions, header: ["CURRENT", "VERSION", "DEPLOYED", "DEPLOYED BY", "BYTES", "RESTORED"], rows: rows)
    }

    static func restore(_ parsed: ParsedCommand) throws {
        let (folder, name) = try CatalogPath.project(CatalogCommand.argument(parsed, "project"))
        let version = try number(CatalogCommand.argument(parsed, "version"), "version")
        let project = try CatalogRunner.run(parsed) { try await $0.restoreProject(folder: folder, project: name, version: version) }
        CatalogOutput.print(parsed, project, header: header, rows: [row(project)])
    }

    static func move(_ parsed: ParsedCommand) throws {
        let (folder, name) = try CatalogPath.project(CatalogCommand.argument(parsed, "project"))
        let destination = try CatalogPath.folder(CatalogCommand.argument(parsed, "destination"))
        let project = try CatalogRunner.run(parsed) { try await $0.moveProject(folder: folder, project: name, to: destination) }
        CatalogOutput.print(parsed, project, header: header, rows: [row(project)])
    }

    static func export(_ parsed: ParsedCommand) throws {
        let (folder, name) = try CatalogPath.project(CatalogCommand.argument(parsed, "project"))
        let version = try parsed.value("version").map { try number($0, "--version") }
        let output = parsed.value("output") ?? name + ".sluiceproj"
        let data = try CatalogRunner.run(parsed) { try await $0.exportProject(folder: folder, project: name, version: version) }
        try CatalogFiles.write(data, to: output)
        if !parsed.flag("json") { print("Wrote \(Printable.escaped(output)) (\(data.count) bytes)") }
    }

    static func delete(_ parsed: ParsedCommand) throws {
        let (folder, name) = try CatalogPath.project(CatalogCommand.argument(parsed, "project"))
        try CatalogRunner.run(parsed) { try await $0.deleteProject(folder: folder, project: name) }
        if !parsed.flag("json") { print("Deleted project \(Printable.escaped(folder))/\(Printable.escaped(name))") }
    }

    static func list(_ parsed: ParsedCommand) throws {
        let folder = try CatalogPath.folder(CatalogCommand.argument(parsed, "folder"))
        let projects = try CatalogRunner.run(parsed) { try await $0.allProjects(folder: folder) }
        CatalogOutput.print(parsed, projects, header: header, rows: projects.map(row))
    }

    static func number(_ text: String, _ what: String) throws -> Int64 {
        guard let n = Int64(text), n > 0 else {
            throw SluiceError(.catalogClientInputInvalid, ["reason": "\(what) takes a positive whole number, not \"\(Printable.escaped(text))\""])
        }
        return n
    }
}

/// Writing what the server sent to a local file.
enum CatalogFiles {
    static func write(_ data: Data, to path: String) throws {
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw SluiceError(.catalogClientFileFailed, ["path": Printable.escaped(path), "action": "written", "reason": error.localizedDescription])
        }
    }
}
