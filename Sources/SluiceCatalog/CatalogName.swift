import Foundation
import SluiceCore

/// A name of a catalog object (folder, project, environment), checked against SSISDB's rules
/// before it reaches SQL: this is the one place those rules live.
///
/// ```swift
/// let name = try CatalogName("Finance", kind: .folder)
/// name.key     // "finance": names are unique per parent, compared by this key
/// ```
///
/// The rules (SSISDB `catalog.create_folder` and its siblings): 1 to 128 characters, counted as
/// SQL Server's `nvarchar(128)` counts them (UTF-16 code units); no control character (Unicode
/// category Cc: 0-31, 127 and 128-159, so `\0`, `\b` and `\t` too); none of `"`, `<`, `>`, `|`;
/// no leading or trailing space; not starting with `@`. SQL metacharacters that SSIS allows
/// (`'`, `;`, `--`, `%`) are allowed here too: every statement binds its arguments.
public struct CatalogName: Sendable, Hashable, CustomStringConvertible {
    /// What a name names, for messages.
    public enum Kind: String, Sendable {
        case folder, project, package, environment, user, token
    }

    /// The name as given.
    public let value: String
    /// The comparison key: lowercased, then Unicode canonical composition, so "FINANCE",
    /// "finance" and a decomposed "Financé" spelling collide as SQL Server's default
    /// case-insensitive collation makes them collide in SSISDB.
    public let key: String

    public static let maxLength = 128
    static let forbidden: Set<Character> = ["\"", "<", ">", "|"]

    /// - Throws: `SLUICE_E_CATALOG_NAME_INVALID`, naming the rule broken.
    public init(_ value: String, kind: Kind) throws {
        if let reason = Self.violation(value) {
            throw SluiceError(.catalogNameInvalid, ["kind": kind.rawValue, "name": Self.escaped(value), "reason": reason])
        }
        self.value = value
        self.key = Self.key(value)
    }

    public var description: String { value }

    /// The comparison key of any text (also of a name not checked, for a look-up).
    static func key(_ text: String) -> String {
        text.lowercased().precomposedStringWithCanonicalMapping
    }

    /// The rule `value` breaks, nil when it breaks none.
    static func violation(_ value: String) -> String? {
        if value.isEmpty { return "it is empty" }
        if value.utf16.count > maxLength { return "it is longer than \(maxLength) characters" }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "it holds a control character"
        }
        if let bad = value.first(where: { forbidden.contains($0) }) { return "it holds the character \(bad), which is not allowed" }
        if value.first == " " || value.last == " " { return "it starts or ends with a space" }
        if value.first == "@" { return "it starts with @" }
        return nil
    }

    /// `text` with control characters written as `\u{…}`, for a message: a refused name never
    /// reaches a terminal or a log raw.
    package static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(200) {
            if scalar.properties.generalCategory == .control {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 200 ? out + "…" : out
    }
}

/// A description of a catalog object: at most 1024 characters (SSISDB's `nvarchar(1024)`).
/// Control characters other than line breaks and tabs are refused.
enum CatalogDescription {
    static let maxLength = 1024

    static func check(_ text: String, kind: CatalogName.Kind, name: String) throws -> String {
        var reason: String?
        if text.utf16.count > maxLength {
            reason = "it is longer than \(maxLength) characters"
        } else if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0) }) {
            reason = "it holds a control character other than a line break or a tab"
        }
        if let reason { throw SluiceError(.catalogDescriptionInvalid, ["kind": kind.rawValue, "name": CatalogName.escaped(name), "reason": reason]) }
        return text
    }
}
