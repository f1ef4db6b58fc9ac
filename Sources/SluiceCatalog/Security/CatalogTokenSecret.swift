import Crypto
import Foundation

/// Token secrets: made from 32 random bytes, shown once, kept only as their SHA-256.
///
/// ```swift
/// let secret = CatalogTokenSecret.make()        // "slc_…" (47 characters)
/// let digest = CatalogTokenSecret.digest(secret) // what the store keeps and looks up
/// ```
///
/// A secret is looked up by its digest through the database's index: nothing compares secrets
/// byte by byte in memory, and a guess that is wrong by one character has an unrelated digest.
public enum CatalogTokenSecret {
    public static let prefix = "slc_"
    /// A bootstrap token from the environment (SLUICE_ADMIN_TOKEN) needs at least this many.
    public static let minimumGivenCharacters = 32
    /// Longer bearer values are refused before hashing.
    public static let maximumCharacters = 512

    /// A new secret: `slc_` and 32 bytes of the system's random generator in unpadded base64url.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + base64URL(bytes)
    }

    /// Why a secret given for the first start is refused, nil when it is accepted.
    public static func givenWeakness(_ secret: String) -> String? {
        if secret.count < minimumGivenCharacters { return "it has fewer than \(minimumGivenCharacters) characters" }
        if !isWellFormed(secret) { return "it must be at most \(maximumCharacters) printable ASCII characters, without spaces" }
        return nil
    }

    /// Whether a bearer value could be a token at all: 1-512 printable ASCII characters without
    /// spaces (what an `Authorization: Bearer` value holds). Anything else is refused unhashed.
    public static func isWellFormed(_ secret: String) -> Bool {
        let bytes = secret.utf8
        return !bytes.isEmpty && bytes.count <= maximumCharacters && bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// The SHA-256 of the secret's UTF-8 bytes: what the store keeps.
    public static func digest(_ secret: String) -> Data {
        Data(SHA256.hash(data: Data(secret.utf8)))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
