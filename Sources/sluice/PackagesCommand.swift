import Foundation
import SluiceCommandLine
import SluiceCore

/// `sluice packages list DIR`: the package files and projects in a folder (the file-system
/// package store), with name, id, version and description.
enum PackagesCommand {
    static let spec = CommandSpec(
        "packages", abstract: "Enumerate packages in the file-system package store.",
        subcommands: [
            CommandSpec(
                "list", abstract: "List the package files and projects in a folder: name, kind, version, project, id, description.",
                discussion: """
                    A folder holding project.sluice.json is a project, listed with its packages. Subfolders
                    that are projects are always listed; other subfolders with --recursive. A file that
                    cannot be read is listed with its error code, and the exit status is then 1.
                    """,
                arguments: [ArgumentSpec("folder", help: "The folder to enumerate.")],
                options: [
                    .flag("recursive", help: "Also enumerate subfolders that are not projects."),
                    .flag("json", help: "Print one JSON array of entries."),
                ])
        ])

    static func list(_ parsed: ParsedCommand) throws {
        let folder = parsed.argument("folder") ?? "."
        let entries: [PackageStoreEntry]
        do {
            entries = try PackageStore.list(folder, recursive: parsed.flag("recursive"))
        } catch let error as SluiceError {
            Console.emit("Error: \(error)\n")
            throw ExitStatus.badCommandLine
        }
        if parsed.flag("json") {
            print(JSONWriter.compact(.array(entries.map { .object(json($0)) })))
        } else {
            let rows = entries.map { e in
                [e.name, e.kind.rawValue, e.version, e.project ?? "", e.id.map(\.uuidString) ?? "",
                 e.error.map { "\($0.name) (\($0.code))" } ?? e.description, e.path]
            }
            print(Table.render(header: ["NAME", "KIND", "VERSION", "PROJECT", "ID", "DESCRIPTION", "PATH"], rows: rows))
            for e in entries { if let error = e.error { Console.emit("Warning: \(error)\n") } }
        }
        if entries.contains(where: { $0.error != nil }) { throw ExitStatus.failure }
    }

    private static func json(_ e: PackageStoreEntry) -> JSONObject {
        var o = JSONObject()
        o["kind"] = .string(e.kind.rawValue)
        o["name"] = .string(e.name)
        o["path"] = .string(e.path)
        if let id = e.id { o["id"] = .string(id.uuidString) }
        if !e.version.isEmpty { o["version"] = .string(e.version) }
        if !e.description.isEmpty { o["description"] = .string(e.description) }
        if let project = e.project { o["project"] = .string(project) }
        if let error = e.error {
            o["error"] = .object(JSONObject([("code", .int(Int64(error.code))), ("name", .string(error.name)), ("message", .string(error.description))]))
        }
        return o
    }
}
