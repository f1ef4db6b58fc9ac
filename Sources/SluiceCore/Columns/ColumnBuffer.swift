/// One block of memory of a ``Column``: 64-byte aligned and padded to a multiple of 64 bytes,
/// as Arrow recommends, and freed when the last reference goes.
///
/// ```swift
/// let buffer = ColumnBuffer(byteCount: 8 * 1000)       // zeroed
/// buffer.bytes.bindMemory(to: Double.self, capacity: 1000)[0] = 1.5
/// ```
///
/// The buffer is the only owner of its memory, or (``init(borrowing:byteCount:owner:)``, a
/// plugin's Arrow buffer) keeps that memory's owner alive: pointers taken from it are valid while
/// the buffer is alive (keep the buffer, or the column holding it, alive with
/// `withExtendedLifetime`). A borrowed buffer is aligned only as its producer made it (at least
/// to its element type, which the importer checks) and not padded.
public final class ColumnBuffer: @unchecked Sendable {
    // @unchecked Sendable: the buffer is raw memory. Like an exported Arrow array, it is written
    // only while it is being filled, by the one thread filling it, and read-only once shared.

    /// The alignment of every buffer, and the multiple its size is padded to.
    public static let alignment = 64

    /// The start of the memory.
    public let bytes: UnsafeMutableRawPointer
    /// The usable size asked for.
    public let byteCount: Int
    /// The size allocated: `byteCount` rounded up to a multiple of 64 (at least 64).
    public let capacity: Int

    /// Allocates `byteCount` bytes. With `zeroed` (the default) all of it, padding included, reads
    /// as zero; without, only the padding past `byteCount` is zeroed and the caller must fill the rest.
    public init(byteCount: Int, zeroed: Bool = true) {
        precondition(byteCount >= 0, "a buffer cannot have a negative size")
        owner = nil
        self.byteCount = byteCount
        capacity = max((byteCount + Self.alignment - 1) / Self.alignment, 1) * Self.alignment
        bytes = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: Self.alignment)
        if zeroed {
            bytes.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
        } else {
            (bytes + byteCount).initializeMemory(as: UInt8.self, repeating: 0, count: capacity - byteCount)
        }
    }

    /// A zero-padded copy of `source`.
    public convenience init(copying source: UnsafeRawBufferPointer) {
        self.init(byteCount: source.count, zeroed: false)
        if let base = source.baseAddress { bytes.copyMemory(from: base, byteCount: source.count) }
    }

    /// What keeps borrowed memory alive (a plugin's Arrow array); nil when the buffer owns it.
    private let owner: AnyObject?

    /// Wraps memory someone else owns (a plugin's Arrow buffer) without a copy: `owner` is kept
    /// until the buffer goes, and frees the memory itself (Arrow's `release`). Not padded:
    /// `capacity == byteCount`, and the alignment is whatever the producer gave.
    public init(borrowing bytes: UnsafeMutableRawPointer, byteCount: Int, owner: AnyObject) {
        precondition(byteCount >= 0, "a buffer cannot have a negative size")
        self.bytes = bytes
        self.byteCount = byteCount
        capacity = byteCount
        self.owner = owner
    }

    deinit { if owner == nil { bytes.deallocate() } }

    /// The memory as `count` values of `T`, read-only.
    @inlinable public func typed<T>(_: T.Type, count: Int) -> UnsafeBufferPointer<T> {
        UnsafeBufferPointer(start: bytes.bindMemory(to: T.self, capacity: count), count: count)
    }

    /// The memory as `count` values of `T`, writable.
    @inlinable public func mutableTyped<T>(_: T.Type, count: Int) -> UnsafeMutableBufferPointer<T> {
        UnsafeMutableBufferPointer(start: bytes.bindMemory(to: T.self, capacity: count), count: count)
    }
}
