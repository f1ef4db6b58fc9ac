import Foundation
import SluiceCore

/// The sort keys of one batch as words that compare as unsigned integers in sort order, so a
/// comparison is a loop over words, not a switch over column types per row.
///
/// Per key: a null word (NULL sorts before every value, as SSIS orders it; after them when
/// descending), then one value word (two for decimals), encoded order-preservingly: signed
/// integers with the sign bit flipped, reals by their IEEE order trick, strings by their first
/// 8 bytes big-endian with a full byte comparison only when those tie. Descending keys store
/// every word inverted.
final class SortKeyBlock {
    struct Layout {
        let position: Int
        let firstWord: Int
        let valueWords: Int
        let isString: Bool
        let ascending: Bool
    }

    let rows: Int
    let width: Int
    let layouts: [Layout]
    private let words: UnsafeMutablePointer<UInt64>
    /// The string key columns (for ties past the 8-byte prefix), by key.
    private let strings: [Column?]

    init(_ batch: ColumnBatch, layouts: [Layout], width: Int) {
        rows = batch.length
        self.width = width
        self.layouts = layouts
        words = .allocate(capacity: max(rows * width, 1))
        words.initialize(repeating: 0, count: max(rows * width, 1))
        strings = layouts.map { $0.isString ? batch.columns[$0.position] : nil }
        for layout in layouts { encode(batch.columns[layout.position], layout) }
    }

    deinit { words.deallocate() }

    var byteCount: Int { rows * width * 8 }

    /// Copies the key words of every row to `target` (`width` words per row).
    func copyWords(to target: UnsafeMutablePointer<UInt64>) { target.update(from: words, count: rows * width) }

    /// Orders row `a` of this block against row `b` of `other` on string key `k` alone (its
    /// prefixes tie and both are valid).
    func compareString(_ k: Int, _ a: Int, _ other: SortKeyBlock, _ b: Int) -> Int {
        guard let ca = strings[k], let cb = other.strings[k] else { return 0 }
        let order = StringMinMaxAccumulator.compare(ca.bytes(at: a), cb.bytes(at: b))
        return order == 0 ? 0 : ((order < 0) == layouts[k].ascending ? -1 : 1)
    }

    /// Orders row `a` of this block against row `b` of `other` on the keys alone.
    @inline(__always) func compare(_ a: Int, _ other: SortKeyBlock, _ b: Int) -> Int {
        let wa = words + a * width, wb = other.words + b * width
        for (k, layout) in layouts.enumerated() {
            let end = layout.firstWord + 1 + layout.valueWords
            for i in layout.firstWord..<end where wa[i] != wb[i] { return wa[i] < wb[i] ? -1 : 1 }
            if layout.isString && wa[layout.firstWord] == (layout.ascending ? 1 : ~1), let ca = strings[k], let cb = other.strings[k] {
                let order = StringMinMaxAccumulator.compare(ca.bytes(at: a), cb.bytes(at: b))
                if order != 0 { return (order < 0) == layout.ascending ? -1 : 1 }
            }
        }
        return 0
    }

    private func encode(_ column: Column, _ layout: Layout) {
        let n = rows, w = width
        let at = words + layout.firstWord
        let raw = UnsafeRawPointer(column.valueBuffer.bytes)
        func put<T: FixedWidthInteger>(_: T.Type, flip: Bool) {
            let v = raw.assumingMemoryBound(to: T.self)
            let bias: UInt64 = flip ? 1 << 63 : 0
            for r in 0..<n { at[r * w + 1] = UInt64(bitPattern: Int64(truncatingIfNeeded: v[r])) ^ bias }
        }
        func putUnsigned<T: FixedWidthInteger>(_: T.Type) {
            let v = raw.assumingMemoryBound(to: T.self)
            for r in 0..<n { at[r * w + 1] = UInt64(truncatingIfNeeded: v[r]) }
        }
        switch column.dataType {
        case .bool: for r in 0..<n { at[r * w + 1] = RawBits.get(raw, r) ? 1 : 0 }
        case .i1: put(Int8.self, flip: true)
        case .i2: put(Int16.self, flip: true)
        case .i4, .dbDate: put(Int32.self, flip: true)
        case .ui1: putUnsigned(UInt8.self)
        case .ui2: putUnsigned(UInt16.self)
        case .ui4: putUnsigned(UInt32.self)
        case .ui8: putUnsigned(UInt64.self)
        case .r4:
            let v = raw.assumingMemoryBound(to: Float.self)
            for r in 0..<n { at[r * w + 1] = Self.realOrder(Double(v[r])) }
        case .r8:
            let v = raw.assumingMemoryBound(to: Double.self)
            for r in 0..<n { at[r * w + 1] = Self.realOrder(v[r]) }
        case .currency, .decimal, .numeric, .guid:
            let v = raw.assumingMemoryBound(to: UInt64.self)
            let bias: UInt64 = column.dataType == .guid ? 0 : 1 << 63
            for r in 0..<n {
                at[r * w + 1] = v[2 * r + 1] ^ bias  // high word (signed) first
                at[r * w + 2] = v[2 * r]
            }
        case .str, .wstr, .text, .ntext, .bytes, .image:
            let offsets = column.offsets
            for r in 0..<n {
                let start = Int(offsets[r]), count = min(Int(offsets[r + 1]) - start, 8)
                var prefix: UInt64 = 0
                for i in 0..<count { prefix |= UInt64(raw.load(fromByteOffset: start + i, as: UInt8.self)) << UInt64(56 - 8 * i) }
                at[r * w + 1] = prefix
            }
        default: put(Int64.self, flip: true)  // DT_I8, dates and times (int64 microseconds)
        }
        let validity = column.validityBitmap
        for r in 0..<n {
            let valid = validity.map { $0[r >> 3] & (1 << UInt8(r & 7)) != 0 } ?? true
            at[r * w] = valid ? 1 : 0
            if !valid { for i in 1...layout.valueWords { at[r * w + i] = 0 } }
            if !layout.ascending { for i in 0...layout.valueWords { at[r * w + i] = ~at[r * w + i] } }
        }
    }

    /// Real numbers as unsigned words in numeric order (negative: all bits flipped; else the
    /// sign bit set); -0 as 0.
    @inline(__always) static func realOrder(_ d: Double) -> UInt64 {
        let bits = (d == 0 ? 0.0 : d).bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }
}
