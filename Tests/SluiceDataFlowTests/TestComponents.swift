import Foundation
import SluiceCore
@testable import SluiceDataFlow

/// A source of `batches` batches of `emitter.maxRows` rows: `Id` (DT_I8, counting from 0) and
/// `Qty` (DT_I4, Id % 50). Counts the batches it made, so a test can see how many are alive.
final class CountingSource: FlowComponent {
    let inputCount = 0
    let outputs = [OutputDescription("Output")]
    let batches: Int
    let ledger: BatchLedger
    private var made = 0

    init(batches: Int, ledger: BatchLedger = BatchLedger()) {
        self.batches = batches
        self.ledger = ledger
    }

    func produce(_ emitter: BatchEmitter) throws -> Bool {
        guard made < batches else { return false }
        let n = emitter.maxRows
        let first = Int64(made * n)
        let ids = Column(.i8, length: n)
        let qty = Column(.i4, length: n)
        let idValues = ids.mutableValues(as: Int64.self)
        let qtyValues = qty.mutableValues(as: Int32.self)
        for i in 0..<n {
            idValues[i] = first + Int64(i)
            qtyValues[i] = Int32((first + Int64(i)) % 50)
        }
        try emitter.emit(try ColumnBatch([("Id", ids), ("Qty", qty)]), to: 0)
        made += 1
        ledger.made()
        return made < batches
    }
}

/// Batches made by a source and consumed by a sink, seen from outside the engine: the most
/// alive at once is a bound the engine's own accounting cannot fake.
final class BatchLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var alive = 0
    private(set) var peakAlive = 0

    func made() { lock.withLock { alive += 1; peakAlive = max(peakAlive, alive) } }
    func consumed() { lock.withLock { alive -= 1 } }
    var peak: Int { lock.withLock { peakAlive } }
}

/// A destination that keeps every batch (or only counts rows), optionally slowly.
final class CollectingSink: FlowComponent {
    let inputCount = 1
    let outputs: [OutputDescription] = []
    let keep: Bool
    let delay: TimeInterval
    let ledger: BatchLedger?
    private(set) var batches: [ColumnBatch] = []
    private(set) var rows = 0
    private(set) var ends = 0

    init(keep: Bool = true, delay: TimeInterval = 0, ledger: BatchLedger? = nil) {
        self.keep = keep
        self.delay = delay
        self.ledger = ledger
    }

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        rows += batch.length
        if keep { batches.append(batch) }
        ledger?.consumed()
    }

    func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws { ends += 1 }

    /// Every value of column `name`, across the batches, in order.
    func values(_ name: String) -> [Value] { batches.flatMap { $0[name]?.allValues ?? [] } }
}

/// A source of fixed batches.
final class FixedSource: FlowComponent {
    let inputCount = 0
    let outputs = [OutputDescription("Output")]
    private var pending: [ColumnBatch]

    init(_ batches: [ColumnBatch]) { pending = batches.reversed() }

    func produce(_ emitter: BatchEmitter) throws -> Bool {
        if let next = pending.popLast() { try emitter.emit(next, to: 0) }
        return !pending.isEmpty
    }
}

/// A pass-through that throws on its `failAt`-th batch.
final class FailingTransform: FlowComponent {
    let inputCount = 1
    let outputs = [OutputDescription("Output", synchronousInput: 0)]
    let failAt: Int
    private var seen = 0

    init(failAt: Int) { self.failAt = failAt }

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        seen += 1
        if seen == failAt { throw SluiceError(.typeMismatch, ["value": "batch \(seen)", "type": "test", "reason": "planted failure"]) }
        try emitter.emit(batch, to: 0)
    }
}

/// Names of the live threads of this process (Linux: /proc/self/task/*/comm).
func liveThreadNames() -> [String] {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    return tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// A thread-name prefix no other test uses (Linux keeps 15 bytes of a name).
func uniquePrefix() -> String { "df" + String(UInt32.random(in: 0...UInt32.max), radix: 36) + "-" }
