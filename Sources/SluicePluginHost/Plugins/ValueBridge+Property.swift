import CSluiceABI
import SluiceCore

extension ValueBridge {
    /// Runs `body` with the `sluice_value` that `set_property` receives for a property of `kind`:
    /// a string's every byte with its length (a U+0000 inside included, not cut at it) and a
    /// NUL after them, borrowed for the call only.
    static func withPropertyValue<R>(_ value: JSONValue, as kind: PropertySpec.Kind, _ body: (UnsafePointer<sluice_value>) -> R) -> R {
        var v = sluice_value()
        switch kind {
        case .string, .stringList:
            let text = value.stringValue ?? JSONWriter.compact(value)
            var bytes = Array(text.utf8)
            let length = bytes.count
            bytes.append(0)
            return bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    v.kind = SLUICE_VALUE_STRING
                    v.as.string.data = chars.baseAddress
                    v.as.string.length = Int64(length)
                    return body(&v)
                }
            }
        case .integer:
            v.kind = SLUICE_VALUE_INT64
            v.as.int64 = value.intValue ?? 0
        case .real:
            v.kind = SLUICE_VALUE_DOUBLE
            v.as.float64 = value.doubleValue ?? 0
        case .boolean:
            v.kind = SLUICE_VALUE_BOOL
            v.as.boolean = value.boolValue == true ? 1 : 0
        }
        return body(&v)
    }
}
