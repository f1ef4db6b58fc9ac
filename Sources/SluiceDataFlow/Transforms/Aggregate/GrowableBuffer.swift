/// A growable array of plain values in raw memory, for per-group state (keys, accumulators).
///
/// Hot loops copy ``base`` into a local before the loop (dataflow-limits.md rule 2): the buffer
/// only moves in ``reserve(_:)``, which callers run once per batch, never inside a row loop.
final class GrowableBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    /// Elements in use; grown by ``append(zeros:)`` or ``reserve(_:)`` + direct writes.
    var count = 0
    private let zero: Element

    init(zero: Element, capacity: Int = 64) {
        self.zero = zero
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
        base.initialize(repeating: zero, count: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `total` elements (filled with the zero value), doubling as needed.
    func reserve(_ total: Int) {
        guard total > capacity else { return }
        var grown = capacity
        while grown < total { grown *= 2 }
        let moved = UnsafeMutablePointer<Element>.allocate(capacity: grown)
        moved.initialize(from: base, count: capacity)
        (moved + capacity).initialize(repeating: zero, count: grown - capacity)
        base.deallocate()
        base = moved
        capacity = grown
    }

    /// Grows ``count`` to `total`, the new elements zero.
    func grow(to total: Int) {
        reserve(total)
        if total > count { count = total }
    }

    var byteCount: Int { capacity * MemoryLayout<Element>.stride }
}
