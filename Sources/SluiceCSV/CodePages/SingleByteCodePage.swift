import SluiceCore

/// The code pages a flat file may be in (`CSVOptions.codePage`).
public enum CSVCodePages {
    /// UTF-8, the default: read and written as is (validated per string field).
    public static let utf8 = 65001
    /// Every code page taken: UTF-8 and the single-byte ones of ``CodePageTables``.
    public static let supported = [65001, 1252, 28591, 1250, 1251, 437, 850, 28605, 20127]
}

/// A single-byte code page: bytes → UTF-8 by a 256-entry table (the reader transcodes each
/// chunk before parsing: every delimiter and qualifier is ASCII and keeps its byte, so fields
/// never straddle), and Unicode scalars → bytes for the writer.
final class SingleByteCodePage {
    let number: Int
    /// Per byte: its UTF-8 encoding (up to 3 bytes, as all these scalars are in the BMP) in
    /// `utf8[4 * byte ..< 4 * byte + 3]`, its length in `utf8[4 * byte + 3]`.
    private let utf8: UnsafeMutablePointer<UInt8>
    /// Per BMP scalar: its byte, or 0 when the code page lacks it (NUL itself is ASCII).
    private let bytes: UnsafeMutablePointer<UInt8>
    /// The writer's encoded copy of one field; grows for a longer one.
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 256

    /// nil for UTF-8 (no transcoding); throws for a code page not supported.
    static func make(_ number: Int, file: String) throws -> SingleByteCodePage? {
        if number == CSVCodePages.utf8 { return nil }
        guard let upper = CodePageTables.upperHalf(number) else {
            throw SluiceError(.csvCodePageUnsupported, [
                "file": file, "codePage": String(number), "supported": CSVCodePages.supported.map(String.init).joined(separator: ", "),
            ])
        }
        return SingleByteCodePage(number, upper)
    }

    private init(_ number: Int, _ upper: [UInt16]) {
        self.number = number
        utf8 = .allocate(capacity: 1024)
        utf8.initialize(repeating: 0, count: 1024)
        bytes = .allocate(capacity: 65536)
        bytes.initialize(repeating: 0, count: 65536)
        scratch = .allocate(capacity: scratchCapacity)
        for b in 0..<256 {
            let scalar = b < 128 ? UInt16(b) : upper[b - 128]
            var encoded: [UInt8] = []
            if let s = Unicode.Scalar(scalar) { encoded = Array(String(Character(s)).utf8) }
            for (i, e) in encoded.prefix(3).enumerated() { utf8[4 * b + i] = e }
            utf8[4 * b + 3] = UInt8(encoded.count)
            if scalar != 0xFFFD { bytes[Int(scalar)] = UInt8(b) }
        }
    }

    deinit {
        utf8.deallocate()
        bytes.deallocate()
        scratch.deallocate()
    }

    /// Transcodes `count` bytes at `source` into `target` (room for 3 × `count`); returns the
    /// UTF-8 bytes written. ASCII is copied as is, eight bytes at a time where it can be.
    func decode(_ source: UnsafePointer<UInt8>, _ count: Int, into target: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0, i = 0
        let table = utf8
        let raw = UnsafeRawPointer(source)
        while i < count {
            // Eight ASCII bytes at a time (most text in these files is ASCII): one load, one test.
            if i &+ 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    UnsafeMutableRawPointer(target + o).storeBytes(of: word, as: UInt64.self)
                    i &+= 8
                    o &+= 8
                    continue
                }
            }
            let b = source[i]
            i &+= 1
            if b < 0x80 {
                target[o] = b
                o &+= 1
                continue
            }
            let at = Int(b) &* 4
            let n = Int(table[at &+ 3])
            for j in 0..<n { target[o &+ j] = table[at &+ j] }
            o &+= n
        }
        return o
    }

    /// The bytes of valid UTF-8 text `p[0..<n]` in this code page, in a buffer valid until the
    /// next call; or the first scalar the code page lacks.
    func encode(_ p: UnsafePointer<UInt8>, _ n: Int) -> Result<(UnsafePointer<UInt8>, Int), UnencodableCharacter> {
        if n > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = max(n, scratchCapacity * 2)
            scratch = .allocate(capacity: scratchCapacity)
        }
        var i = 0, o = 0
        while i < n {
            let lead = p[i]
            var scalar: UInt32
            var width: Int
            if lead < 0x80 {
                scratch[o] = lead
                o += 1
                i += 1
                continue
            } else if lead < 0xE0 {
                (scalar, width) = (UInt32(lead & 0x1F), 2)
            } else if lead < 0xF0 {
                (scalar, width) = (UInt32(lead & 0x0F), 3)
            } else {
                (scalar, width) = (UInt32(lead & 0x07), 4)
            }
            for j in 1..<width where i + j < n { scalar = scalar << 6 | UInt32(p[i + j] & 0x3F) }
            i += width
            guard scalar < 65536, bytes[Int(scalar)] != 0 else { return .failure(UnencodableCharacter(scalar: scalar)) }
            scratch[o] = bytes[Int(scalar)]
            o += 1
        }
        return .success((UnsafePointer(scratch), o))
    }
}

/// A character the writer's code page has no byte for (turned into
/// `SLUICE_E_CSV_CHARACTER_NOT_IN_CODE_PAGE` with the line and column by the writer).
struct UnencodableCharacter: Error {
    var scalar: UInt32
    var row = 0
    var column = 0

    /// `U+00E9 'é'`.
    var described: String {
        let hex = String(scalar, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let shown = Unicode.Scalar(scalar).map { " '\(Character($0))'" } ?? ""
        return "U+\(padded)\(shown)"
    }
}
