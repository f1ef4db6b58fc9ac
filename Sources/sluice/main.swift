#if canImport(Glibc)
    import Glibc
#endif
import SluiceCommandLine
import SluiceCore

// Exit codes follow dtexec: 0 success, 1 failure, 3 canceled, 4 package not found,
// 5 package could not be loaded, 6 bad command line.
// A log provider or output on a pipe whose reader has gone gets EPIPE from write(2) and
// reports it, instead of the whole run dying of SIGPIPE.
signal(SIGPIPE, SIG_IGN)

// The plugin scanner child (hidden, not in the help): loads one library and reports on it.
if let library = ScanOneCommand.requestedPath(CommandLine.arguments) { ScanOneCommand.run(library) }

do {
    switch try CommandLineParser(root: SluiceCommand.spec).parse(Array(CommandLine.arguments.dropFirst())) {
    case .run(let parsed): try SluiceCommand.run(parsed)
    case .help(let text), .version(let text): print(text)
    }
} catch let status as ExitStatus {
    exit(status.rawValue)
} catch let error as SluiceError {
    Console.emit("\(error)\n")
    exit(ExitStatus.badCommandLine.rawValue)
} catch let error as CommandLineError {
    let message = SluiceError(.commandLineInvalid, ["reason": error.reason])
    Console.emit("\(message)\nUsage: \(error.usage)\n")
    exit(ExitStatus.badCommandLine.rawValue)
} catch {
    Console.emit("\(SluiceError(.commandLineInvalid, ["reason": "\(error)"]))\n")
    exit(ExitStatus.badCommandLine.rawValue)
}
