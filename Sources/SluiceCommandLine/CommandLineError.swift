/// A command line the spec does not accept: why, and the usage line of the command it was for.
public struct CommandLineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One sentence naming the argument at fault: `Unknown option '--nope'`.
    public let reason: String
    /// `sluice run <file> [--set <path=value> ...] …`
    public let usage: String

    public init(_ reason: String, usage: String) {
        self.reason = reason
        self.usage = usage
    }

    public var description: String { "\(reason)\nUsage: \(usage)" }
}
