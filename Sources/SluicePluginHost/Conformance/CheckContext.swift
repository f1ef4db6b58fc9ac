import Foundation
import SluiceCore

/// The context a plugin's calls get during a check: no package behind it, never canceled, and
/// its events kept only as a count of errors (by `CallContext`).
///
/// Parameters and connections are unknown, as in a package that declares none. Writing a
/// variable succeeds, so a task whose work ends in a variable can be executed; reading gives
/// back what was written in the same call, and SLUICE_E_NOT_FOUND for anything else.
final class CheckContext: TaskContext, @unchecked Sendable {
    let executableName: String
    var isCanceled: Bool { false }
    private var written: [String: TypedValue] = [:]

    init(component: String) { executableName = "check of \(component)" }

    func variable(_ name: String) throws -> TypedValue {
        guard let value = written[name] else { throw SluiceError(.variableNotFound, ["name": name, "container": executableName]) }
        return value
    }

    func setVariable(_ name: String, to value: Value) throws { written[name] = TypedValue(Self.type(of: value), value) }

    /// The type a variable declared for `value` would most plainly have.
    private static func type(of value: Value) -> DataType {
        switch value {
        case .bool: .bool
        case .int: .i8
        case .uint: .ui8
        case .real: .r8
        case .decimal: .numeric
        case .bytes: .bytes
        case .date: .dbTimestamp
        case .dateTimeOffset: .dbTimestampOffset
        case .guid: .guid
        case .object: .object
        case .string, .null: .wstr
        }
    }

    func parameter(_ name: String) throws -> TypedValue { throw SluiceError(.parameterNotFound, ["name": name]) }

    func connection(named name: String) throws -> ConnectionManager { throw SluiceError(.connectionNotFound, ["name": name]) }

    /// Events go nowhere: a check judges what the calls return, and `CallContext` counts errors.
    func raise(_ event: TaskEvent) {}
}
