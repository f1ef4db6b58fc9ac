import SluiceCore

extension ColumnAccumulator {
    /// Copies rows `source` of `column` (made by a reader of the same declared column) into
    /// batch rows `first…`: how ``ParallelCSVReader`` joins the end of one morsel to the start
    /// of the next, so its batches are cut exactly where the single-thread reader cuts them.
    /// One loop per kind, over raw pointers.
    ///
    /// - Throws: `SLUICE_E_CSV_ROW_TOO_LONG` past 2 GiB of string data in one batch (as the
    ///   single-thread reader).
    func append(_ column: Column, rows source: Range<Int>, at first: Int, file: String, line: Int) throws {
        let count = source.count
        guard count > 0 else { return }
        let lo = source.lowerBound
        copyValidity(column, lo, count, first)
        let from = UnsafeRawPointer(column.valueBuffer.bytes)
        let to = values.bytes
        switch kind {
        case .bool: Self.copyBits(from.assumingMemoryBound(to: UInt8.self), lo, to.assumingMemoryBound(to: UInt8.self), first, count)
        case .string: try appendStrings(column, lo, count, first, file: file, line: line)
        default:
            let width = kind.byteWidth
            to.advanced(by: first &* width).copyMemory(from: from + lo &* width, byteCount: count &* width)
        }
    }

    private func copyValidity(_ column: Column, _ lo: Int, _ count: Int, _ first: Int) {
        let bits = validity.bytes.assumingMemoryBound(to: UInt8.self)
        guard let source = column.validityBuffer else {
            for row in first..<(first &+ count) { bits[row >> 3] |= 1 << UInt8(row & 7) }
            return
        }
        Self.copyBits(UnsafePointer(source.bytes.assumingMemoryBound(to: UInt8.self)), lo, bits, first, count)
    }

    /// Sets bit `to + i` where bit `from + i` is set (the target bits start clear).
    private static func copyBits(_ source: UnsafePointer<UInt8>, _ from: Int, _ target: UnsafeMutablePointer<UInt8>, _ to: Int, _ count: Int) {
        for i in 0..<count {
            let s = from &+ i, t = to &+ i
            if source[s >> 3] & (1 << UInt8(s & 7)) != 0 { target[t >> 3] |= 1 << UInt8(t & 7) }
        }
    }

    private func appendStrings(_ column: Column, _ lo: Int, _ count: Int, _ first: Int, file: String, line: Int) throws {
        guard let sourceOffsets = column.offsetBuffer, let targetOffsets = offsets else { return }
        let from = UnsafePointer(sourceOffsets.bytes.assumingMemoryBound(to: Int32.self))
        let start = Int(from[lo]), end = Int(from[lo &+ count])
        let bytes = end - start
        guard dataUsed + bytes <= Int(Int32.max) else {
            throw SluiceError(.csvRowTooLong, ["file": file, "line": String(line), "limit": "2147483647 (string bytes of one batch; lower batchRows)"])
        }
        reserveData(bytes)
        values.bytes.advanced(by: dataUsed).copyMemory(from: column.valueBuffer.bytes + start, byteCount: bytes)
        let to = targetOffsets.bytes.assumingMemoryBound(to: Int32.self)
        let shift = Int32(truncatingIfNeeded: dataUsed - start)
        for i in 0..<count { to[first &+ i &+ 1] = from[lo &+ i &+ 1] &+ shift }
        dataUsed += bytes
    }
}
