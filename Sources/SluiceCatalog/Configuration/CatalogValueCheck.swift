import Foundation
import SluiceCore

/// The checks of configuration input, in one place before anything reaches SQL: parameter and
/// variable names (the document's `ParameterName` rule), and value texts against their type.
enum CatalogValueCheck {
    static let maxNameLength = 128
    /// `ValueText`'s `maxLength`.
    static let maxValueLength = 65536

    /// A letter (ASCII, or U+00C0-U+FFFF) or `_`, then those or digits; 1-128 characters.
    /// - Throws: `SLUICE_E_CATALOG_PARAMETER_NAME_INVALID`, the name escaped.
    static func name(_ name: String, kind: String) throws -> String {
        let scalars = Array(name.unicodeScalars)
        let isLetter = { (s: Unicode.Scalar) in
            (s >= "A" && s <= "Z") || (s >= "a" && s <= "z") || s == "_" || (s.value >= 0xC0 && s.value <= 0xFFFF)
        }
        let valid =
            !scalars.isEmpty && scalars.count <= maxNameLength && isLetter(scalars[0])
            && scalars.allSatisfy { isLetter($0) || ($0 >= "0" && $0 <= "9") }
        guard valid else { throw SluiceError(.catalogParameterNameInvalid, ["kind": kind, "name": CatalogName.escaped(name)]) }
        return name
    }

    /// Checks that `text` converts to `type`, as `sluice run --param` converts it. The error
    /// never carries the text, and for a sensitive value not even the conversion's reason
    /// (SluiceCore's reasons may quote the value).
    /// - Throws: `SLUICE_E_CATALOG_VALUE_INVALID`.
    static func value(_ text: String, as type: DataType, sensitive: Bool, kind: String, name: String) throws {
        let fail = { (reason: String) in
            SluiceError(.catalogValueInvalid, ["kind": kind, "name": CatalogName.escaped(name), "type": type.rawValue, "reason": reason])
        }
        if type == .object { throw fail("\(type.rawValue) values cannot be set on the server") }
        if text.utf16.count > maxValueLength { throw fail("it is longer than \(maxValueLength) characters") }
        do {
            _ = try Value.parse(text, as: type)
        } catch let error as SluiceError {
            throw fail(sensitive ? "the value does not convert" : error.inserts["reason"] ?? "the value does not convert")
        }
    }

    /// `text` as a data type of the document's `DataType` (SSIS names).
    static func type(_ text: String) throws -> DataType {
        guard let type = DataType(rawValue: text) else { throw CatalogRowInvalid(column: "type", value: text) }
        return type
    }
}
