import SluiceCore

/// Arrow's IPC metadata for Sluice's columns (`Schema.fbs`, `Message.fbs`, format version V5).
enum ArrowIPC {
    /// `MetadataVersion.V5`.
    static let metadataVersion: Int16 = 4
    /// `MessageHeader` union type ids.
    static let schemaHeader: UInt8 = 1
    static let recordBatchHeader: UInt8 = 3

    /// The Arrow type of a column of `type` (decimal columns with their scale): the `Type` union's
    /// type id and table. nil for `DT_OBJECT`, which has no column.
    static func type(of type: DataType, scale: Int) -> (id: UInt8, table: FlatObject)? {
        func int(_ bits: Int32, _ signed: Bool) -> (UInt8, FlatObject) { (2, .table([.int32(bits), .uint8(signed ? 1 : 0)])) }
        switch type {
        case .i1: return int(8, true)
        case .i2: return int(16, true)
        case .i4: return int(32, true)
        case .i8: return int(64, true)
        case .ui1: return int(8, false)
        case .ui2: return int(16, false)
        case .ui4: return int(32, false)
        case .ui8: return int(64, false)
        case .r4: return (3, .table([.int16(1)]))  // FloatingPoint SINGLE
        case .r8: return (3, .table([.int16(2)]))  // DOUBLE
        case .bool: return (6, .table([]))
        case .str, .wstr, .text, .ntext: return (5, .table([]))  // Utf8
        case .bytes, .image: return (4, .table([]))  // Binary
        case .guid: return (15, .table([.int32(16)]))  // FixedSizeBinary(16)
        case .currency, .decimal, .numeric:
            let precision = Int32(type.decimalPrecisionAndScale?.precision ?? 38)
            return (7, .table([.int32(precision), .int32(Int32(clamping: scale)), .int32(128)]))
        case .dbDate: return (8, .table([.int16(0)]))  // Date DAY (date32)
        case .dbTime, .dbTime2: return (9, .table([.int16(2), .int32(64)]))  // Time MICROSECOND, 64 bits
        case .date, .dbTimestamp, .dbTimestamp2, .fileTime: return (10, .table([.int16(2), nil]))  // Timestamp MICROSECOND
        case .dbTimestampOffset: return (10, .table([.int16(2), .object(.string("UTC"))]))
        case .object: return nil
        }
    }

    /// The Schema message's metadata.
    static func schemaMessage(_ fields: [(name: String, id: UInt8, table: FlatObject)]) -> [UInt8] {
        let fieldTables: [FlatObject] = fields.map { f in
            // name, nullable, type_type, type, dictionary (absent), children (empty: readers require it)
            .table([.object(.string(f.name)), .uint8(1), .uint8(f.id), .object(f.table), nil, .object(.tables([]))])
        }
        let schema = FlatObject.table([.int16(0), .object(.tables(fieldTables))])  // Little endian
        return message(header: schemaHeader, schema, bodyLength: 0)
    }

    /// The RecordBatch message's metadata: `nodes` (length, null count) per column, `buffers`
    /// (offset, length) into the body.
    static func recordBatchMessage(length: Int, nodes: [(Int, Int)], buffers: [(Int, Int)], bodyLength: Int) -> [UInt8] {
        let batch = FlatObject.table([.int64(Int64(length)), .object(structs(nodes)), .object(structs(buffers))])
        return message(header: recordBatchHeader, batch, bodyLength: bodyLength)
    }

    private static func message(header: UInt8, _ table: FlatObject, bodyLength: Int) -> [UInt8] {
        FlatBufferWriter.encode(.table([.int16(metadataVersion), .uint8(header), .object(table), .int64(Int64(bodyLength))]))
    }

    private static func structs(_ pairs: [(Int, Int)]) -> FlatObject {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pairs.count * 16)
        for (a, b) in pairs {
            withUnsafeBytes(of: Int64(a).littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: Int64(b).littleEndian) { bytes.append(contentsOf: $0) }
        }
        return .structs(bytes: bytes, count: pairs.count)
    }

    /// An encapsulated message's prefix: the continuation marker, then the metadata's length
    /// (padded so the body starts 8-byte aligned; the metadata itself is a multiple of 8).
    static func prefix(metadataLength: Int) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
        withUnsafeBytes(of: Int32(metadataLength).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The end-of-stream marker.
    static let endOfStream: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]
}
