import Foundation

/// Shared by a run and every child package run below it (Execute Package): each child package
/// is validated once per run tree, however many tasks run it and however deep. Without it, two
/// tasks that each run their own package validated 2^16 packages before the depth limit.
///
/// A package whose validation is still in progress further up (a package that runs itself,
/// directly or through others) is not validated again: its own validation reports its errors.
/// Such recursion is legitimate when a constraint or loop ends it (SSIS allows it); the
/// caller warns, and the depth limit stops a recursion that never ends at run time.
public final class ChildPackageValidations: @unchecked Sendable {
    /// An error or warning raised while validating a child package.
    public struct Problem: Sendable, Hashable {
        public let isError: Bool
        public let code: Int32
        public let message: String
        public init(isError: Bool, code: Int32, message: String) {
            self.isError = isError
            self.code = code
            self.message = message
        }
    }

    private enum State { case inProgress, done([Problem]) }
    private let lock = NSLock()
    private var states: [String: State] = [:]

    public init() {}

    /// The problems of the child package `key` (its file identity and bindings), validating it
    /// with `validate` the first time only; nil while that first validation is still running
    /// (the package runs itself, directly or through others).
    public func problems(of key: String, validate: () -> [Problem]) -> [Problem]? {
        lock.lock()
        switch states[key] {
        case .done(let problems):
            lock.unlock()
            return problems
        case .inProgress:
            lock.unlock()
            return nil
        case nil:
            states[key] = .inProgress
            lock.unlock()
        }
        let found = validate()
        lock.lock()
        states[key] = .done(found)
        lock.unlock()
        return found
    }
}
