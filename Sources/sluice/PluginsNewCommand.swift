import Foundation
import SluiceCommandLine
import SluiceCore
import SluiceScaffold

/// `sluice plugins new NAME --lang c|swift [--output DIR]`: writes a buildable plugin skeleton.
enum PluginsNewCommand {
    static let spec = CommandSpec(
        "new", abstract: "Write a buildable plugin skeleton (one task, the SDK files, a sample package and test.sh).",
        arguments: [ArgumentSpec("name", help: "The plugin's id, lower-case dotted segments (acme.greeter).")],
        options: [
            .choice("lang", valueName: "language", PluginLanguage.allCases.map(\.rawValue), help: "The language of the skeleton (required)."),
            .value("output", valueName: "dir", help: "Where to write it: a new or empty directory (default: ./NAME)."),
        ])

    static func run(_ parsed: ParsedCommand) throws {
        guard let lang = parsed.value("lang"), let language = PluginLanguage(rawValue: lang) else {
            throw SluiceError(.commandLineInvalid, ["reason": "plugins new needs --lang c or --lang swift"])
        }
        let name = try PluginSkeletonName(parsed.argument("name") ?? "")
        let output = URL(fileURLWithPath: parsed.value("output") ?? name.id)
        let skeleton = PluginSkeleton(name: name, language: language)
        do {
            try skeleton.write(to: output)
        } catch let error as SluiceError where error.code == SluiceMessage.pluginSkeletonWriteFailed.code {
            Console.emit("\(error)\n")
            throw ExitStatus.failure
        }
        print("Wrote the \(language.rawValue) plugin \(name.id) to \(output.path) (\(skeleton.files.count) files).")
        print("Build and try it: \(output.path)/test.sh  (SLUICE=<path to sluice> if sluice is not on PATH)")
    }
}
