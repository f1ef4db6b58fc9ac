import SluiceCore

extension Column {
    /// A new column of the rows at `rows` (in that order; each in `0..<length`, checked by the
    /// caller that built the list). One loop per column, specialized by width: never per-row
    /// dispatch.
    func gathering(_ rows: UnsafeBufferPointer<Int32>) -> Column {
        let n = rows.count
        let validity = validityBuffer.map { Column.gatherBits($0, rows) }
        switch layout {
        case .bits:
            return Column(dataType, length: n, validity: validity, values: Column.gatherBits(valueBuffer, rows), decimalScale: decimalScale)
        case .fixedWidth(let width):
            let values = ColumnBuffer(byteCount: width * n, zeroed: false)
            switch width {
            case 1: Column.gather(UInt8.self, valueBuffer, values, rows)
            case 2: Column.gather(UInt16.self, valueBuffer, values, rows)
            case 4: Column.gather(UInt32.self, valueBuffer, values, rows)
            case 8: Column.gather(UInt64.self, valueBuffer, values, rows)
            default:
                for (i, r) in rows.enumerated() { (values.bytes + i * width).copyMemory(from: valueBuffer.bytes + Int(r) * width, byteCount: width) }
            }
            return Column(dataType, length: n, validity: validity, values: values, decimalScale: decimalScale)
        case .variableWidth:
            let sourceOffsets = offsets
            var total = 0
            for r in rows { total += Int(sourceOffsets[Int(r) + 1] - sourceOffsets[Int(r)]) }
            let offsetBuffer = ColumnBuffer(byteCount: 4 * (n + 1), zeroed: false)
            let newOffsets = offsetBuffer.mutableTyped(Int32.self, count: n + 1)
            let data = ColumnBuffer(byteCount: total, zeroed: false)
            var at = 0
            newOffsets[0] = 0
            for (i, r) in rows.enumerated() {
                let start = Int(sourceOffsets[Int(r)])
                let count = Int(sourceOffsets[Int(r) + 1]) - start
                (data.bytes + at).copyMemory(from: valueBuffer.bytes + start, byteCount: count)
                at += count
                newOffsets[i + 1] = Int32(truncatingIfNeeded: at)  // at <= the source's data, itself < 2 GiB
            }
            return Column(dataType, length: n, validity: validity, values: data, offsets: offsetBuffer, decimalScale: decimalScale)
        }
    }

    private static func gather<T>(_: T.Type, _ source: ColumnBuffer, _ target: ColumnBuffer, _ rows: UnsafeBufferPointer<Int32>) {
        let from = source.bytes.assumingMemoryBound(to: T.self)
        let to = target.bytes.assumingMemoryBound(to: T.self)
        for i in 0..<rows.count { to[i] = from[Int(rows[i])] }
    }

    private static func gatherBits(_ source: ColumnBuffer, _ rows: UnsafeBufferPointer<Int32>) -> ColumnBuffer {
        let target = ColumnBuffer(byteCount: bitmapBytes(rows.count))
        let from = UnsafePointer(source.bytes.assumingMemoryBound(to: UInt8.self))
        let to = target.bytes.assumingMemoryBound(to: UInt8.self)
        for i in 0..<rows.count {
            let r = Int(rows[i])
            let bit = (from[r >> 3] >> UInt8(r & 7)) & 1
            to[i >> 3] |= bit << UInt8(i & 7)
        }
        return target
    }
}

extension ColumnBatch {
    /// The rows at `rows`, every column gathered.
    func gathering(_ rows: UnsafeBufferPointer<Int32>) throws -> ColumnBatch {
        if rows.count == length { return self }  // every row, in order (callers list rows ascending)
        return try ColumnBatch(zip(names, columns).map { ($0, $1.gathering(rows)) })
    }

    /// The batch with `column` added under `name`, or replacing the column of that name.
    func setting(_ name: String, _ column: Column) throws -> ColumnBatch {
        var pairs = zip(names, columns).map { (name: $0, column: $1) }
        if let at = position(of: name) { pairs[at].column = column } else { pairs.append((name, column)) }
        return try ColumnBatch(pairs)
    }
}
