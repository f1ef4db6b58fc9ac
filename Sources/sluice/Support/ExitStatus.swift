import SluiceCore

/// dtexec's exit codes. Thrown to end a command with that status (main exits with it).
enum ExitStatus: Int32, Error {
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
}
