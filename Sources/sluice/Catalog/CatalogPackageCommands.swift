import Foundation
import SluiceCatalogClient
import SluiceCommandLine
import SluiceCore

/// `sluice catalog package list|exists|export`.
enum CatalogPackageCommands {
    static let spec = CommandSpec(
        "package", abstract: "List, test for and export catalog packages.",
        subcommands: [
            CatalogCommand.leaf(
                "list", "List the packages you may read, optionally of one folder or project.",
                arguments: [ArgumentSpec("scope", help: "FOLDER or FOLDER/PROJECT.", optional: true)]),
            CatalogCommand.leaf(
                "exists", "Exit 0 when the package exists (and you may read it), 1 when not (dtutil /DTSExists).",
                arguments: [ArgumentSpec("package", help: "FOLDER/PROJECT/PACKAGE.")],
                options: [.flag("quiet", help: "Print nothing; only the exit status tells.")]),
            CatalogCommand.leaf(
                "export", "Write a package file of the project's current version.",
                arguments: [ArgumentSpec("package", help: "FOLDER/PROJECT/PACKAGE.")],
                options: [.value("output", valueName: "file", help: "The file to write (default: PACKAGE.sluice.json).")]),
        ])

    static let handlers: [String: CatalogHandler] = [
        "package list": list, "package exists": exists, "package export": export,
    ]

    static func list(_ parsed: ParsedCommand) throws {
        var folder: String?
        var project: String?
        if let scope = parsed.argument("scope") {
            if scope.contains("/") {
                let path = try CatalogPath.project(scope)
                folder = path.folder
                project = path.project
            } else {
                folder = try CatalogPath.folder(scope)
            }
        }
        let (f, p) = (folder, project)
        let packages = try CatalogRunner.run(parsed) { try await $0.allPackages(folder: f, project: p) }
        let rows = packages.map { k in
            [k.folder, k.project, k.name, "\(k.version.major).\(k.version.minor).\(k.version.build)", "\(k.projectVersion)", k.id,
             k.description ?? ""]
        }
        CatalogOutput.print(parsed, packages, header: ["FOLDER", "PROJECT", "NAME", "VERSION", "PROJECT VERSION", "ID", "DESCRIPTION"], rows: rows)
    }

    static func exists(_ parsed: ParsedCommand) throws {
        let (folder, project, package) = try CatalogPath.package(CatalogCommand.argument(parsed, "package"))
        let found = try CatalogRunner.run(parsed) { try await $0.packageExists(folder: folder, project: project, package: package) }
        if parsed.flag("json") {
            print(CatalogOutput.json(["exists": found]))
        } else if !parsed.flag("quiet") {
            print(found ? "The package exists." : "The package does not exist (or you may not read it).")
        }
        if !found { throw ExitStatus.failure }
    }

    static func export(_ parsed: ParsedCommand) throws {
        let (folder, project, package) = try CatalogPath.package(CatalogCommand.argument(parsed, "package"))
        let output = parsed.value("output") ?? package + ".sluice.json"
        let data = try CatalogRunner.run(parsed) { try await $0.exportPackage(folder: folder, project: project, package: package) }
        try CatalogFiles.write(data, to: output)
        if !parsed.flag("json") { print("Wrote \(Printable.escaped(output)) (\(data.count) bytes)") }
    }
}
