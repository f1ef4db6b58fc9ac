import Foundation
import SluiceArchive
import SluiceCommandLine
import SluiceCore

/// `sluice project pack DIR [--output FILE]`: a project folder into one `.sluiceproj` archive
/// (SSIS builds `.ispac` from a project). The project and each package must load first.
enum ProjectCommand {
    static let spec = CommandSpec(
        "project", abstract: "Work with project folders and archives.",
        subcommands: [
            CommandSpec(
                "pack", abstract: "Pack a project folder into a .sluiceproj archive (its project file and listed packages).",
                discussion: "The same folder always gives the same bytes. Exit codes: 0 written, 1 the archive could not be written, 5 the project does not load, 6 bad command line.",
                arguments: [ArgumentSpec("folder", help: "The project folder (holding project.sluice.json).")],
                options: [.value("output", valueName: "file", help: "The archive to write (default: FOLDER.sluiceproj beside the folder).")])
        ])

    static func pack(_ parsed: ParsedCommand) throws {
        let folder = parsed.argument("folder") ?? ""
        guard ProjectFile.isProjectFolder(folder) else {
            Console.emit("\(SluiceError(.projectPackInputInvalid, ["path": folder]))\n")
            throw ExitStatus.badCommandLine
        }
        let output = parsed.value("output") ?? defaultOutput(for: folder)
        do {
            try ProjectArchive.write(folder: folder, to: output)
        } catch let error as SluiceError {
            Console.emit("\(error)\n")
            throw error.message == .archiveUnwritable ? ExitStatus.failure : ExitStatus.packageNotLoaded
        }
        print("Wrote \(output)")
    }

    /// `warehouse/` → `warehouse.sluiceproj`, beside the folder.
    static func defaultOutput(for folder: String) -> String {
        var trimmed = Substring(folder)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let url = URL(fileURLWithPath: String(trimmed)).standardizedFileURL
        return url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + "." + ProjectArchive.fileExtension).path
    }
}
