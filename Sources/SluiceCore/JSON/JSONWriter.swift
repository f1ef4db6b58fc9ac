/// Writes JSON with two-space indentation, one key per line, keys in the order the object holds
/// them, and a final newline: output that diffs cleanly and is the same bytes every time.
public enum JSONWriter {
    public static func write(_ value: JSONValue) -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(value, indent: 0, into: &out)
        out.append("\n")
        return out
    }

    /// One line (items separated by ", "): for `--events-json` and log records.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        writeCompact(value, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .array(let items) where !items.isEmpty:
            if items.allSatisfy(isScalar), items.count <= 8 {
                writeCompact(value, into: &out)
                return
            }
            out.append("[\n")
            for (i, item) in items.enumerated() {
                pad(indent + 1, &out)
                write(item, indent: indent + 1, into: &out)
                out.append(i == items.count - 1 ? "\n" : ",\n")
            }
            pad(indent, &out)
            out.append("]")
        case .object(let object) where !object.entries.isEmpty:
            out.append("{\n")
            for (i, entry) in object.entries.enumerated() {
                pad(indent + 1, &out)
                writeString(entry.key, into: &out)
                out.append(": ")
                write(entry.value, indent: indent + 1, into: &out)
                out.append(i == object.entries.count - 1 ? "\n" : ",\n")
            }
            pad(indent, &out)
            out.append("}")
        default:
            writeCompact(value, into: &out)
        }
    }

    private static func writeCompact(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): out.append(String(i))
        case .double(let d): out.append(d.isFinite ? JSONNumber.text(of: d) : "null")
        case .number(let n): out.append(n.text)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(", ") }
                writeCompact(item, into: &out)
            }
            out.append("]")
        case .object(let object):
            out.append("{")
            for (i, entry) in object.entries.enumerated() {
                if i > 0 { out.append(", ") }
                writeString(entry.key, into: &out)
                out.append(": ")
                writeCompact(entry.value, into: &out)
            }
            out.append("}")
        }
    }

    private static func isScalar(_ v: JSONValue) -> Bool {
        switch v {
        case .array, .object: false
        default: true
        }
    }

    private static func pad(_ level: Int, _ out: inout String) {
        out.append(String(repeating: "  ", count: level))
    }

    private static func writeString(_ s: String, into out: inout String) {
        out.append("\"")
        for u in s.unicodeScalars {
            switch u {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(u)
            }
        }
        out.append("\"")
    }
}
