/// Maps keys of `width` 64-bit words to dense ids 0, 1, 2, … in order of first sight: the
/// group table of Aggregate (a key is one row's group-by values) and the seen-set of count
/// distinct (a key is a group id and a value).
///
/// Open addressing with linear probing over `Int32` slots, at most half full; the keys live
/// in one flat buffer (`width` words per id), so ``assign(_:rows:into:)`` is one typed loop
/// per batch with no per-row dispatch.
final class WordKeyTable {
    let width: Int
    private let keys = GrowableBuffer<UInt64>(zero: 0, capacity: 256)
    private let hashes = GrowableBuffer<UInt64>(zero: 0)
    private var slots: UnsafeMutablePointer<Int32>
    private var slotMask: Int
    private(set) var count = 0

    init(width: Int) {
        self.width = width
        slotMask = 1023
        slots = .allocate(capacity: slotMask + 1)
        slots.initialize(repeating: -1, count: slotMask + 1)
    }

    deinit { slots.deallocate() }

    var byteCount: Int { keys.byteCount + hashes.byteCount + 4 * (slotMask + 1) }

    /// The words of id `id`.
    func key(_ id: Int) -> UnsafePointer<UInt64> { UnsafePointer(keys.base + id * width) }

    /// Looks up (adding when new) the key of each of `rows` rows (`width` words each, row after
    /// row in `rowKeys`) and writes its id to `ids`.
    func assign(_ rowKeys: UnsafePointer<UInt64>, rows: Int, into ids: UnsafeMutablePointer<Int32>) {
        let w = width
        // The table's state in locals for the loop (dataflow-limits.md rule 2); reloaded only
        // after an insert, which may move it.
        var slots = self.slots, mask = slotMask, stored = keys.base, storedHashes = hashes.base
        for r in 0..<rows {
            let key = rowKeys + r * w
            let h = Self.hash(key, w)
            var slot = Int(truncatingIfNeeded: h) & mask
            var found = -1
            while true {
                let candidate = Int(slots[slot])
                if candidate < 0 { break }
                if storedHashes[candidate] == h && Self.equal(stored + candidate * w, key, w) { found = candidate; break }
                slot = (slot + 1) & mask
            }
            if found < 0 {
                found = id(of: key)
                slots = self.slots; mask = slotMask; stored = keys.base; storedHashes = hashes.base
            }
            ids[r] = Int32(truncatingIfNeeded: found)
        }
    }

    /// Writes the id of each of `rows` keys to `ids`, or -1 for a key not in the table (nothing
    /// is added): Lookup's probe.
    func find(_ rowKeys: UnsafePointer<UInt64>, rows: Int, into ids: UnsafeMutablePointer<Int32>) {
        let w = width, slots = self.slots, mask = slotMask, stored = keys.base, storedHashes = hashes.base
        for r in 0..<rows {
            let key = rowKeys + r * w
            let h = Self.hash(key, w)
            var slot = Int(truncatingIfNeeded: h) & mask
            var found: Int32 = -1
            while true {
                let candidate = Int(slots[slot])
                if candidate < 0 { break }
                if storedHashes[candidate] == h && Self.equal(stored + candidate * w, key, w) { found = Int32(truncatingIfNeeded: candidate); break }
                slot = (slot + 1) & mask
            }
            ids[r] = found
        }
    }

    @inline(__always) private static func hash(_ key: UnsafePointer<UInt64>, _ w: Int) -> UInt64 {
        var h: UInt64 = 0x9e37_79b9_7f4a_7c15
        for i in 0..<w { h = (h ^ key[i]) &* 0xbf58_476d_1ce4_e5b9 }
        return mix(h)
    }

    /// The id of the `width` words at `key`, adding it when new.
    @discardableResult
    func id(of key: UnsafePointer<UInt64>) -> Int {
        let w = width
        let h = Self.hash(key, w)
        var slot = Int(truncatingIfNeeded: h) & slotMask
        let storedHashes = hashes.base
        let stored = keys.base
        while true {
            let found = Int(slots[slot])
            if found < 0 { break }
            if storedHashes[found] == h && Self.equal(stored + found * w, key, w) { return found }
            slot = (slot + 1) & slotMask
        }
        let id = count
        keys.grow(to: (id + 1) * w)
        (keys.base + id * w).update(from: key, count: w)
        hashes.grow(to: id + 1)
        hashes.base[id] = h
        slots[slot] = Int32(truncatingIfNeeded: id)
        count = id + 1
        if 2 * count > slotMask { rehash() }
        return id
    }

    @inline(__always) private static func equal(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, _ w: Int) -> Bool {
        for i in 0..<w where a[i] != b[i] { return false }
        return true
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

    /// The finalizer of splitmix64: spreads every input bit over the low bits the slots use.
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
