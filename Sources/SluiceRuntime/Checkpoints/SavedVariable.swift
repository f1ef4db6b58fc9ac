import Foundation
import SluiceCore

/// A variable value as a checkpoint holds it: the container that declares the variable, its
/// key, its type and its value.
///
/// Values are written so that each reads back exactly: dates as seconds (their text form
/// keeps milliseconds only), reals in Swift's shortest round-trip form, NULL as JSON null, the
/// rest as `--set` spells them.
struct SavedVariable: Sendable, Equatable {
    /// The path of the declaring container (`\Package`, `\Package\Load`).
    var scope: String
    /// The variable's key (`User::Rows`).
    var name: String
    var type: DataType
    var value: Value

    var json: JSONValue {
        let text: JSONValue =
            switch value {
            case .null: .null
            case .date(let d): .string(String(d.timeIntervalSinceReferenceDate))
            // The instant in seconds and the offset: `seconds@offsetSeconds`.
            case .dateTimeOffset(let o): .string("\(o.instant.timeIntervalSinceReferenceDate)@\(o.offsetSeconds)")
            case .real(let d): .string(String(d))  // "inf", "-inf" and "nan" included
            default: .string(value.description)
            }
        return .object(JSONObject([("scope", .string(scope)), ("name", .string(name)), ("type", .string(type.rawValue)), ("value", text)]))
    }

    /// Reads one entry of a record's `variables`.
    /// - Throws: a reason, when the entry is malformed.
    init(json: JSONValue) throws(CheckpointFormatError) {
        guard let o = json.objectValue, let scope = o["scope"]?.stringValue, let name = o["name"]?.stringValue,
            let type = o["type"]?.stringValue.flatMap(DataType.init(rawValue:)), type != .object, let stored = o["value"]
        else { throw CheckpointFormatError("a saved variable lacks its scope, name, type or value") }
        self.scope = scope
        self.name = name
        self.type = type
        switch stored {
        case .null:
            value = .null
        case .string(let text) where type.valueKind == .date:
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count <= 2, let seconds = Double(parts[0]), seconds.isFinite else {
                throw CheckpointFormatError("variable \(name) holds a bad date")
            }
            let instant = Date(timeIntervalSinceReferenceDate: seconds)
            if parts.count == 2 {
                guard let offset = Int(parts[1]), (-86_400...86_400).contains(offset) else { throw CheckpointFormatError("variable \(name) holds a bad offset") }
                value = .dateTimeOffset(DateTimeOffset(instant: instant, offsetSeconds: offset))
            } else {
                value = .date(instant)
            }
        case .string(let text) where (type == .r4 || type == .r8) && ["inf", "-inf", "nan"].contains(text):
            // Values a computation can leave in a variable, which a package file may not hold.
            value = .real(text == "inf" ? .infinity : text == "-inf" ? -.infinity : .nan)
        case .string(let text):
            do { value = try Value.parse(text, as: type) } catch { throw CheckpointFormatError("variable \(name): \(error.text)") }
        default:
            throw CheckpointFormatError("variable \(name) holds a \(stored.typeName), not text")
        }
    }

    init(scope: String, name: String, type: DataType, value: Value) {
        self.scope = scope
        self.name = name
        self.type = type
        self.value = value
    }
}

/// Why a checkpoint record with a good checksum still cannot be read (written by something
/// other than this Sluice): the file is refused rather than half read.
struct CheckpointFormatError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

extension Error {
    /// A SluiceError's text without its code, or the error's description.
    fileprivate var text: String { (self as? SluiceError)?.text ?? "\(self)" }
}
