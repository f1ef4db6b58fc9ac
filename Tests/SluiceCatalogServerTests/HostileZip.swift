import Foundation

/// Zip archives built byte by byte to break one rule each (PKWARE APPNOTE.TXT 6.3.10: local
/// header 4.3.7, central header 4.3.12, end record 4.3.16). This target has no zlib, so the
/// bomb's deflate stream is written by hand: fixed Huffman codes (RFC 1951 §3.2.6), one
/// literal then back-references of 258 bytes at distance 1, 13 bits each.
enum HostileZip {
    struct Entry {
        var name: String
        var data: [UInt8]
        var method: UInt16 = 0
        var crc: UInt32
        var size: UInt32
        /// Unix mode in the high 16 bits of the external attributes (0o120777: a symlink).
        var mode: UInt32 = 0o100644

        static func stored(_ name: String, _ bytes: [UInt8], mode: UInt32 = 0o100644) -> Entry {
            Entry(name: name, data: bytes, crc: HostileZip.crc32(bytes), size: UInt32(bytes.count), mode: mode)
        }
    }

    static func archive(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let offset = UInt32(out.count)
            let name = Array(entry.name.utf8)
            let sizes = le32(entry.crc) + le32(UInt32(entry.data.count)) + le32(entry.size)
            out += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(entry.method) + le16(0) + le16(0x21) + sizes
            out += le16(UInt16(name.count)) + le16(0) + name + entry.data
            directory += le32(0x0201_4B50) + le16(0x0314) + le16(20) + le16(0x0800) + le16(entry.method) + le16(0) + le16(0x21) + sizes
            directory += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(entry.mode << 16) + le32(offset) + name
        }
        let count = UInt16(entries.count)
        let end = le32(0x0605_4B50) + le16(0) + le16(0) + le16(count) + le16(count)
            + le32(UInt32(directory.count)) + le32(UInt32(out.count)) + le16(0)
        return out + directory + end
    }

    /// A deflated entry of `inflated` zero bytes (about 1/1000 of that compressed), declaring
    /// `declared` bytes: the header lies as a bomb's does.
    static func bomb(_ name: String, inflated: Int, declared: UInt32) -> Entry {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman
        bits.writeCode(0b0011_0000, length: 8)  // literal 0
        for _ in 0..<(max(inflated - 1, 0) / 258) {
            bits.writeCode(0b1100_0101, length: 8)  // length code 285: 258 bytes
            bits.writeCode(0, length: 5)  // distance code 0: distance 1
        }
        bits.writeCode(0, length: 7)  // end of block (256)
        // The CRC is not worth computing: a reader must stop at the limit, long before the end.
        return Entry(name: name, data: bits.bytes, method: 8, crc: 0, size: declared)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * UInt32($0))) & 0xFF) } }
}

/// Deflate's bit order: fields least significant bit first, Huffman codes most significant first.
private struct BitWriter {
    var bytes: [UInt8] = []
    var used = 8

    mutating func write(_ value: UInt32, count: Int) {
        for index in 0..<count { put(UInt8((value >> UInt32(index)) & 1)) }
    }

    mutating func writeCode(_ code: UInt32, length: Int) {
        for index in stride(from: length - 1, through: 0, by: -1) { put(UInt8((code >> UInt32(index)) & 1)) }
    }

    private mutating func put(_ bit: UInt8) {
        if used == 8 {
            bytes.append(0)
            used = 0
        }
        bytes[bytes.count - 1] |= bit << UInt8(used)
        used += 1
    }
}
