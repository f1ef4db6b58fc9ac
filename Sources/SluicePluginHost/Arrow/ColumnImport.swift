import CSluiceABI
import SluiceCore

/// Checks one child array of a plugin's batch against its declared type, then wraps its
/// buffers in a ``Column`` (no copy), each buffer keeping the batch's owner alive.
struct ColumnImport {
    let owner: ArrowArrayOwner
    let array: ArrowArray
    let length: Int
    let type: ArrowFormat.ColumnType
    let invalid: (String) -> SluiceError

    func column() throws -> Column {
        guard array.release != nil else { throw invalid("its release is NULL (a child must have one)") }
        guard array.length == Int64(length) else { throw invalid("length \(array.length), but the batch has \(length) rows") }
        guard array.offset == 0 else { throw invalid("offset \(array.offset): columns must start at offset 0") }
        guard array.n_children == 0, array.dictionary == nil else { throw invalid("a flat column has no children and no dictionary") }
        guard array.null_count >= -1, array.null_count <= Int64(length) else { throw invalid("null_count \(array.null_count) is out of -1...\(length)") }
        guard let layout = type.dataType.columnLayout else { throw invalid("\(type.dataType.rawValue) has no column layout") }
        let expectedBuffers: Int64 = layout == .variableWidth ? 3 : 2
        guard array.n_buffers == expectedBuffers, let buffers = array.buffers else {
            throw invalid("a \(type.dataType.rawValue) column has \(expectedBuffers) buffers (n_buffers is \(array.n_buffers))")
        }
        let validity = buffers[0]
        guard validity != nil || array.null_count <= 0 else { throw invalid("null_count \(array.null_count) but no validity bitmap") }
        let validityBuffer = validity.map { wrap($0, Column.bitmapBytes(length)) }
        switch layout {
        case .bits:
            let values = try required(buffers[1], "values", Column.bitmapBytes(length), alignment: 1)
            return Column(type.dataType, length: length, validity: validityBuffer, values: values)
        case .fixedWidth(let width):
            let values = try required(buffers[1], "values", width * length, alignment: min(width, 8))
            return Column(type.dataType, length: length, validity: validityBuffer, values: values, decimalScale: type.decimalScale)
        case .variableWidth:
            let offsets = try required(buffers[1], "offsets", 4 * (length + 1), alignment: 4)
            let end = try checkOffsets(offsets)
            let data = try required(buffers[2], "data", end, alignment: 1)
            return Column(type.dataType, length: length, validity: validityBuffer, values: data, offsets: offsets)
        }
    }

    /// A buffer the layout needs: present (unless it would hold no byte), aligned for its type.
    private func required(
        _ raw: UnsafeRawPointer?, _ what: String, _ byteCount: Int, alignment: Int
    ) throws -> ColumnBuffer {
        guard let raw else {
            guard byteCount == 0 || (what == "offsets" && length == 0) else { throw invalid("the \(what) buffer is NULL") }
            // Nothing to read: an owned empty buffer (offsets of 0 rows: one zero).
            return ColumnBuffer(byteCount: what == "offsets" ? 4 : 0)
        }
        guard Int(bitPattern: raw) % alignment == 0 else { throw invalid("the \(what) buffer is not aligned to \(alignment) bytes") }
        return wrap(raw, byteCount)
    }

    private func wrap(_ raw: UnsafeRawPointer, _ byteCount: Int) -> ColumnBuffer {
        ColumnBuffer(borrowing: UnsafeMutableRawPointer(mutating: raw), byteCount: byteCount, owner: owner)
    }

    /// The offsets start at 0 or more and never go down; returns the last (the data's extent).
    private func checkOffsets(_ offsets: ColumnBuffer) throws -> Int {
        let o = offsets.typed(Int32.self, count: length + 1)
        guard o[0] >= 0 else { throw invalid("offset[0] is \(o[0]), negative") }
        var previous = o[0]
        for i in 1..<(length + 1) {
            let next = o[i]
            guard next >= previous else { throw invalid("offsets go down at row \(i - 1) (\(previous) then \(next))") }
            previous = next
        }
        return Int(previous)
    }
}
