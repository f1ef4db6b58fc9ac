import Foundation

/// A strict JSON parser (RFC 8259) that reports the line and column of the first error and keeps
/// the key order of objects.
///
/// ```swift
/// let value = try JSONParser.parse(Array(text.utf8))
/// ```
/// - Throws: `SLUICE_E_JSON_MALFORMED` with the line and column.
public struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 512

    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the end of the document") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func parseValue() throws -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString().string)
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character \(describe(bytes[index]))")
        }
    }

    private mutating func parseObject() throws -> JSONValue {
        try enter()
        index += 1
        var object = JSONObject()
        var seen: Set<String>?  // only for large objects; small ones check their own entries
        skipWhitespace()
        if peek(UInt8(ascii: "}")) { index += 1; depth -= 1; return .object(object) }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw error("expected a string key") }
            let keyStart = index
            let (key, keyIsASCII) = try parseString()
            let duplicate: Bool
            if object.entries.count < 16 {
                duplicate = (keyIsASCII ? object.index(ofASCII: key) : object.index(of: key)) != nil
            } else {
                if seen == nil { seen = Set(object.keys) }
                duplicate = !seen!.insert(key).inserted
            }
            guard !duplicate else {
                index = keyStart
                throw error("duplicate key \"\(key)\"")
            }
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after the key") }
            index += 1
            skipWhitespace()
            // Room for a typical object at once, rather than growing 1, 2, 4, 8.
            if object.entries.isEmpty { object.reserveCapacity(8) }
            object.append(key, try parseValue(), keyIsASCII: keyIsASCII)  // checked above: not a duplicate
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            if peek(UInt8(ascii: "}")) { index += 1; break }
            throw error("expected ',' or '}' in an object")
        }
        depth -= 1
        return .object(object)
    }

    private mutating func parseArray() throws -> JSONValue {
        try enter()
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) { index += 1; depth -= 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            if peek(UInt8(ascii: "]")) { index += 1; break }
            throw error("expected ',' or ']' in an array")
        }
        depth -= 1
        return .array(items)
    }

    /// A string, and whether it is all ASCII (known from the scan; false for strings with
    /// escapes, which are not worth checking), so that object keys need no second look.
    private mutating func parseString() throws -> (string: String, isASCII: Bool) {
        index += 1  // opening quote
        // Fast path: no escapes: the bytes are the string. The scan runs on the buffer with
        // local state (the array through `self` cost three times as much per byte).
        let start = index
        let (end, orOfBytes) = bytes.withUnsafeBufferPointer { buffer -> (Int, UInt8) in
            var i = start
            var or: UInt8 = 0
            while i < buffer.count {
                let b = buffer[i]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
                or |= b
                i += 1
            }
            return (i, or)
        }
        index = end
        let ascii = orOfBytes < 0x80
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            let s: String? = bytes.withUnsafeBufferPointer { all in
                let slice = UnsafeBufferPointer(rebasing: all[start..<index])
                return ascii ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
            }
            guard let s else { throw error("string is not valid UTF-8") }
            index += 1
            return (s, ascii)
        }
        var out: [UInt8] = Array(bytes[start..<index])
        while true {
            guard index < bytes.count else { throw error("unterminated string") }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; break }
            if b < 0x20 { throw error("control character in a string (escape it)") }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { throw error("unterminated escape") }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard peek(UInt8(ascii: "\\")), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                        throw error("unpaired surrogate in \\u escape")
                    }
                    index += 2
                    let low = try parseHex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                index -= 1
                throw error("invalid escape \\\(describe(e))")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw error("string is not valid UTF-8") }
        return (s, false)
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let d = hexDigit(bytes[index]) else { throw error("invalid hex digit in \\u escape") }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    private mutating func parseNumber() throws -> JSONValue {
        let start = index
        var isInteger = true
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("leading zeros are not allowed") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: ".")) {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("digits expected after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("digits expected in exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if isInteger, let i = integer(start..<index) { return .int(i) }
        // Any other number keeps its text: whether 0.10 or 30 digits are exact depends on the
        // type that reads them, which the parser does not know.
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw error("number out of range") }
        return .number(JSONNumber(checked: text, double: d))
    }

    /// The integer the digits in `range` spell (an optional '-' first), when an Int64 holds it
    /// and it is not -0 (a real would lose its sign).
    private func integer(_ range: Range<Int>) -> Int64? {
        bytes.withUnsafeBufferPointer { buffer -> Int64? in
            var i = range.lowerBound
            let negative = buffer[i] == UInt8(ascii: "-")
            if negative { i += 1 }
            guard range.upperBound - i <= 19 else { return nil }  // 19 digits can still overflow: checked below
            var magnitude: UInt64 = 0
            while i < range.upperBound {
                magnitude = magnitude &* 10 &+ UInt64(buffer[i] &- UInt8(ascii: "0"))  // ≤ 19 digits: no wrap
                i += 1
            }
            if negative {
                if magnitude == 0 { return nil }
                return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
            }
            return Int64(exactly: magnitude)
        }
    }

    // MARK: - Helpers

    private mutating func enter() throws {
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func expectWord(_ word: String) throws {
        for b in word.utf8 {
            guard index < bytes.count, bytes[index] == b else { throw error("invalid literal (expected \(word))") }
            index += 1
        }
    }

    private mutating func skipWhitespace() {
        // On the buffer with a local index, as in `parseString`: indentation is most of a
        // pretty-printed file's bytes.
        index = bytes.withUnsafeBufferPointer { buffer in
            var i = index
            while i < buffer.count {
                switch buffer[i] {
                case 0x20, 0x0A, 0x0D, 0x09: i += 1
                default: return i
                }
            }
            return i
        }
    }

    private func peek(_ b: UInt8) -> Bool { index < bytes.count && bytes[index] == b }
    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
    private func describe(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : String(format: "0x%02X", b)
    }

    private func error(_ reason: String) -> SluiceError {
        var line = 1
        var column = 1
        for b in bytes[..<min(index, bytes.count)] {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return SluiceError(.jsonMalformed, ["line": String(line), "column": String(column), "reason": reason])
    }
}
