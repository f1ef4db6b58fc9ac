/// A FlatBuffers object as Arrow's IPC metadata needs it: tables, vectors of tables, vectors of
/// structs, strings. Just enough of FlatBuffers to write `Message.fbs` / `Schema.fbs` without a
/// dependency.
indirect enum FlatObject {
    /// Fields by field id (the schema's order; a union takes two ids: type, then value); nil
    /// leaves a field out (its default).
    case table([FlatField?])
    case tables([FlatObject])
    /// Structs of 8-byte alignment laid out little-endian in `bytes`, `count` of them.
    case structs(bytes: [UInt8], count: Int)
    case string(String)
}

enum FlatField {
    case uint8(UInt8)
    case int16(Int16)
    case int32(Int32)
    case int64(Int64)
    case object(FlatObject)

    var size: Int {
        switch self {
        case .uint8: 1
        case .int16: 2
        case .int32, .object: 4
        case .int64: 8
        }
    }
}

/// Writes a FlatBuffers buffer front to back: an object is written after the one that refers to
/// it, so every `uoffset` points forward as the format requires; a vtable sits just before its
/// table. Objects wait in a first-in first-out list (no recursion). Scalars are aligned to their
/// size from the buffer's start, which the caller places 8-byte aligned.
struct FlatBufferWriter {
    private(set) var bytes: [UInt8] = []

    static func encode(_ root: FlatObject) -> [UInt8] {
        var w = FlatBufferWriter()
        w.put(UInt32(0))  // the root table's offset, patched below
        var pending: [(slot: Int, object: FlatObject)] = [(0, root)]
        var next = 0
        while next < pending.count {
            let (slot, object) = pending[next]
            next += 1
            let position = w.write(object, pending: &pending)
            w.patch(slot, UInt32(position - slot))
        }
        w.align(8)
        return w.bytes
    }

    private mutating func write(_ object: FlatObject, pending: inout [(slot: Int, object: FlatObject)]) -> Int {
        switch object {
        case .string(let s):
            align(4)
            let position = bytes.count
            put(UInt32(s.utf8.count))
            bytes.append(contentsOf: s.utf8)
            bytes.append(0)
            return position
        case .structs(let data, let count):
            align(8, after: 4)  // the elements, after the 4-byte length, are 8-byte aligned
            let position = bytes.count
            put(UInt32(count))
            bytes.append(contentsOf: data)
            return position
        case .tables(let items):
            align(4)
            let position = bytes.count
            put(UInt32(items.count))
            for item in items {
                pending.append((bytes.count, item))
                put(UInt32(0))
            }
            return position
        case .table(let fields):
            align(2)
            let vtable = bytes.count
            put(UInt16(4 + 2 * fields.count))
            put(UInt16(0))  // the table's size, patched below
            for _ in fields { put(UInt16(0)) }  // 0: the field is absent
            align(4)
            let table = bytes.count
            put(Int32(table - vtable))  // soffset: the vtable is at table - this
            for (k, field) in fields.enumerated() {
                guard let field else { continue }
                align(field.size)
                patch16(vtable + 4 + 2 * k, UInt16(bytes.count - table))
                switch field {
                case .uint8(let v): put(v)
                case .int16(let v): put(v)
                case .int32(let v): put(v)
                case .int64(let v): put(v)
                case .object(let child):
                    pending.append((bytes.count, child))
                    put(UInt32(0))
                }
            }
            patch16(vtable + 2, UInt16(bytes.count - table))
            return table
        }
    }

    private mutating func align(_ n: Int, after k: Int = 0) {
        while (bytes.count + k) % n != 0 { bytes.append(0) }
    }

    private mutating func put<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func patch(_ at: Int, _ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { for (i, b) in $0.enumerated() { bytes[at + i] = b } }
    }

    private mutating func patch16(_ at: Int, _ v: UInt16) {
        withUnsafeBytes(of: v.littleEndian) { for (i, b) in $0.enumerated() { bytes[at + i] = b } }
    }
}
