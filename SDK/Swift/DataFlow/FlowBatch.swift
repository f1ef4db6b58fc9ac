import CSluiceABI

/// One batch a transform or destination received: columns in Arrow's layout, read in place.
///
/// The SDK takes the host's `ArrowArray` over (Arrow's move) and checks it against the input's
/// negotiated schema before the component sees it: child count, lengths, offsets 0, buffer
/// counts, present buffers, string offsets that never go back. It calls the array's `release`
/// exactly once, when the last reference to the batch goes (a component may keep a batch past
/// its call, and an output batch that passes its columns on keeps it too).
public final class FlowBatch {
    /// The input's columns, as negotiated.
    public let fields: [FlowField]
    /// Rows in the batch.
    public let rowCount: Int
    private var array: ArrowArray
    let columns: [RawColumn]

    /// Moves the host's array into a batch (its `release` is NULL after, whatever happens) and
    /// checks it; a malformed array is released here and throws.
    init(moving source: UnsafeMutablePointer<ArrowArray>, fields: [FlowField], input: Int) throws {
        array = source.pointee
        source.pointee.release = nil
        self.fields = fields
        rowCount = Int(array.length)
        do {
            columns = try RawColumn.check(array, fields: fields, input: input)
        } catch {
            columns = []
            throw error
        }
    }

    deinit {
        if let release = array.release { release(&array) }
    }

    /// The columns' count.
    public var columnCount: Int { fields.count }

    /// The index of the column named `name`, if any.
    public func columnIndex(named name: String) -> Int? { fields.firstIndex { $0.name == name } }

    /// Column `index` as `Value`s (Int32, Int64, Double, FlowDecimal128; date32 as Int32).
    /// - Throws: ``PluginError`` when there is no such column or its type stores other values.
    public func fixedWidth<Value: BitwiseCopyable>(_ index: Int, as: Value.Type) throws -> FixedWidthColumnView<Value> {
        let column = try raw(index)
        guard let width = column.field.type.byteWidth, width == MemoryLayout<Value>.stride else {
            throw PluginError(.typeMismatch, "column \"\(column.field.name)\" is \(column.field.type), not \(Value.self) values")
        }
        return FixedWidthColumnView(owner: self, column: column)
    }

    public func int32s(_ index: Int) throws -> FixedWidthColumnView<Int32> { try typed(index, .int32) }
    public func int64s(_ index: Int) throws -> FixedWidthColumnView<Int64> { try typed(index, .int64) }
    public func doubles(_ index: Int) throws -> FixedWidthColumnView<Double> { try typed(index, .float64) }
    /// Days since 1970-01-01.
    public func date32s(_ index: Int) throws -> FixedWidthColumnView<Int32> { try typed(index, .date32) }

    public func decimals(_ index: Int) throws -> FixedWidthColumnView<FlowDecimal128> {
        let column = try raw(index)
        guard case .decimal128 = column.field.type else {
            throw PluginError(.typeMismatch, "column \"\(column.field.name)\" is \(column.field.type), not decimal128")
        }
        return FixedWidthColumnView(owner: self, column: column)
    }

    public func bools(_ index: Int) throws -> BoolColumnView {
        BoolColumnView(owner: self, column: try raw(index, expecting: .bool))
    }

    public func strings(_ index: Int) throws -> StringColumnView {
        StringColumnView(owner: self, column: try raw(index, expecting: .utf8))
    }

    private func typed<Value: BitwiseCopyable>(_ index: Int, _ type: FlowType) throws -> FixedWidthColumnView<Value> {
        FixedWidthColumnView(owner: self, column: try raw(index, expecting: type))
    }

    private func raw(_ index: Int, expecting type: FlowType? = nil) throws -> RawColumn {
        guard columns.indices.contains(index) else {
            throw PluginError(.invalidArgument, "no column \(index): the batch has \(columns.count)")
        }
        let column = columns[index]
        if let type, column.field.type != type {
            throw PluginError(.typeMismatch, "column \"\(column.field.name)\" is \(column.field.type), not \(type)")
        }
        return column
    }

    /// The child array of column `index`, for passing it on unchanged.
    func child(_ index: Int) -> UnsafeMutablePointer<ArrowArray>? {
        guard columns.indices.contains(index) else { return nil }
        return array.children?[index]
    }
}

/// One checked column's buffers (valid while its batch lives).
struct RawColumn {
    let field: FlowField
    let length: Int
    let validity: UnsafePointer<UInt8>?
    let values: UnsafeRawPointer?
    let offsets: UnsafePointer<Int32>?

    @inline(__always)
    func isValid(_ row: Int) -> Bool {
        guard let validity else { return true }
        return validity[row >> 3] & UInt8(1 << (row & 7)) != 0
    }

    /// Checks the struct array's children against `fields`; what the host promises, verified once per batch.
    static func check(_ array: ArrowArray, fields: [FlowField], input: Int) throws -> [RawColumn] {
        func bad(_ why: String) -> PluginError { PluginError(.invalidArgument, "a batch on input \(input): \(why)") }
        guard array.release != nil else { throw bad("it is already released") }
        guard array.offset == 0, array.length >= 0 else { throw bad("offset \(array.offset), length \(array.length): want offset 0") }
        guard array.n_children == Int64(fields.count) else {
            throw bad("\(array.n_children) columns; the negotiated schema has \(fields.count)")
        }
        let length = Int(array.length)
        guard fields.isEmpty || array.children != nil else { throw bad("children is NULL") }
        var columns: [RawColumn] = []
        columns.reserveCapacity(fields.count)
        for (index, field) in fields.enumerated() {
            guard let child = array.children?[index]?.pointee, child.release != nil else {
                throw bad("column \"\(field.name)\" is NULL or released")
            }
            guard child.length == array.length, child.offset == 0 else {
                throw bad("column \"\(field.name)\" has length \(child.length), offset \(child.offset); the batch has \(length) rows, offset 0")
            }
            guard child.n_buffers == Int64(field.type.bufferCount), let buffers = child.buffers else {
                throw bad("column \"\(field.name)\" has \(child.n_buffers) buffers; \(field.type) has \(field.type.bufferCount)")
            }
            let validity = buffers[0]?.assumingMemoryBound(to: UInt8.self)
            guard child.null_count <= 0 || validity != nil, child.null_count <= child.length else {
                throw bad("column \"\(field.name)\" counts \(child.null_count) NULLs without a validity bitmap")
            }
            let values = buffers[field.type.bufferCount - 1]
            var offsets: UnsafePointer<Int32>? = nil
            if field.type.bufferCount == 3 {
                guard let offsetBuffer = buffers[1]?.assumingMemoryBound(to: Int32.self) else {
                    throw bad("column \"\(field.name)\" has no offsets buffer")
                }
                var previous = offsetBuffer[0]
                guard previous >= 0 else { throw bad("column \"\(field.name)\" starts at offset \(previous)") }
                for row in 0..<length {
                    let next = offsetBuffer[row + 1]
                    guard next >= previous else { throw bad("column \"\(field.name)\": offsets go back at row \(row)") }
                    previous = next
                }
                if previous > 0, values == nil { throw bad("column \"\(field.name)\" has offsets but no data buffer") }
                offsets = offsetBuffer
            } else if length > 0, values == nil {
                throw bad("column \"\(field.name)\" has no values buffer")
            }
            columns.append(RawColumn(field: field, length: length, validity: validity, values: values, offsets: offsets))
        }
        return columns
    }
}

/// A fixed-width column read in place; `column[row]` is nil for NULL or a row out of range.
public struct FixedWidthColumnView<Value: BitwiseCopyable> {
    let owner: FlowBatch  // keeps the buffers alive
    let column: RawColumn

    public var count: Int { column.length }
    public var name: String { column.field.name }

    @inline(__always)
    public subscript(row: Int) -> Value? {
        guard row >= 0, row < column.length, column.isValid(row), let values = column.values else { return nil }
        return values.load(fromByteOffset: row &* MemoryLayout<Value>.stride, as: Value.self)
    }
}

public struct BoolColumnView {
    let owner: FlowBatch
    let column: RawColumn

    public var count: Int { column.length }

    @inline(__always)
    public subscript(row: Int) -> Bool? {
        guard row >= 0, row < column.length, column.isValid(row), let values = column.values else { return nil }
        return values.load(fromByteOffset: row >> 3, as: UInt8.self) & UInt8(1 << (row & 7)) != 0
    }
}

public struct StringColumnView {
    let owner: FlowBatch
    let column: RawColumn

    public var count: Int { column.length }

    /// The row's UTF-8 bytes in place (valid while the batch lives), nil for NULL.
    @inline(__always)
    public func bytes(_ row: Int) -> UnsafeBufferPointer<UInt8>? {
        guard row >= 0, row < column.length, column.isValid(row), let offsets = column.offsets else { return nil }
        let start = Int(offsets[row]), end = Int(offsets[row + 1])
        guard end > start, let values = column.values else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: values.assumingMemoryBound(to: UInt8.self) + start, count: end - start)
    }

    /// The row as a String (a copy; invalid UTF-8 is repaired), nil for NULL.
    public subscript(row: Int) -> String? {
        bytes(row).map { String(decoding: $0, as: UTF8.self) }
    }
}
