import CSluiceABI
import Foundation
import SluiceCore

/// Converts between Sluice values and `sluice_value`.
enum ValueBridge {
    static func fill(_ out: UnsafeMutablePointer<sluice_value>, with value: Value, storage: CallContext) throws {
        var v = sluice_value()
        switch value {
        case .null: v.kind = SLUICE_VALUE_NULL
        case .bool(let b):
            v.kind = SLUICE_VALUE_BOOL
            v.as.boolean = b ? 1 : 0
        case .int(let i):
            v.kind = SLUICE_VALUE_INT64
            v.as.int64 = i
        case .uint(let u) where u <= UInt64(Int64.max):
            v.kind = SLUICE_VALUE_INT64
            v.as.int64 = Int64(u)
        case .uint(let u):
            v.kind = SLUICE_VALUE_DOUBLE
            v.as.float64 = Double(u)
        case .real(let d):
            v.kind = SLUICE_VALUE_DOUBLE
            v.as.float64 = d
        case .decimal(let d):
            v.kind = SLUICE_VALUE_DOUBLE
            v.as.float64 = NSDecimalNumber(decimal: d).doubleValue
        case .date(let d):
            v.kind = SLUICE_VALUE_TIMESTAMP
            v.as.int64 = try micros(d)
        case .dateTimeOffset(let o):  // the C ABI's timestamps are instants: the offset stays on this side
            v.kind = SLUICE_VALUE_TIMESTAMP
            v.as.int64 = try micros(o.instant)
        case .bytes(let b):
            v.kind = SLUICE_VALUE_BYTES
            v.as.bytes.data = UnsafePointer(try storage.keep(bytes: b))
            v.as.bytes.length = Int64(b.count)
        case .string, .guid:
            let text = value.description
            v.kind = SLUICE_VALUE_STRING
            v.as.string.data = UnsafePointer(try storage.keep(text))
            v.as.string.length = Int64(text.utf8.count)
        case .object:
            throw SluiceError(.typeMismatch, ["value": "an object", "type": "a C value", "reason": "DT_OBJECT variables cannot cross the C ABI"])
        }
        out.pointee = v
    }

    /// Microseconds since 1970, refusing a date no 64-bit count holds (a trap otherwise).
    private static func micros(_ d: Date) throws -> Int64 {
        let us = (d.timeIntervalSince1970 * 1_000_000).rounded()
        guard let exact = Int64(exactly: us) else {
            throw SluiceError(.typeMismatch, ["value": "\(d)", "type": "a C timestamp", "reason": "out of range"])
        }
        return exact
    }

    static func value(from v: sluice_value) throws -> Value {
        switch v.kind {
        case SLUICE_VALUE_NULL: return .null
        case SLUICE_VALUE_BOOL: return .bool(v.as.boolean != 0)
        case SLUICE_VALUE_INT64: return .int(v.as.int64)
        case SLUICE_VALUE_DOUBLE: return .real(v.as.float64)
        case SLUICE_VALUE_TIMESTAMP: return .date(Date(timeIntervalSince1970: Double(v.as.int64) / 1_000_000))
        case SLUICE_VALUE_STRING:
            guard let data = v.as.string.data, v.as.string.length >= 0 else { return .string("") }
            let bytes = UnsafeRawBufferPointer(start: data, count: Int(v.as.string.length))
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw SluiceError(.typeMismatch, ["value": "a string", "type": "DT_WSTR", "reason": "not valid UTF-8"])
            }
            return .string(s)
        case SLUICE_VALUE_BYTES:
            guard let data = v.as.bytes.data, v.as.bytes.length > 0 else { return .bytes([]) }
            return .bytes(Array(UnsafeBufferPointer(start: data, count: Int(v.as.bytes.length))))
        default:
            throw SluiceError(.typeMismatch, ["value": "kind \(v.kind)", "type": "a Sluice value", "reason": "unknown sluice_value kind"])
        }
    }
}
