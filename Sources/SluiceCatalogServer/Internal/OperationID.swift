import Foundation

/// The API's operation ids: UUIDs (the document's `format: uuid`) that carry the store's growing
/// number, so that an id is read back without a table. The first eight digits are fixed
/// (`5c0e0000`), the fourth group is a valid variant, and the number is the last 12 hex digits
/// with its top 16 bits in the third group.
///
/// ```swift
/// OperationID.uuid(42)                                        // "5c0e0000-0000-4000-8000-00000000002a"
/// OperationID.number("5c0e0000-0000-4000-8000-00000000002a")  // 42
/// ```
enum OperationID {
    private static let prefix = "5c0e0000-"

    static func uuid(_ number: Int64) -> String {
        let value = UInt64(max(0, number))
        let high = String(value >> 48, radix: 16)
        let low = String(value & 0xFFFF_FFFF_FFFF, radix: 16)
        return prefix + pad(high, 4) + "-4000-8000-" + pad(low, 12)
    }

    /// The number an id carries; nil for an id this server did not make.
    static func number(_ id: String) -> Int64? {
        let text = id.lowercased()
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.hasPrefix(prefix), groups.count == 5, groups[2] == "4000", groups[3] == "8000",
            groups[1].count == 4, groups[4].count == 12,
            let high = UInt64(groups[1], radix: 16), let low = UInt64(groups[4], radix: 16), high <= 0x7FFF
        else { return nil }
        return Int64(high << 48 | low)
    }

    private static func pad(_ hex: String, _ width: Int) -> String {
        String(repeating: "0", count: max(0, width - hex.count)) + hex
    }
}
