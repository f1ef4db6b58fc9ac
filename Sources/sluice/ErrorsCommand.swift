import ArgumentParser
import SluiceCore

/// `sluice errors [CODE|NAME]`: the message reference.
struct ErrorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "errors", abstract: "Show the message reference, or one message by code or symbolic name.")

    @Argument(help: "A numeric code (10001) or a symbolic name (SLUICE_E_PACKAGE_NOT_FOUND).")
    var query: String?

    @Flag(help: "Print the whole reference as Markdown (the source of docs/errors.md).")
    var markdown = false

    func run() throws {
        if markdown {
            print(MessageReference.markdown(), terminator: "")
            return
        }
        guard let query else {
            for m in MessageCatalog.all { print("\(m.code)  \(m.name)  \(m.template)") }
            return
        }
        guard let m = MessageCatalog.lookup(query) else {
            print(SluiceError(.messageUnknown, ["query": query]))
            throw ExitStatus.badCommandLine.exitCode
        }
        print("\(m.name) (\(m.code)), \(m.severity.rawValue)\n\(m.template)")
        if !m.insertNames.isEmpty { print("Inserts: " + m.insertNames.joined(separator: ", ")) }
    }
}
