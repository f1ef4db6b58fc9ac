/// What a command accepts, written down as data: the parser reads it, and the help and usage
/// texts are generated from it, so the two cannot disagree.
///
/// ```swift
/// let greet = CommandSpec(
///     "greet", abstract: "Say hello.",
///     arguments: [ArgumentSpec("name", help: "Who to greet.")],
///     options: [.flag("loud", help: "Shout."), .repeated("cc", valueName: "name", help: "Greet them too (repeatable).")])
/// let root = CommandSpec("tool", abstract: "A tool.", version: "1.0", subcommands: [greet])
/// ```
///
/// Every command also takes `-h` / `--help` and `--version`; they are not listed here.
public struct CommandSpec: Sendable {
    public let name: String
    public let abstract: String
    /// Printed under the abstract in the help, as written (line breaks kept).
    public let discussion: String?
    /// The root's version, printed by `--version` on any command.
    public let version: String?
    /// Positional arguments, in order. Optional ones may only follow required ones.
    public let arguments: [ArgumentSpec]
    public let options: [OptionSpec]
    /// A command with subcommands is a group: it runs nothing itself.
    public let subcommands: [CommandSpec]

    public init(
        _ name: String, abstract: String, discussion: String? = nil, version: String? = nil,
        arguments: [ArgumentSpec] = [], options: [OptionSpec] = [], subcommands: [CommandSpec] = []
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.version = version
        self.arguments = arguments
        self.options = options
        self.subcommands = subcommands
    }

    public func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
    public func subcommand(named name: String) -> CommandSpec? { subcommands.first { $0.name == name } }
}

/// A positional argument: `<file>`.
public struct ArgumentSpec: Sendable {
    public let name: String
    public let help: String
    public let isOptional: Bool

    public init(_ name: String, help: String, optional: Bool = false) {
        self.name = name
        self.help = help
        isOptional = optional
    }

    /// `<file>`, or `[<file>]` when it may be left out.
    var usage: String { isOptional ? "[<\(name)>]" : "<\(name)>" }
}

/// A long option: a flag (`--json`) or one that takes a value (`--report EW`, `--report=EW`).
public struct OptionSpec: Sendable {
    /// What the option's value may be.
    public enum Kind: Sendable, Equatable {
        /// No value: present or not.
        case flag
        /// Any text that does not start with `-` (write `--opt=-x` for one that does).
        case text
        /// A whole number; a negative one (`-1`) is taken as the value, not as an option.
        case integer
        /// One of the given words, exactly.
        case choice([String])
    }

    /// The name without its dashes: `max-concurrent`.
    public let name: String
    public let kind: Kind
    /// Shown in the help as `<valueName>`.
    public let valueName: String
    public let help: String
    /// Every occurrence is kept (`--set a=1 --set b=2`); otherwise the last one counts.
    public let isRepeatable: Bool
    /// The value when the option is absent, shown in the help.
    public let defaultValue: String?
    /// Parsed like any other, but left out of the help and usage texts (internal plumbing).
    public private(set) var isHidden = false

    init(_ name: String, kind: Kind, valueName: String, help: String, repeatable: Bool = false, default: String? = nil) {
        self.name = name
        self.kind = kind
        self.valueName = valueName
        self.help = help
        isRepeatable = repeatable
        defaultValue = `default`
    }

    public static func flag(_ name: String, help: String) -> OptionSpec {
        OptionSpec(name, kind: .flag, valueName: "", help: help)
    }

    public static func value(_ name: String, valueName: String, help: String, default: String? = nil) -> OptionSpec {
        OptionSpec(name, kind: .text, valueName: valueName, help: help, default: `default`)
    }

    public static func repeated(_ name: String, valueName: String, help: String) -> OptionSpec {
        OptionSpec(name, kind: .text, valueName: valueName, help: help, repeatable: true)
    }

    public static func integer(_ name: String, valueName: String, help: String) -> OptionSpec {
        OptionSpec(name, kind: .integer, valueName: valueName, help: help)
    }

    public static func choice(_ name: String, valueName: String, _ choices: [String], help: String) -> OptionSpec {
        OptionSpec(name, kind: .choice(choices), valueName: valueName, help: help)
    }

    /// This option, left out of the help and usage texts: for a mode one `sluice` process starts
    /// another in, which no user types.
    public func hidden() -> OptionSpec {
        var copy = self
        copy.isHidden = true
        return copy
    }

    /// `--report <levels>` or `--json`: how the option is named in messages and the help.
    public var label: String { kind == .flag ? "--\(name)" : "--\(name) <\(valueName)>" }
}
