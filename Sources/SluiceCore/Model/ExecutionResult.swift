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

/// Where an executable is in its run, as SSIS's `DTSExecStatus`, with its numbers: what
/// OnExecStatusChanged reports and its handler reads in `System::ExecutionStatus`.
public enum ExecutionStatus: Int32, Sendable, CaseIterable {
    case none = 1
    case validating = 2
    case executing = 3
    case suspended = 4
    case completed = 5
    case abend = 6

    /// The name events and logs write: SSIS's own (`Executing`, `Completed`, …).
    public var name: String {
        switch self {
        case .none: "None"
        case .validating: "Validating"
        case .executing: "Executing"
        case .suspended: "Suspended"
        case .completed: "Completed"
        case .abend: "Abend"
        }
    }

    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }
}
