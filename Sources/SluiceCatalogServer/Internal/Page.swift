import Foundation
import SluiceCore

/// One page of a list ordered by a unique key: `after` is the base64url of the last key of the
/// previous page, so a page neither repeats nor skips an item when others change meanwhile.
struct Page<Item> {
    var items: [Item]
    var next: String?

    /// - Throws: `SLUICE_E_CATALOG_LIMIT_INVALID`, `SLUICE_E_CATALOG_CURSOR_INVALID`.
    init(_ all: [Item], key: (Item) -> String, limit: Int?, after: String?) throws {
        try self.init(sorted: Self.sorted(all, key: key), limit: limit, after: after)
    }

    /// A page of items already sorted by their unique keys (``sorted(_:key:)``), found by binary
    /// search: a cached list is paged without being walked.
    init(sorted: [(key: String, item: Item)], limit: Int?, after: String?) throws {
        let size = limit ?? 100
        guard (1...1000).contains(size) else { throw SluiceError(.catalogServerLimitInvalid, ["limit": String(size)]) }
        var start = sorted.startIndex
        if let after {
            guard let last = Self.decode(after) else {
                throw SluiceError(.catalogServerCursorInvalid, ["cursor": String(after.prefix(100))])
            }
            // The first key after `last`.
            var (low, high) = (sorted.startIndex, sorted.endIndex)
            while low < high {
                let middle = low + (high - low) / 2
                if sorted[middle].key > last { high = middle } else { low = middle + 1 }
            }
            start = low
        }
        let end = sorted.index(start, offsetBy: size, limitedBy: sorted.endIndex) ?? sorted.endIndex
        items = sorted[start..<end].map(\.item)
        next = end < sorted.endIndex ? sorted[end - 1].key.data(using: .utf8).map(Self.encode) : nil
    }

    /// `all` with its keys, in the keys' order.
    static func sorted(_ all: [Item], key: (Item) -> String) -> [(key: String, item: Item)] {
        all.map { (key: key($0), item: $0) }.sorted { $0.key < $1.key }
    }

    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) -> String? {
        guard !cursor.isEmpty, cursor.count <= 2048 else { return nil }
        var text = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let data = Data(base64Encoded: text) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
