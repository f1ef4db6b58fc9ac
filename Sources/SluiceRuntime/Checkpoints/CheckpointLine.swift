import SluiceCore

/// One line of a checkpoint file (format version 2): a record as
///
///     9b1c0e4a {"completed": ["\\Package\\Extract"], "variables": []}
///
/// the CRC-32 of the JSON text as 8 lowercase hex digits, a space, the JSON text on one line
/// (JSON escapes every newline inside strings), and a newline. A line that lacks its newline or
/// whose checksum does not match was cut short or damaged; `decode` gives nil for it and it is
/// never interpreted.
enum CheckpointLine {
    static func encode(_ record: JSONValue) -> [UInt8] {
        let json = Array(JSONWriter.compact(record).utf8)
        var line: [UInt8] = []
        line.reserveCapacity(json.count + 10)
        let crc = CRC32.checksum(json)
        for shift in stride(from: 28, through: 0, by: -4) { line.append(hexDigits[Int((crc >> UInt32(shift)) & 0xF)]) }
        line.append(UInt8(ascii: " "))
        line += json
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// The record of a line given without its newline, or nil when the line is damaged.
    static func decode(_ line: ArraySlice<UInt8>) -> JSONValue? {
        guard line.count > 9, line[line.startIndex + 8] == UInt8(ascii: " ") else { return nil }
        var expected: UInt32 = 0
        for b in line.prefix(8) {
            guard let digit = hexDigits.firstIndex(of: b) else { return nil }
            expected = expected << 4 | UInt32(digit)
        }
        let json = line.dropFirst(9)
        guard CRC32.checksum(json) == expected else { return nil }
        return try? JSONParser.parse(Array(json))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
