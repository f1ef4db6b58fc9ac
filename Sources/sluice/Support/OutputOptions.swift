import SluiceCommandLine

/// What to print while a package runs.
struct OutputOptions {
    static let options: [OptionSpec] = [
        .value(
            "report", valueName: "levels",
            help: """
                Console events, as dtexec /Reporting: N none, E errors, W warnings, I information, \
                C custom events, P progress, V verbose (everything). Combine letters: EWI.
                """,
            default: "EW"),
        .flag("events-json", help: "Write every event to standard output as one JSON object a line."),
        .flag("show-variables", help: "Print the package's User variables when the run ends."),
        .flag("quiet", help: "No data flow progress lines or row counts on standard error."),
    ]

    var report: String
    var eventsJSON: Bool
    var showVariables: Bool
    var quiet: Bool

    init(_ parsed: ParsedCommand) {
        report = parsed.value("report") ?? "EW"
        eventsJSON = parsed.flag("events-json")
        showVariables = parsed.flag("show-variables")
        quiet = parsed.flag("quiet")
    }
}
