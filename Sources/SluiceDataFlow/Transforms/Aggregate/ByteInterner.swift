import Foundation

/// Gives each distinct byte string (a string key, a count-distinct string) a dense id, so the
/// group table and the accumulators work on fixed-width words.
///
/// Open addressing over an arena of the bytes: one hash and usually one `memcmp` per row, no
/// Swift `String` or `Array` per value (dataflow-limits.md rule 5).
final class ByteInterner {
    private let bytes = GrowableBuffer<UInt8>(zero: 0, capacity: 4096)
    /// Start of each id's bytes in ``bytes``; `starts[id + 1]` is its end.
    private let starts = GrowableBuffer<Int>(zero: 0)
    private let hashes = GrowableBuffer<UInt64>(zero: 0)
    private var slots: UnsafeMutablePointer<Int32>
    private var slotMask: Int

    init() {
        slotMask = 1023
        slots = .allocate(capacity: slotMask + 1)
        slots.initialize(repeating: -1, count: slotMask + 1)
        starts.grow(to: 1)
    }

    deinit { slots.deallocate() }

    var count: Int { starts.count - 1 }
    var byteCount: Int { bytes.byteCount + starts.byteCount + hashes.byteCount + 4 * (slotMask + 1) }

    /// The bytes of `id`.
    func bytes(of id: Int) -> UnsafeRawBufferPointer {
        let s = starts.base
        return UnsafeRawBufferPointer(start: bytes.base + s[id], count: s[id + 1] - s[id])
    }

    /// Writes the id of each row of a string or bytes column at `ids[r * stride]` (NULL rows get
    /// the id of the empty string; the caller marks them).
    func ids(of data: UnsafeRawPointer, offsets: UnsafeBufferPointer<Int32>, rows: Int, into ids: UnsafeMutablePointer<UInt64>, stride: Int) {
        // State in locals for the loop (rule 2); reloaded after an insert, which may move it.
        var slots = self.slots, mask = slotMask, storedHashes = hashes.base, arena = UnsafeRawPointer(bytes.base), s = starts.base
        for r in 0..<rows {
            let start = Int(offsets[r])
            let value = UnsafeRawBufferPointer(start: data + start, count: Int(offsets[r + 1]) - start)
            let h = Self.hash(value)
            var slot = Int(truncatingIfNeeded: h) & mask
            var found = -1
            while true {
                let candidate = Int(slots[slot])
                if candidate < 0 { break }
                if storedHashes[candidate] == h
                    && Self.equal(UnsafeRawBufferPointer(start: arena + s[candidate], count: s[candidate + 1] - s[candidate]), value)
                {
                    found = candidate
                    break
                }
                slot = (slot + 1) & mask
            }
            if found < 0 {
                found = id(of: value)
                slots = self.slots; mask = slotMask; storedHashes = hashes.base; arena = UnsafeRawPointer(bytes.base); s = starts.base
            }
            ids[r * stride] = UInt64(found)
        }
    }

    /// As ``ids(of:offsets:rows:into:stride:)``, but a value not interned yet gets `UInt64.max`
    /// (an id no key holds) and is not added: Lookup probes its cache without growing it.
    func existingIds(of data: UnsafeRawPointer, offsets: UnsafeBufferPointer<Int32>, rows: Int, into ids: UnsafeMutablePointer<UInt64>, stride: Int) {
        let slots = self.slots, mask = slotMask, storedHashes = hashes.base, arena = UnsafeRawPointer(bytes.base), s = starts.base
        for r in 0..<rows {
            let start = Int(offsets[r])
            let value = UnsafeRawBufferPointer(start: data + start, count: Int(offsets[r + 1]) - start)
            let h = Self.hash(value)
            var slot = Int(truncatingIfNeeded: h) & mask
            var found = UInt64.max
            while true {
                let candidate = Int(slots[slot])
                if candidate < 0 { break }
                if storedHashes[candidate] == h
                    && Self.equal(UnsafeRawBufferPointer(start: arena + s[candidate], count: s[candidate + 1] - s[candidate]), value)
                {
                    found = UInt64(candidate)
                    break
                }
                slot = (slot + 1) & mask
            }
            ids[r * stride] = found
        }
    }

    /// The id of `value`, adding it when new.
    func id(of value: UnsafeRawBufferPointer) -> Int {
        let hash = Self.hash(value)
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let found = Int(slots[slot])
            if found < 0 { break }
            if hashes.base[found] == hash && Self.equal(bytes(of: found), value) { return found }
            slot = (slot + 1) & slotMask
        }
        let id = count
        let start = starts.base[id]
        bytes.grow(to: start + value.count)
        if let source = value.baseAddress, value.count > 0 {
            UnsafeMutableRawPointer(bytes.base + start).copyMemory(from: source, byteCount: value.count)
        }
        starts.grow(to: id + 2)
        starts.base[id + 1] = start + value.count
        hashes.grow(to: id + 1)
        hashes.base[id] = hash
        slots[slot] = Int32(truncatingIfNeeded: id)
        if 2 * (id + 1) > slotMask { rehash() }
        return id
    }

    private func rehash() {
        slots.deallocate()
        slotMask = 2 * (slotMask + 1) - 1
        slots = .allocate(capacity: slotMask + 1)
        slots.initialize(repeating: -1, count: slotMask + 1)
        let h = hashes.base
        for id in 0..<count {
            var slot = Int(truncatingIfNeeded: h[id]) & slotMask
            while slots[slot] >= 0 { slot = (slot + 1) & slotMask }
            slots[slot] = Int32(truncatingIfNeeded: id)
        }
    }

    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard let pa = a.baseAddress, let pb = b.baseAddress, a.count > 0 else { return true }
        return memcmp(pa, pb, a.count) == 0
    }

    /// FNV-1a over 8-byte words, then a final mix.
    static func hash(_ value: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(value.count)
        var i = 0
        while i + 8 <= value.count {
            h = (h ^ value.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x100_0000_01b3
            i += 8
        }
        while i < value.count {
            h = (h ^ UInt64(value[i])) &* 0x100_0000_01b3
            i += 1
        }
        return WordKeyTable.mix(h)
    }
}
