/// The parts of the zip format (PKWARE APPNOTE.TXT 6.3.10) a project archive uses: local file
/// headers (4.3.7), the central directory (4.3.12) and its end record (4.3.16). No Zip64, no
/// spanning, no encryption; methods 0 (stored) and 8 (deflate) only.
enum ZipLayout {
    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let centralHeaderSignature: UInt32 = 0x0201_4B50
    static let endRecordSignature: UInt32 = 0x0605_4B50
    static let localHeaderSize = 30
    static let centralHeaderSize = 46
    static let endRecordSize = 22
    /// The end record's comment is at most this long, so the record starts within the last
    /// `endRecordSize + maxCommentLength` bytes.
    static let maxCommentLength = 0xFFFF

    static let methodStored: UInt16 = 0
    static let methodDeflate: UInt16 = 8
    /// General purpose bit 0 (encrypted) and bit 6 (strong encryption).
    static let encryptionFlags: UInt16 = 0x0041
    /// General purpose bit 3: CRC and sizes follow the data, the local header holds zeros.
    static let dataDescriptorFlag: UInt16 = 0x0008
    /// General purpose bit 11: the name is UTF-8.
    static let utf8NameFlag: UInt16 = 0x0800
    /// "Version made by" upper byte 3: Unix, whose mode sits in the external attributes' upper half.
    static let hostUnix: UInt16 = 3
    /// MS-DOS attribute bit 4: a directory.
    static let dosDirectoryAttribute: UInt32 = 0x10
    /// Version 2.0: deflate.
    static let versionNeeded: UInt16 = 20
    /// 1980-01-01 00:00, the earliest MS-DOS date: every entry the writer makes has it.
    static let fixedDOSTime: UInt16 = 0
    static let fixedDOSDate: UInt16 = (0 << 9) | (1 << 5) | 1
    /// A regular file, rw-r--r--, in the Unix external attributes.
    static let regularFileAttributes: UInt32 = 0o100644 << 16
}

/// Little-endian reads that return nil past the end instead of trapping.
struct ByteView {
    let bytes: [UInt8]

    func u16(_ offset: Int) -> UInt16? {
        guard offset >= 0, offset <= bytes.count - 2 else { return nil }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    func u32(_ offset: Int) -> UInt32? {
        guard offset >= 0, offset <= bytes.count - 4 else { return nil }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    func slice(_ offset: Int, count: Int) -> ArraySlice<UInt8>? {
        guard offset >= 0, count >= 0, offset <= bytes.count - count else { return nil }
        return bytes[offset..<(offset + count)]
    }
}

/// Little-endian appends, for the writer.
extension Array where Element == UInt8 {
    mutating func appendLittleEndian(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func appendLittleEndian(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
