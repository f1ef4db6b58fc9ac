/// The result of validating or executing an executable, as SSIS's `DTSExecResult`.
public enum ExecutionResult: String, Sendable, CaseIterable {
    case success = "Success"
    case failure = "Failure"
    case completion = "Completion"
    case canceled = "Canceled"
}

/// `ForceExecutionResult`: overrides what an executable reports, for testing failure paths.
public enum ForcedExecutionResult: String, Sendable, CaseIterable {
    case none = "None"
    case success = "Success"
    case failure = "Failure"
    case completion = "Completion"

    public var result: ExecutionResult? {
        switch self {
        case .none: nil
        case .success: .success
        case .failure: .failure
        case .completion: .completion
        }
    }
}
