import SluiceCommandLine
import SluiceCore

/// `sluice errors [CODE|NAME]`: the message reference.
enum ErrorsCommand {
    static let spec = CommandSpec(
        "errors", abstract: "Show the message reference, or one message by code or symbolic name.",
        arguments: [ArgumentSpec("query", help: "A numeric code (10001) or a symbolic name (SLUICE_E_PACKAGE_NOT_FOUND).", optional: true)],
        options: [.flag("markdown", help: "Print the whole reference as Markdown (the source of docs/errors.md).")])

    static func run(_ parsed: ParsedCommand) throws {
        if parsed.flag("markdown") {
            print(MessageReference.markdown(), terminator: "")
            return
        }
        guard let query = parsed.argument("query") else {
            for m in MessageCatalog.all { print("\(m.code)  \(m.name)  \(m.template)") }
            return
        }
        guard let m = MessageCatalog.lookup(query) else {
            print(SluiceError(.messageUnknown, ["query": query]))
            throw ExitStatus.badCommandLine
        }
        print("\(m.name) (\(m.code)), \(m.severity.rawValue)\n\(m.template)")
        if !m.insertNames.isEmpty { print("Inserts: " + m.insertNames.joined(separator: ", ")) }
    }
}
