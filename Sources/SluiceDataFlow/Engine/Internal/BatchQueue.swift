import SluiceCore

/// The batches waiting on one path, first in first out.
struct BatchQueue {
    /// Popped slots are nil so a batch is freed as soon as its consumer is done with it.
    private var items: [ColumnBatch?] = []
    private var head = 0

    var count: Int { items.count - head }
    var isEmpty: Bool { head == items.count }

    mutating func push(_ batch: ColumnBatch) { items.append(batch) }

    mutating func pop() -> ColumnBatch? {
        guard head < items.count else { return nil }
        let batch = items[head]
        items[head] = nil
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 32 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return batch
    }
}
