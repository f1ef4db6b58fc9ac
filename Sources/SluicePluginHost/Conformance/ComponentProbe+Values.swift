import CSluiceABI
import Foundation

extension ComponentProbe {
    /// Judges a value the plugin handed out; false (with a breach) when it is not one.
    @discardableResult
    func checkValue(_ v: sluice_value, expected: String) -> Bool {
        countCheck()
        guard let problem = Self.problem(with: v) else { return true }
        breach(.checkValueInvalid, expected: expected, actual: problem)
        return false
    }

    /// What is wrong with `v`, or nil. Data is read only within a length that passed the checks.
    static func problem(with v: sluice_value) -> String? {
        switch v.kind {
        case SLUICE_VALUE_NULL, SLUICE_VALUE_INT64, SLUICE_VALUE_DOUBLE, SLUICE_VALUE_TIMESTAMP: return nil
        case SLUICE_VALUE_BOOL: return v.as.boolean == 0 || v.as.boolean == 1 ? nil : "a BOOL of \(v.as.boolean) (0 or 1)"
        case SLUICE_VALUE_STRING:
            if let problem = bufferProblem(UnsafeRawPointer(v.as.string.data), v.as.string.length, "a STRING") { return problem }
            guard let data = v.as.string.data, v.as.string.length > 0 else { return nil }
            let bytes = UnsafeRawBufferPointer(start: data, count: Int(v.as.string.length))
            return String(validating: bytes, as: UTF8.self) == nil ? "a STRING that is not valid UTF-8" : nil
        case SLUICE_VALUE_BYTES: return bufferProblem(UnsafeRawPointer(v.as.bytes.data), v.as.bytes.length, "BYTES")
        default: return "kind \(v.kind), which is no SLUICE_VALUE_* kind (0-6)"
        }
    }

    /// The largest string or byte value a check reads (the host takes no more from a plugin).
    static let largestValue: Int64 = 1 << 31

    private static func bufferProblem(_ data: UnsafeRawPointer?, _ length: Int64, _ what: String) -> String? {
        if length < 0 { return "\(what) of length \(length)" }
        if length > largestValue { return "\(what) of implausible length \(length)" }
        if data == nil, length > 0 { return "\(what) with NULL data and length \(length)" }
        return nil
    }
}
