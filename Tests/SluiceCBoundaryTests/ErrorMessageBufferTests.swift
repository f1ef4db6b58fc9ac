import CSluiceABI
import SluiceCBoundary
import Testing

/// The one error-buffer rule of both sides of the C boundary: what the host writes for a plugin
/// and the SDK writes for the host, and how either reads what the other left.
@Suite struct ErrorMessageBufferTests {
    private let room = ErrorMessageBuffer.capacity - 1  // bytes of text a buffer holds

    private func bytes(_ error: sluice_error) -> [UInt8] {
        ErrorMessageBuffer.withMessageBytes(of: error) { Array($0) }
    }

    @Test func aShortMessageAndItsCodeRoundTrip() {
        var error = sluice_error()
        ErrorMessageBuffer.write("département inconnu", code: 100_001, to: &error)
        #expect(error.code == 100_001)
        #expect(ErrorMessageBuffer.read(error) == "département inconnu")
        #expect(bytes(error)[Array("département inconnu".utf8).count] == 0)
    }

    @Test func writingToNULLDoesNothing() {
        ErrorMessageBuffer.write("nobody reads this", code: 1, to: nil)
    }

    /// A character of `width` bytes that starts `overhang` bytes before the end of the room:
    /// it does not fit, so it is left out whole and the NUL follows the ASCII before it.
    @Test(arguments: [("é", 2), ("€", 3), ("😀", 4)])
    func aCharacterThatDoesNotFitWholeIsLeftOut(character: String, width: Int) {
        #expect(character.utf8.count == width)
        for overhang in 1..<width {
            let kept = room - overhang
            var error = sluice_error()
            ErrorMessageBuffer.write(String(repeating: "a", count: kept) + character + "tail", code: 0, to: &error)
            let written = bytes(error)
            #expect(written[kept] == 0, "cut inside a \(width)-byte character, \(overhang) byte(s) of it in the room")
            #expect(ErrorMessageBuffer.read(error) == String(repeating: "a", count: kept))
        }
    }

    @Test(arguments: [("é", 2), ("€", 3), ("😀", 4)])
    func aCharacterEndingExactlyAtTheRoomIsKept(character: String, width: Int) {
        let text = String(repeating: "a", count: room - width) + character
        var error = sluice_error()
        ErrorMessageBuffer.write(text + "more", code: 0, to: &error)
        #expect(ErrorMessageBuffer.read(error) == text)
        #expect(bytes(error)[room] == 0)
    }

    @Test func aMessageThatFillsTheBufferExactlyKeepsEveryByteAndItsNUL() {
        let full = String(repeating: "x", count: room)
        var error = sluice_error()
        ErrorMessageBuffer.write(full, code: 0, to: &error)
        #expect(ErrorMessageBuffer.read(error) == full)
        #expect(bytes(error).last == 0)
        ErrorMessageBuffer.write(full + "y", code: 0, to: &error)
        #expect(ErrorMessageBuffer.read(error) == full, "one byte too many is cut")
    }

    @Test func aShorterMessageReplacesALongerOne() {
        var error = sluice_error()
        ErrorMessageBuffer.write(String(repeating: "long ", count: 50), code: 7, to: &error)
        ErrorMessageBuffer.write("short", code: 8, to: &error)
        #expect(ErrorMessageBuffer.read(error) == "short")
        #expect(error.code == 8)
    }

    /// A plugin that filled every byte and wrote no NUL: read to the end of the buffer and not
    /// one byte further, though the memory after it is not zero.
    @Test func anUnterminatedBufferIsReadToItsEndAndNoFurther() {
        let size = MemoryLayout<sluice_error>.size
        let raw = UnsafeMutableRawPointer.allocate(byteCount: size + 64, alignment: MemoryLayout<sluice_error>.alignment)
        defer { raw.deallocate() }
        raw.initializeMemory(as: UInt8.self, repeating: UInt8(ascii: "Y"), count: size + 64)
        let error = raw.bindMemory(to: sluice_error.self, capacity: 1)
        error.pointee.code = 0
        _ = withUnsafeMutableBytes(of: &error.pointee.message) { $0.initializeMemory(as: UInt8.self, repeating: UInt8(ascii: "x")) }
        let text = ErrorMessageBuffer.read(UnsafePointer(error))
        #expect(text == String(repeating: "x", count: ErrorMessageBuffer.capacity))
    }

    @Test func invalidUTF8IsReplacedNotTrusted() {
        var error = sluice_error()
        withUnsafeMutableBytes(of: &error.message) { buffer in
            for (i, b) in [0x41, 0xFF, 0x42, 0xE2, 0x82, 0x00, 0x43].enumerated() { buffer[i] = UInt8(b) }
        }
        #expect(ErrorMessageBuffer.read(error) == "A\u{FFFD}B\u{FFFD}")
    }

    @Test func theUTF8PrefixNeverEndsInsideACharacter() {
        #expect(Array(ErrorMessageBuffer.utf8Prefix(of: "a€b", maxBytes: 3)) == Array("a".utf8))
        #expect(Array(ErrorMessageBuffer.utf8Prefix(of: "a€b", maxBytes: 4)) == Array("a€".utf8))
        #expect(ErrorMessageBuffer.utf8Prefix(of: "😀", maxBytes: 3).isEmpty)
        #expect(ErrorMessageBuffer.utf8Prefix(of: "abc", maxBytes: -1).isEmpty)
    }

    @Test func statusesAreNamedAsTheHeaderSpellsThem() {
        #expect(StatusName.of(SLUICE_OK) == "SLUICE_OK")
        #expect(StatusName.of(SLUICE_E_NOT_FOUND) == "SLUICE_E_NOT_FOUND")
        #expect(StatusName.of(SLUICE_NO_MORE_ITEMS) == "SLUICE_NO_MORE_ITEMS")
        #expect(StatusName.of(4242) == "unknown status")
    }
}
