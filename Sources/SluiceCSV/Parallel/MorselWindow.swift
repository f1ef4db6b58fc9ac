import SluiceCore

/// What a worker made of one morsel: the batches of the rows that start in it, read as if it
/// started at `start` on line 1. Only trusted when `start` is where the previous morsel ended.
struct MorselResult: Sendable {
    /// The guessed file offset of the morsel's first row.
    var start: Int
    /// Rows starting at or past this offset belong to the next morsel.
    var stop: Int
    /// Where the row after the morsel's last one starts (nil after an error).
    var end: Int?
    /// Newlines consumed: the next morsel starts on line `first + lines`.
    var lines: Int
    var batches: [ColumnBatch]
    /// The error that ended the morsel, its line counted from the morsel's first line as 1.
    var error: (any Error)?
}

/// The morsels in flight between the workers and the consumer: workers claim morsel numbers in
/// order, at most `limit` ahead of the one the consumer takes next (so memory is bounded by
/// `limit` morsels of batches), and deliver results the consumer takes in file order.
final class MorselWindow: @unchecked Sendable {
    // @unchecked Sendable: every var below is read and written only under `lock`.
    private let lock = ConditionLock()
    let count: Int
    let limit: Int
    private var claimed = 0
    private var consumed = 0
    private var results: [Int: MorselResult] = [:]
    private var cancelled = false

    init(count: Int, limit: Int) {
        self.count = count
        self.limit = limit
    }

    /// The next morsel to parse; nil when all are claimed or the reader is closed. Waits while
    /// the window is full.
    func claim() -> Int? {
        lock.withLock {
            lock.wait { cancelled || claimed >= count || claimed < consumed + limit }
            guard !cancelled, claimed < count else { return nil }
            claimed += 1
            return claimed - 1
        }
    }

    func deliver(_ morsel: Int, _ result: MorselResult) {
        lock.withLock {
            results[morsel] = result
            lock.broadcast()
        }
    }

    /// Waits for morsel `morsel`'s result and moves the window on past it.
    func take(_ morsel: Int) -> MorselResult? {
        lock.withLock {
            lock.wait { results[morsel] != nil }
            consumed = morsel + 1
            lock.broadcast()
            return results.removeValue(forKey: morsel)
        }
    }

    /// Lets the workers stop after their current morsel.
    func cancel() {
        lock.withLock {
            cancelled = true
            lock.broadcast()
        }
    }
}
