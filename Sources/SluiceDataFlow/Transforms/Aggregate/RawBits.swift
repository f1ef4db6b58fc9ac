/// Bit access on Arrow bitmaps (validity, booleans): bit `i` of byte `i / 8`, least significant first.
enum RawBits {
    @inline(__always) static func get(_ base: UnsafeRawPointer, _ i: Int) -> Bool {
        base.load(fromByteOffset: i >> 3, as: UInt8.self) & (1 << UInt8(i & 7)) != 0
    }

    @inline(__always) static func set(_ base: UnsafeMutableRawPointer, _ i: Int) {
        let byte = base.load(fromByteOffset: i >> 3, as: UInt8.self)
        base.storeBytes(of: byte | (1 << UInt8(i & 7)), toByteOffset: i >> 3, as: UInt8.self)
    }

    @inline(__always) static func clear(_ base: UnsafeMutableRawPointer, _ i: Int) {
        let byte = base.load(fromByteOffset: i >> 3, as: UInt8.self)
        base.storeBytes(of: byte & ~(1 << UInt8(i & 7)), toByteOffset: i >> 3, as: UInt8.self)
    }
}
