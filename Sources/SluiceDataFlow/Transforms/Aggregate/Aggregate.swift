import SluiceCore

/// Aggregate (SSIS's): groups the rows by key columns and computes counts, sums, averages,
/// minimums and maximums per group, on one asynchronous output emitted at the end of input.
///
/// ```swift
/// let q1 = Aggregate(name: "Q1", columns: [
///     .init("l_returnflag", .groupBy), .init("l_linestatus", .groupBy),
///     .init("sum_qty", .sum, of: "l_quantity"), .init("avg_price", .average, of: "l_extendedprice"),
///     .init("count_order", .countAll),
/// ])
/// ```
///
/// - Keys: any column type; NULL is a group of its own. Groups come out in order of first sight.
/// - Output types: count, count all and count distinct DT_UI8; sum DT_I8 (signed integers),
///   DT_UI8 (unsigned), DT_R8 (reals), DT_NUMERIC at the input's scale (decimals); average
///   DT_R8; minimum and maximum the input's type. Without keys, one group; no input, no rows.
/// - Per batch: the keys of every row become words (``KeyEncoder``), one table lookup per row
///   gives the group ids into a buffer, then each accumulator runs one typed loop.
/// - Memory: every group is held until the end of input: its key words, its accumulators and
///   the interned bytes of string keys. When that passes `memoryLimit` bytes (checked after
///   each batch), the component fails with `SLUICE_E_AGGREGATE_MEMORY_EXCEEDED`.
public final class Aggregate: FlowComponent {
    public let inputCount = 1
    public let outputs = [OutputDescription("Aggregate Output 1")]
    public let name: String
    public let columns: [AggregateColumn]
    public let memoryLimit: Int

    private var plan: AggregatePlan?
    private let groupIds = GrowableBuffer<Int32>(zero: 0)
    private let rowKeys = GrowableBuffer<UInt64>(zero: 0)

    /// - Parameter memoryLimit: bytes of group state allowed (default 1 GiB; at most 2 GiB - 1,
    ///   which also keeps every output string column's data within Arrow's int32 offsets).
    public init(name: String, columns: [AggregateColumn], memoryLimit: Int = 1 << 30) {
        self.name = name
        self.columns = columns
        self.memoryLimit = min(memoryLimit, Int(Int32.max))
    }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        let plan = try self.plan ?? AggregatePlan(component: name, columns: columns, first: batch)
        self.plan = plan
        let inputs = try plan.inputs(of: batch)
        let n = batch.length
        groupIds.grow(to: n)
        let groupCount = try plan.assignGroups(inputs, rows: n, keys: rowKeys, into: groupIds.base)
        for (accumulator, column) in zip(plan.accumulators, plan.accumulatorInputs) {
            try accumulator?.add(column.map { inputs[$0] }, rows: n, groups: groupIds.base, groupCount: groupCount)
        }
        let used = plan.byteCount + groupIds.byteCount + rowKeys.byteCount
        if used > memoryLimit {
            throw SluiceError(.aggregateMemoryExceeded, [
                "component": name, "groups": String(groupCount), "bytes": String(used), "limit": String(memoryLimit),
            ])
        }
    }

    public func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws {
        // No batch came (the engine drops empty batches): no groups, no rows, keys or not.
        guard let plan else { return }
        let result = try plan.finish()
        var start = 0
        let rowsPerBatch = max(emitter.maxRows, 1)
        var rows = [Int32]()
        while start < result.length {
            let end = min(start + rowsPerBatch, result.length)
            if start == 0 && end == result.length { try emitter.emit(result, to: 0); break }
            rows = (start..<end).map { Int32(truncatingIfNeeded: $0) }
            try rows.withUnsafeBufferPointer { try emitter.emit(try result.gathering($0), to: 0) }
            start = end
        }
    }
}
