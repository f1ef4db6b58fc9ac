#if canImport(Glibc)
import Glibc
#endif
import SluiceCommandLine
import SluiceComponents
import SluiceCore

/// `sluice run --output NAME --format csv|jsonl|arrow`: the rows reaching the DataReader
/// destination NAME go to standard output, and only they (events stay on standard error).
struct DataOutputOptions {
    static let formats = ["csv", "jsonl", "arrow"]
    static let options: [OptionSpec] = [
        .value("output", valueName: "name", help: "Write the rows of the DataReader destination of this name to standard output."),
        .choice("format", valueName: "format", formats, help: "The format of --output: csv (default), jsonl, or arrow (Arrow IPC stream)."),
    ]

    let name: String
    let format: String

    /// nil without `--output`.
    /// - Throws: `SLUICE_E_COMMAND_LINE_INVALID` for `--format` without `--output`, or `--output`
    ///   with `--events-json` (both would write to standard output).
    init?(_ parsed: ParsedCommand) throws {
        let format = parsed.value("format")
        guard let name = parsed.value("output") else {
            if format != nil { throw SluiceError(.commandLineInvalid, ["reason": "--format needs --output NAME"]) }
            return nil
        }
        if parsed.flag("events-json") {
            throw SluiceError(.commandLineInvalid, ["reason": "--output and --events-json both write to standard output; give one"])
        }
        self.name = name
        self.format = format ?? "csv"
    }

    /// The consumer writing the rows to standard output, and what ends its stream after the run.
    func makeConsumer() -> (consumer: any DataReaderConsumer, finish: () throws -> Void) {
        switch format {
        case "arrow":
            let w = ArrowStreamWriter(fileDescriptor: STDOUT_FILENO, name: name)
            return (w, w.finish)
        case "jsonl":
            let w = JSONLinesWriter(fileDescriptor: STDOUT_FILENO, name: name)
            return (w, w.finish)
        default:
            let w = CSVStreamWriter(fileDescriptor: STDOUT_FILENO, name: name)
            return (w, w.finish)
        }
    }
}
