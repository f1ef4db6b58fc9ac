import Foundation
import SluiceCore

/// `FOLDER`, `FOLDER/PROJECT`, `FOLDER/PROJECT/PACKAGE`: catalog object paths as dtutil and
/// SSISDB write them. A `/` inside a name is written `%2F` (and a `%` as `%25`), as in the API's
/// URLs; each segment is percent-decoded after the split.
enum CatalogPath {
    static func segments(_ text: String, count: Int, expected: String) throws -> [String] {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == count else { throw invalid(text, expected) }
        return try parts.map { part in
            guard !part.isEmpty, let decoded = part.removingPercentEncoding, !decoded.isEmpty else { throw invalid(text, expected) }
            return decoded
        }
    }

    static func folder(_ text: String) throws -> String { try segments(text, count: 1, expected: "FOLDER")[0] }

    static func project(_ text: String) throws -> (folder: String, project: String) {
        let s = try segments(text, count: 2, expected: "FOLDER/PROJECT")
        return (s[0], s[1])
    }

    static func package(_ text: String) throws -> (folder: String, project: String, package: String) {
        let s = try segments(text, count: 3, expected: "FOLDER/PROJECT/PACKAGE")
        return (s[0], s[1], s[2])
    }

    private static func invalid(_ text: String, _ expected: String) -> SluiceError {
        SluiceError(.catalogClientPathInvalid, ["path": Printable.escaped(text), "expected": "\(expected) (a \"/\" inside a name written %2F)"])
    }
}

/// Text from a server or an argument made safe for a terminal: control characters escaped.
enum Printable {
    static func escaped(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.flatMap { scalar -> [Unicode.Scalar] in
            scalar.properties.generalCategory == .control ? Array(scalar.escaped(asASCII: true).unicodeScalars) : [scalar]
        }))
    }
}
