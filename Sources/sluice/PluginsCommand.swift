import Foundation
import SluiceCommandLine
import SluiceCore
import SluiceRegistry

/// `sluice plugins list [--rejected]`; `sluice plugins new` is ``PluginsNewCommand``, `sluice
/// plugins check LIB` is ``PluginsCheckCommand``.
enum PluginsCommand {
    static let spec = CommandSpec(
        "plugins", abstract: "Inspect components and plugin libraries.",
        subcommands: [
            CommandSpec(
                "list", abstract: "List registered components (id, kind, version, library), or rejected libraries.",
                options: HostOptions.options + [
                    .flag("rejected", help: "List the libraries that were refused: path, error code and reason.")
                ]),
            PluginsNewCommand.spec,
            PluginsCheckCommand.spec,
        ])

    static func list(_ parsed: ParsedCommand) throws {
        let (registry, report) = try HostOptions(parsed).makeRegistry()
        if parsed.flag("rejected") {
            let rows = registry.rejectedLibraries.map { [$0.path, "\($0.name) (\($0.code))", $0.reason] }
            print(Table.render(header: ["PATH", "CODE", "REASON"], rows: rows))
        } else {
            let rows = registry.components.map { c in
                // A connection manager that follows a stock kind shows it: `connection-manager (sluice.file)`.
                let kind = c.connectionKind.map { "\(c.kind.rawValue) (\($0))" } ?? c.kind.rawValue
                return [c.id, kind, c.version, c.library ?? "built-in"]
            }
            print(Table.render(header: ["ID", "KIND", "VERSION", "LIBRARY"], rows: rows))
            // Refused libraries are not components, but saying so keeps a crash from going unseen.
            for r in report.rejected { Console.emit("Warning: plugin library \(r.path) was rejected: \(r.error)\n") }
        }
    }
}

/// Left-aligned columns separated by two spaces.
enum Table {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell in c == row.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
