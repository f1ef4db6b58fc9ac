import ArgumentParser
#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import SluiceCore

// Exit codes follow dtexec: 0 success, 1 failure, 3 canceled, 4 package not found,
// 5 package could not be loaded, 6 bad command line. Parsing errors map to 6 here, because
// ArgumentParser's own default (64) means nothing to a dtexec user.
// A log provider or output on a pipe whose reader has gone gets EPIPE from write(2) and
// reports it, instead of the whole run dying of SIGPIPE.
signal(SIGPIPE, SIG_IGN)

do {
    var command = try SluiceCommand.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    if SluiceCommand.exitCode(for: error) == .success {
        print(SluiceCommand.fullMessage(for: error))
        Foundation.exit(0)
    }
    let message = SluiceError(.commandLineInvalid, ["reason": SluiceCommand.message(for: error)])
    FileHandle.standardError.write(Data("\(message)\n\(SluiceCommand.usageString(for: error))\n".utf8))
    Foundation.exit(ExitStatus.badCommandLine.rawValue)
}

extension SluiceCommand {
    /// The usage line of the (sub)command the error is about.
    static func usageString(for error: any Error) -> String {
        let full = fullMessage(for: error)
        return full.split(separator: "\n").first { $0.contains("Usage:") }.map(String.init) ?? "See 'sluice --help'."
    }
}
