/// The last `capacity` bytes of a stream of any length.
///
/// Storage grows to at most twice the capacity before the oldest bytes are dropped in one move,
/// so each byte is copied a bounded number of times.
struct TailBuffer {
    let capacity: Int
    private var storage: [UInt8] = []
    /// Every byte ever appended, kept or not.
    private(set) var total = 0

    init(capacity: Int) {
        self.capacity = capacity
        storage.reserveCapacity(2 * capacity)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        total += bytes.count
        let kept = bytes.count > capacity ? UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - capacity)...]) : bytes
        storage.append(contentsOf: kept)
        if storage.count > 2 * capacity { storage.removeFirst(storage.count - capacity) }
    }

    /// The last `capacity` bytes (fewer if the stream was shorter).
    var bytes: ArraySlice<UInt8> { storage.suffix(capacity) }

    /// Whether bytes were dropped from the front.
    var isTruncated: Bool { total > capacity }
}
