/// A growable byte buffer aligned to 64 bytes (the Arrow recommendation the host follows), the
/// storage of a column the SDK builds. Exporting a batch hands the buffer to the batch's release
/// callback, which frees it when the host releases the batch.
final class AlignedBuffer {
    static let alignment = 64
    private(set) var bytes: UnsafeMutableRawPointer
    private(set) var capacity: Int
    /// Bytes in use.
    var count = 0

    init(capacity: Int = 256) {
        self.capacity = max(capacity, Self.alignment)
        bytes = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: Self.alignment)
        bytes.initializeMemory(as: UInt8.self, repeating: 0, count: self.capacity)
    }

    deinit { bytes.deallocate() }

    /// Makes room for `extra` more bytes past `count`; new bytes read as zero.
    @inline(__always)
    func reserve(_ extra: Int) {
        let needed = count + extra
        if needed > capacity { grow(to: needed) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let newBytes = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: Self.alignment)
        newBytes.copyMemory(from: bytes, byteCount: count)
        (newBytes + count).initializeMemory(as: UInt8.self, repeating: 0, count: newCapacity - count)
        bytes.deallocate()
        bytes = newBytes
        capacity = newCapacity
    }
}
