import CSluiceABI

extension PluginValue {
    /// Copies a `sluice_value` (its string or byte data included); `nil` for a kind this SDK does not know.
    init?(copying value: sluice_value) {
        switch value.kind {
        case SLUICE_VALUE_NULL:
            self = .null
        case SLUICE_VALUE_BOOL:
            self = .bool(value.as.boolean != 0)
        case SLUICE_VALUE_INT64:
            self = .int64(value.as.int64)
        case SLUICE_VALUE_DOUBLE:
            self = .double(value.as.float64)
        case SLUICE_VALUE_TIMESTAMP:
            self = .timestamp(microseconds: value.as.int64)
        case SLUICE_VALUE_STRING:
            let bytes = Self.buffer(UnsafeRawPointer(value.as.string.data), value.as.string.length)
            self = .string(String(decoding: bytes, as: UTF8.self))
        case SLUICE_VALUE_BYTES:
            let bytes = Self.buffer(UnsafeRawPointer(value.as.bytes.data), value.as.bytes.length)
            self = .bytes(Array(bytes))
        default:
            return nil
        }
    }

    /// The bytes at `data` (none when it is NULL or `length` is not positive).
    private static func buffer(_ data: UnsafeRawPointer?, _ length: Int64) -> UnsafeRawBufferPointer {
        guard let data, length > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: data, count: Int(truncatingIfNeeded: length))
    }

    /// The `SLUICE_VALUE_*` kind.
    var cKind: Int32 {
        switch self {
        case .null: return SLUICE_VALUE_NULL
        case .bool: return SLUICE_VALUE_BOOL
        case .int64: return SLUICE_VALUE_INT64
        case .double: return SLUICE_VALUE_DOUBLE
        case .string: return SLUICE_VALUE_STRING
        case .timestamp: return SLUICE_VALUE_TIMESTAMP
        case .bytes: return SLUICE_VALUE_BYTES
        }
    }

    /// A `sluice_value` with this value's kind and scalar payload; string and byte data left NULL.
    private var cScalar: sluice_value {
        var value = sluice_value()
        value.kind = cKind
        switch self {
        case .bool(let flag): value.as.boolean = flag ? 1 : 0
        case .int64(let number), .timestamp(microseconds: let number): value.as.int64 = number
        case .double(let number): value.as.float64 = number
        case .null, .string, .bytes: break
        }
        return value
    }

    /// Calls `body` with a `sluice_value` that borrows this value's storage for the call only.
    /// String data is followed by a NUL, although the ABI counts bytes with `length`.
    func withCValue<Result>(_ body: (UnsafePointer<sluice_value>) throws -> Result) rethrows -> Result {
        var value = cScalar
        switch self {
        case .string(let text):
            return try text.withCString { data in
                value.as.string.data = data
                value.as.string.length = Int64(text.utf8.count)
                return try body(&value)
            }
        case .bytes(let bytes):
            return try bytes.withUnsafeBufferPointer { data in
                value.as.bytes.data = data.baseAddress
                value.as.bytes.length = Int64(data.count)
                return try body(&value)
            }
        case .null, .bool, .int64, .double, .timestamp:
            return try body(&value)
        }
    }

    /// Fills `out` with this value. String or byte data is copied to heap storage that is returned:
    /// the caller keeps it alive for as long as the host may read `out` (until the next call on the
    /// task instance).
    func copy(to out: UnsafeMutablePointer<sluice_value>) -> ValueStorage? {
        var value = cScalar
        var storage: ValueStorage?
        switch self {
        case .string(let text):
            let owned = ValueStorage(copying: Array(text.utf8))
            value.as.string.data = UnsafeRawPointer(owned.bytes).assumingMemoryBound(to: CChar.self)
            value.as.string.length = Int64(owned.count)
            storage = owned
        case .bytes(let bytes):
            let owned = ValueStorage(copying: bytes)
            value.as.bytes.data = UnsafePointer(owned.bytes)
            value.as.bytes.length = Int64(owned.count)
            storage = owned
        case .null, .bool, .int64, .double, .timestamp:
            storage = nil
        }
        out.pointee = value
        return storage
    }
}

/// Heap bytes, followed by a NUL, that back a value handed to the host; freed in `deinit`.
final class ValueStorage {
    let bytes: UnsafeMutablePointer<UInt8>
    let count: Int

    init(copying source: [UInt8]) {
        count = source.count
        bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: source.count + 1)
        bytes.initialize(repeating: 0, count: source.count + 1)
        source.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { bytes.update(from: base, count: buffer.count) }
        }
    }

    deinit { bytes.deallocate() }
}
