import Foundation
import SluiceCommandLine
import SluiceCore

/// `sluice graph FILE`: the package drawn as Graphviz DOT, or as SVG through Graphviz's `dot`.
enum GraphCommand {
    static let spec = CommandSpec(
        "graph", abstract: "Draw a package's control flow and data flows as Graphviz DOT or SVG.",
        discussion: """
            Containers are clusters, precedence constraints are edges (green success, red
            failure, blue completion, dashed when combined with OR), event handlers are
            dashed clusters, data flow paths are labelled output → input. With --events,
            each executable shows its result and duration from that run. SVG needs Graphviz
            (apt-get install graphviz). Exit codes: 0 drawn, 1 failed, 4 package not found,
            5 package could not be loaded, 6 bad command line.
            """,
        arguments: [PackageOptions.argument],
        options: [
            .choice("format", valueName: "format", ["dot", "svg"], help: "What to write on standard output: dot (the default) or svg."),
            .value("events", valueName: "file", help: "The output of a previous 'sluice run --events-json', drawn over the graph."),
        ])

    static func run(_ parsed: ParsedCommand) throws {
        let file = parsed.argument("file") ?? ""
        let package: Package
        do {
            package = try PackageFile.load(from: file)
        } catch let error as SluiceError {
            Console.emit("\(error)\n")
            throw error.message == .packageNotFound ? ExitStatus.packageNotFound : .packageNotLoaded
        }
        do {
            let overlay = try parsed.value("events").map(readEvents) ?? GraphOverlay()
            let dot = PackageGraph.dot(package, overlay: overlay)
            let output = parsed.value("format") == "svg" ? try GraphvizDot.svg(from: dot) : dot
            Console.emit(output, to: STDOUT_FILENO)
        } catch let error as SluiceError {
            Console.emit("\(error)\n")
            throw ExitStatus.failure
        }
    }

    /// The overlay of an events file: one EventRecord a line, blank lines skipped.
    static func readEvents(_ file: String) throws -> GraphOverlay {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw SluiceError(.graphEventsUnreadable, ["file": file, "reason": error.localizedDescription], cause: error)
        }
        var overlay = GraphOverlay()
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let text = String(decoding: line, as: UTF8.self)
            guard !text.allSatisfy(\.isWhitespace) else { continue }
            do {
                overlay.record(try EventRecord(jsonLine: text))
            } catch let error as SluiceError {
                throw SluiceError(.graphEventsInvalid, ["file": file, "line": String(index + 1), "reason": error.text], cause: error)
            }
        }
        return overlay
    }
}
