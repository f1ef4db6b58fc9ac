import Foundation
import SluiceCore

/// The context a plugin's calls get during a check: no package behind it (every variable,
/// parameter and connection is unknown, as in a package that declares none), never canceled,
/// and its events kept only as a count of errors.
final class CheckContext: TaskContext, @unchecked Sendable {
    let executableName: String
    var isCanceled: Bool { false }

    init(component: String) { executableName = "check of \(component)" }

    func variable(_ name: String) throws -> TypedValue {
        throw SluiceError(.variableNotFound, ["name": name, "container": executableName])
    }

    func setVariable(_ name: String, to value: Value) throws {
        throw SluiceError(.variableNotFound, ["name": name, "container": executableName])
    }

    func parameter(_ name: String) throws -> TypedValue { throw SluiceError(.parameterNotFound, ["name": name]) }

    func connection(named name: String) throws -> ConnectionManager { throw SluiceError(.connectionNotFound, ["name": name]) }

    /// Events go nowhere: a check judges what the calls return, and `CallContext` counts errors.
    func raise(_ event: TaskEvent) {}
}
