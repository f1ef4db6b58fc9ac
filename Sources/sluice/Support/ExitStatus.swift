import ArgumentParser
import SluiceCore

/// dtexec's exit codes.
enum ExitStatus: Int32 {
    case success = 0
    case failure = 1
    case canceled = 3
    case packageNotFound = 4
    case packageNotLoaded = 5
    case badCommandLine = 6

    init(_ result: ExecutionResult) {
        switch result {
        case .success, .completion: self = .success
        case .failure: self = .failure
        case .canceled: self = .canceled
        }
    }

    var exitCode: ExitCode { ExitCode(rawValue) }
}
