import CSluiceZlib
import Foundation

/// A zip archive built field by field, so a test can break exactly one rule. The layout is
/// PKWARE's APPNOTE.TXT 6.3.10: local file header (4.3.7), central directory header (4.3.12),
/// end of central directory record (4.3.16). Defaults make a valid archive.
struct RawZip {
    struct Entry {
        var name: [UInt8]
        /// The bytes stored in the archive (already deflated when `method` is 8).
        var data: [UInt8]
        var method: UInt16 = 0
        var flags: UInt16 = 0x0800
        var crc: UInt32
        var compressedSize: UInt32
        var size: UInt32
        var madeBy: UInt16 = 0x0314
        var externalAttributes: UInt32 = 0o100644 << 16
        /// Overrides for the local header only (nil: the central values).
        var localName: [UInt8]?
        var localCRC: UInt32?
        /// General purpose bit 3: the local header holds zeros, a data descriptor follows the data
        /// (APPNOTE 4.3.9), as streaming zip writers make it.
        var dataDescriptor = false
        /// Where the central record says the local header is (nil: where it is written).
        var offsetOverride: UInt32?

        /// A stored entry with honest sizes and CRC.
        static func stored(_ name: String, _ text: String) -> Entry {
            stored(Array(name.utf8), Array(text.utf8))
        }

        static func stored(_ name: [UInt8], _ bytes: [UInt8]) -> Entry {
            Entry(name: name, data: bytes, crc: RawZip.crc32(bytes), compressedSize: UInt32(bytes.count), size: UInt32(bytes.count))
        }

        /// A deflated entry with honest sizes and CRC.
        static func deflated(_ name: String, _ bytes: [UInt8]) -> Entry {
            let data = RawZip.deflate(bytes)
            return Entry(name: Array(name.utf8), data: data, method: 8, crc: RawZip.crc32(bytes), compressedSize: UInt32(data.count), size: UInt32(bytes.count))
        }
    }

    var entries: [Entry]
    /// Overrides the end record's entry counts (nil: the real count).
    var declaredCount: UInt16?
    var comment: [UInt8] = []

    var bytes: [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let offset = UInt32(out.count)
            let localName = entry.localName ?? entry.name
            let flags = entry.dataDescriptor ? entry.flags | 0x0008 : entry.flags
            out += u32(0x0403_4B50) + u16(20) + u16(flags) + u16(entry.method) + u16(0) + u16(0x21)
            out += entry.dataDescriptor ? u32(0) + u32(0) + u32(0) : u32(entry.localCRC ?? entry.crc) + u32(entry.compressedSize) + u32(entry.size)
            out += u16(UInt16(localName.count)) + u16(0) + localName + entry.data
            if entry.dataDescriptor { out += u32(0x0807_4B50) + u32(entry.crc) + u32(entry.compressedSize) + u32(entry.size) }
            directory += u32(0x0201_4B50) + u16(entry.madeBy) + u16(20) + u16(flags) + u16(entry.method) + u16(0) + u16(0x21)
            directory += u32(entry.crc) + u32(entry.compressedSize) + u32(entry.size)
            directory += u16(UInt16(entry.name.count)) + u16(0) + u16(0) + u16(0) + u16(0)
            directory += u32(entry.externalAttributes) + u32(entry.offsetOverride ?? offset) + entry.name
        }
        let directoryOffset = UInt32(out.count)
        out += directory
        let count = declaredCount ?? UInt16(entries.count)
        out += u32(0x0605_4B50) + u16(0) + u16(0) + u16(count) + u16(count)
        out += u32(UInt32(directory.count)) + u32(directoryOffset) + u16(UInt16(comment.count)) + comment
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes.withUnsafeBufferPointer { CSluiceZlib.crc32(0, $0.baseAddress, UInt32($0.count)) })
    }

    /// Raw deflate at level 9, as zip stores it.
    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        _ = csluice_deflate_init_raw(&stream, 9)
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))))
        var input = bytes
        input.withUnsafeMutableBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                _ = CSluiceZlib.deflate(&stream, Z_FINISH)
            }
        }
        return Array(out[..<Int(stream.total_out)])
    }
}

func u16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
