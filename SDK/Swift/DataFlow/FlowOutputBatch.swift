import CSluiceABI

/// A batch to emit: built columns (``FlowColumnBuilder``) and columns passed on unchanged from
/// a received ``FlowBatch`` (no copy: the output keeps the input alive until the host releases
/// the output), in the order of the output's negotiated schema.
///
/// ```swift
/// var out = FlowOutputBatch(rowCount: batch.rowCount)
/// out.pass(batch)          // every input column, as a synchronous output does
/// out.add(totals)          // then the new columns
/// return out
/// ```
public struct FlowOutputBatch {
    enum Column {
        case built(FlowColumnBuilder)
        case passed(FlowBatch, Int)
    }

    /// Rows in the batch; every column must have exactly this many.
    public let rowCount: Int
    var columns: [Column] = []

    public init(rowCount: Int) { self.rowCount = rowCount }

    /// Adds a built column; its buffers move into the batch when it is emitted.
    public mutating func add(_ builder: FlowColumnBuilder) { columns.append(.built(builder)) }

    /// Passes column `column` of `batch` on unchanged.
    public mutating func pass(_ batch: FlowBatch, column: Int) { columns.append(.passed(batch, column)) }

    /// Passes every column of `batch` on unchanged, in order.
    public mutating func pass(_ batch: FlowBatch) {
        for index in 0..<batch.columnCount { columns.append(.passed(batch, index)) }
    }

    /// The struct array the host will release, with every column checked for length.
    func export() throws -> ArrowArray {
        guard rowCount >= 0 else { throw PluginError(.invalidArgument, "a batch of \(rowCount) rows") }
        var sealed: [SealedColumn?] = []
        var kept: [(FlowBatch, UnsafeMutablePointer<ArrowArray>)?] = []
        for (index, column) in columns.enumerated() {
            switch column {
            case .built(let builder):
                let built = try builder.seal()
                guard built.length == rowCount else {
                    throw PluginError(.invalidArgument, "column \(index) has \(built.length) rows; the batch has \(rowCount)")
                }
                sealed.append(built)
                kept.append(nil)
            case .passed(let batch, let child):
                guard let array = batch.child(child), batch.rowCount == rowCount else {
                    throw PluginError(.invalidArgument, "column \(index) passes column \(child) of a batch of \(batch.rowCount) rows; this batch has \(rowCount)")
                }
                sealed.append(nil)
                kept.append((batch, array))
            }
        }
        return ExportedBatch.make(rowCount: rowCount, sealed: sealed, passed: kept)
    }
}

/// What an exported batch's `private_data` holds: the C structs of its children and the
/// buffers they point to. The parent's release drops it (once); the children's releases only
/// mark themselves released, as the parent frees them (Arrow's rule for children).
final class ExportedBatch {
    let childCount: Int
    let children: UnsafeMutablePointer<ArrowArray>
    let childPointers: UnsafeMutablePointer<UnsafeMutablePointer<ArrowArray>?>
    /// Three slots per built column, then one (NULL) for the struct itself.
    let bufferSlots: UnsafeMutablePointer<UnsafeRawPointer?>
    let sealed: [SealedColumn?]
    let passed: [FlowBatch]

    private init(count: Int, sealed: [SealedColumn?], passed: [FlowBatch]) {
        childCount = count
        children = .allocate(capacity: max(count, 1))
        childPointers = .allocate(capacity: max(count, 1))
        bufferSlots = .allocate(capacity: count * 3 + 1)
        bufferSlots.initialize(repeating: nil, count: count * 3 + 1)
        self.sealed = sealed
        self.passed = passed
    }

    deinit {
        children.deinitialize(count: childCount)
        children.deallocate()
        childPointers.deallocate()
        bufferSlots.deallocate()
    }

    static func make(
        rowCount: Int, sealed: [SealedColumn?], passed: [(FlowBatch, UnsafeMutablePointer<ArrowArray>)?]
    ) -> ArrowArray {
        let count = sealed.count
        let holder = ExportedBatch(count: count, sealed: sealed, passed: passed.compactMap { $0?.0 })
        for index in 0..<count {
            var child = ArrowArray()
            if let built = sealed[index] {
                let slots = holder.bufferSlots + index * 3
                for (slot, buffer) in built.buffers.enumerated() { slots[slot] = buffer.map { UnsafeRawPointer($0.bytes) } }
                child.length = Int64(built.length)
                child.null_count = Int64(built.nullCount)
                child.n_buffers = Int64(built.buffers.count)
                child.buffers = UnsafeMutablePointer(mutating: slots)
            } else if let (_, source) = passed[index] {
                child = source.pointee  // the same buffers; the input stays alive in `holder`
                child.private_data = nil
            }
            child.release = releaseChild
            (holder.children + index).initialize(to: child)
            holder.childPointers[index] = holder.children + index
        }
        var array = ArrowArray()
        array.length = Int64(rowCount)
        array.null_count = 0
        array.n_buffers = 1
        array.n_children = Int64(count)
        array.buffers = UnsafeMutablePointer(mutating: holder.bufferSlots + count * 3)
        array.children = holder.childPointers
        array.release = releaseParent
        array.private_data = Unmanaged.passRetained(holder).toOpaque()
        return array
    }
}

private let releaseParent: @convention(c) (UnsafeMutablePointer<ArrowArray>?) -> Void = { array in
    guard let array, array.pointee.release != nil else { return }
    if let holder = array.pointee.private_data { Unmanaged<ExportedBatch>.fromOpaque(holder).release() }
    array.pointee.private_data = nil
    array.pointee.release = nil
}

private let releaseChild: @convention(c) (UnsafeMutablePointer<ArrowArray>?) -> Void = { array in
    array?.pointee.release = nil
}
