import Foundation
import SluiceCore

/// Graphviz's `dot`, found on PATH and run as a child process. Sluice never installs it:
/// a missing `dot` is a coded error that says how to install it.
enum GraphvizDot {
    /// The SVG `dot -Tsvg` draws from `text`.
    /// - Throws: `SLUICE_E_GRAPH_DOT_MISSING`, `SLUICE_E_GRAPH_DOT_FAILED`.
    static func svg(from text: String) throws -> String {
        guard let dot = find("dot") else { throw SluiceError(.graphDotMissing, [:]) }
        let fail = { (reason: String) in SluiceError(.graphDotFailed, ["path": dot, "reason": reason]) }
        // The graph goes through a file and the messages to another, so only standard output is
        // a pipe: reading it to the end cannot deadlock against a child blocked on another pipe.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-graph-\(UUID.random().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("graph.dot")
        let messages = directory.appendingPathComponent("dot.err")
        let process = Process()
        let output = Pipe()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: input)
            try Data().write(to: messages)
            process.executableURL = URL(fileURLWithPath: dot)
            process.arguments = ["-Tsvg", input.path]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = output
            process.standardError = try FileHandle(forWritingTo: messages)
            try process.run()
        } catch {
            throw fail("\(error.localizedDescription)")
        }
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let said = (try? String(contentsOf: messages, encoding: .utf8)) ?? ""
            let how = process.terminationReason == .exit ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
            throw fail("\(how): \(said.trimmingCharacters(in: .whitespacesAndNewlines).prefix(500))")
        }
        return String(decoding: svg, as: UTF8.self)
    }

    /// The first executable `name` in a directory of PATH.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
