import ArgumentParser
import Foundation
import SluiceCore
import SluiceRegistry

/// `sluice plugins list [--rejected]`.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins", abstract: "Inspect components and plugin libraries.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List registered components (id, kind, version, library), or rejected libraries.")

        @OptionGroup var host: HostOptions

        @Flag(help: "List the libraries that were refused: path, error code and reason.")
        var rejected = false

        func run() throws {
            let (registry, _) = host.makeRegistry()
            if rejected {
                let rows = registry.rejectedLibraries.map { [$0.path, "\($0.name) (\($0.code))", $0.reason] }
                print(Table.render(header: ["PATH", "CODE", "REASON"], rows: rows))
            } else {
                let rows = registry.components.map { [$0.id, $0.kind.rawValue, $0.version, $0.library ?? "built-in"] }
                print(Table.render(header: ["ID", "KIND", "VERSION", "LIBRARY"], rows: rows))
            }
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
