import SluiceCore

/// The k-way merge of a ``Sort``'s runs: each run's current batch and row, a binary heap of
/// runs ordered by their current row (ties by run, which keeps the sort stable: earlier runs
/// hold earlier rows).
struct SortMerge {
    private let runs: [SpillFile]
    private let schema: [(name: String, type: DataType, scale: Int)]
    private let layouts: [SortKeyBlock.Layout]
    private let width: Int
    private let removeDuplicates: Bool

    init(runs: [SpillFile], schema: [(name: String, type: DataType, scale: Int)], layouts: [SortKeyBlock.Layout], width: Int, removeDuplicates: Bool) {
        self.runs = runs
        self.schema = schema
        self.layouts = layouts
        self.width = width
        self.removeDuplicates = removeDuplicates
    }

    /// Calls `emit` with the merged rows, in batches of at most `maxRows`.
    func merge(maxRows: Int, _ emit: (ColumnBatch) throws -> Void) throws {
        var batches: [ColumnBatch?] = Array(repeating: nil, count: runs.count)
        var blocks: [SortKeyBlock?] = Array(repeating: nil, count: runs.count)
        var chunk = [Int](repeating: 0, count: runs.count)
        var row = [Int](repeating: 0, count: runs.count)
        func load(_ run: Int) throws -> Bool {
            guard chunk[run] < runs[run].chunks.count else { batches[run] = nil; blocks[run] = nil; return false }
            let batch = try runs[run].read(chunk[run], schema: schema)
            batches[run] = batch
            blocks[run] = SortKeyBlock(batch, layouts: layouts, width: width)
            chunk[run] += 1
            row[run] = 0
            return true
        }
        func less(_ a: Int, _ b: Int) -> Bool {
            guard let x = blocks[a], let y = blocks[b] else { return false }
            let order = x.compare(row[a], y, row[b])
            return order != 0 ? order < 0 : a < b
        }
        var heap: [Int] = []
        for run in runs.indices where try load(run) { heap.append(run); siftUp(&heap, heap.count - 1, less) }
        var picks: [RowPick] = []
        // The last row emitted, for duplicate removal across batches and runs.
        var last: (block: SortKeyBlock, row: Int)?
        func flush() throws {
            // Every pick's run still has its batch (runs are flushed before their batch changes);
            // an exhausted run, never picked, stands in with any loaded batch.
            guard let firstPick = picks.first, let placeholder = batches[firstPick.source] else { return }
            let sources = batches.map { $0 ?? placeholder }
            try picks.withUnsafeBufferPointer { try emit(try ColumnBatch.picking($0, from: sources)) }
            picks.removeAll(keepingCapacity: true)
        }
        while let top = heap.first, let block = blocks[top] {
            let r = row[top]
            if !removeDuplicates || last.map({ block.compare(r, $0.block, $0.row) != 0 }) ?? true {
                picks.append(RowPick(source: top, row: r))
                last = (block, r)
            }
            if picks.count >= maxRows { try flush() }
            row[top] += 1
            if row[top] == block.rows {
                // The picks point into this run's current batch: emit them before it is replaced.
                try flush()
                if try !load(top) {
                    heap.swapAt(0, heap.count - 1)
                    heap.removeLast()
                }
            }
            siftDown(&heap, 0, less)
        }
        try flush()
    }

    private func siftUp(_ heap: inout [Int], _ i: Int, _ less: (Int, Int) -> Bool) {
        var child = i
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func siftDown(_ heap: inout [Int], _ i: Int, _ less: (Int, Int) -> Bool) {
        var parent = i
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count && less(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && less(heap[right], heap[smallest]) { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
