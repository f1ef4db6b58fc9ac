import SluiceCore

/// A row of one of several source batches: `source << 32 | row`.
typealias RowPick = UInt64

extension RowPick {
    init(source: Int, row: Int) { self = UInt64(source) << 32 | UInt64(row) }
    var source: Int { Int(self >> 32) }
    var row: Int { Int(self & 0xFFFF_FFFF) }
}

extension ColumnBatch {
    /// A batch of the picked rows of `sources` (which share this batch's columns), in pick order.
    static func picking(_ picks: UnsafeBufferPointer<RowPick>, from sources: [ColumnBatch]) throws -> ColumnBatch {
        let first = sources[0]
        return try ColumnBatch(first.names.indices.map { c in
            (first.names[c], Column.picking(picks, from: sources.map { $0.columns[c] }))
        })
    }
}

extension Column {
    /// A column of the picked rows of `sources` (same type and scale). One loop per column,
    /// specialized by width.
    static func picking(_ picks: UnsafeBufferPointer<RowPick>, from sources: [Column]) -> Column {
        let n = picks.count
        let type = sources[0].dataType, scale = sources[0].decimalScale
        var validity: ColumnBuffer?
        if sources.contains(where: { $0.validityBuffer != nil }) {
            let bitmap = ColumnBuffer(byteCount: Column.bitmapBytes(n))
            let bases = sources.map { $0.validityBuffer.map { UnsafeRawPointer($0.bytes) } }
            for (i, p) in picks.enumerated() where bases[p.source].map({ RawBits.get($0, p.row) }) ?? true { RawBits.set(bitmap.bytes, i) }
            validity = bitmap
        }
        let bases = sources.map { UnsafeRawPointer($0.valueBuffer.bytes) }
        switch sources[0].layout {
        case .bits:
            let values = ColumnBuffer(byteCount: Column.bitmapBytes(n))
            for (i, p) in picks.enumerated() where RawBits.get(bases[p.source], p.row) { RawBits.set(values.bytes, i) }
            return Column(type, length: n, validity: validity, values: values, decimalScale: scale)
        case .fixedWidth(let width):
            let values = ColumnBuffer(byteCount: width * n)
            switch width {
            case 1: copy(UInt8.self, picks, bases, values)
            case 2: copy(UInt16.self, picks, bases, values)
            case 4: copy(UInt32.self, picks, bases, values)
            case 8: copy(UInt64.self, picks, bases, values)
            default:
                for (i, p) in picks.enumerated() { (values.bytes + i * width).copyMemory(from: bases[p.source] + p.row * width, byteCount: width) }
            }
            return Column(type, length: n, validity: validity, values: values, decimalScale: scale)
        case .variableWidth:
            let offsets = sources.map { $0.offsets }
            var total = 0
            for p in picks { total += Int(offsets[p.source][p.row + 1] - offsets[p.source][p.row]) }
            let offsetBuffer = ColumnBuffer(byteCount: 4 * (n + 1))
            let newOffsets = offsetBuffer.mutableTyped(Int32.self, count: n + 1)
            let data = ColumnBuffer(byteCount: total)
            var at = 0
            for (i, p) in picks.enumerated() {
                let start = Int(offsets[p.source][p.row]), count = Int(offsets[p.source][p.row + 1]) - start
                (data.bytes + at).copyMemory(from: bases[p.source] + start, byteCount: count)
                at += count
                // Output batches are at most maxRows rows of sources each under 2 GiB; checked by the caller.
                newOffsets[i + 1] = Int32(truncatingIfNeeded: at)
            }
            return Column(type, length: n, validity: validity, values: data, offsets: offsetBuffer, decimalScale: scale)
        }
    }

    private static func copy<T>(_: T.Type, _ picks: UnsafeBufferPointer<RowPick>, _ bases: [UnsafeRawPointer], _ target: ColumnBuffer) {
        let to = target.bytes.assumingMemoryBound(to: T.self)
        let from = bases.map { $0.assumingMemoryBound(to: T.self) }
        for i in 0..<picks.count {
            let p = picks[i]
            to[i] = from[p.source][p.row]
        }
    }
}
