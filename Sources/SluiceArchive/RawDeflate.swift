import CSluiceZlib

/// zlib's raw deflate (RFC 1951, no zlib or gzip wrapper, as zip stores it) and its CRC-32.
enum RawDeflate {
    enum Inflated {
        /// The stream ended: its bytes, and how many input bytes it took.
        case complete([UInt8], consumed: Int)
        /// The output passed `cap` bytes; inflating stopped there.
        case overCap
        /// Not a valid deflate stream, or one that ends early.
        case damaged(String)
    }

    /// Inflates `input`, stopping as soon as the output would pass `cap` bytes: the count is of
    /// bytes actually produced, whatever the archive declared.
    static func inflate(_ input: ArraySlice<UInt8>, cap: Int) -> Inflated {
        guard let inputCount = UInt32(exactly: input.count) else { return .damaged("the compressed data is too long") }
        var stream = z_stream()
        guard csluice_inflate_init_raw(&stream) == Z_OK else { return .damaged("zlib could not start inflating") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return input.withUnsafeBufferPointer { source -> Inflated in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = inputCount
            // Each pass produces output (bounded by `cap`) or consumes input, or stops: no hang.
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    return CSluiceZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard produced <= cap - output.count else { return .overCap }
                output.append(contentsOf: chunk[..<produced])
                switch status {
                case Z_STREAM_END:
                    return .complete(output, consumed: source.count - Int(stream.avail_in))
                case Z_OK:
                    continue
                case Z_BUF_ERROR where produced > 0:
                    continue
                case Z_BUF_ERROR:
                    return .damaged("the compressed data ends before its deflate stream does")
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    return .damaged("invalid deflate data (\(reason))")
                }
            }
        }
    }

    /// Deflates `input` at the best compression. zlib's output depends only on the input, the
    /// level and the zlib version, so the writer's archives are reproducible.
    static func deflate(_ input: [UInt8]) -> [UInt8]? {
        guard let inputCount = UInt32(exactly: input.count) else { return nil }
        var stream = z_stream()
        guard csluice_deflate_init_raw(&stream, Z_BEST_COMPRESSION) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(inputCount)))
        var output = [UInt8](repeating: 0, count: bound)
        let status = input.withUnsafeBufferPointer { source -> Int32 in
            output.withUnsafeMutableBufferPointer { target -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = inputCount
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(clamping: target.count)
                return CSluiceZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Array(output[..<Int(stream.total_out)])
    }

    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            var crc: UInt = 0
            var start = buffer.baseAddress
            var left = buffer.count
            // zlib takes a 32-bit length: feed large inputs in pieces.
            while left > 0, let pointer = start {
                let piece = min(left, 1 << 30)
                crc = CSluiceZlib.crc32(crc, pointer, UInt32(piece))
                start = pointer + piece
                left -= piece
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }
}
