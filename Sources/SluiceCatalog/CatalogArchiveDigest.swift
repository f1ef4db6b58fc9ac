import Crypto
import Foundation

/// The SHA-256 of a deployed archive in lowercase hex, as the catalog keeps it with the version
/// (migration "v5-versions"): listing versions does not read archives.
enum CatalogArchiveDigest {
    static func hex(_ archive: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(archive))
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in hasher.finalize() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
