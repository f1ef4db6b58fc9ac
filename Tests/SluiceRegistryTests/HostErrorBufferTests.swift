import CSluiceABI
import SluiceCBoundary
@testable import SluicePluginHost
import Testing

/// The host's error buffer (one per plugin call) reads and writes through the boundary module's
/// one rule, the Swift SDK's too: the host used to cut its own messages inside a character.
@Suite struct HostErrorBufferTests {
    @Test func whatTheHostWritesForAPluginEndsOnACharacterBoundary() {
        let buffer = ErrorBuffer()
        let text = String(repeating: "é", count: 600)  // 1200 bytes: 1023 would end inside an "é"
        ErrorBuffer.write(text, code: 30_001, into: buffer.pointer)
        #expect(buffer.code == 30_001)
        #expect(buffer.message(orStatus: SLUICE_E_FAILED) == String(repeating: "é", count: 511))
        #expect(buffer.written == .text(String(repeating: "é", count: 511)))
    }

    @Test func aPluginsUnterminatedMessageIsReadToTheBufferEndAndLeftAsItWas() {
        let buffer = ErrorBuffer()
        _ = withUnsafeMutableBytes(of: &buffer.pointer.pointee.message) { $0.initializeMemory(as: UInt8.self, repeating: UInt8(ascii: "z")) }
        #expect(buffer.message(orStatus: SLUICE_E_FAILED) == String(repeating: "z", count: ErrorMessageBuffer.capacity))
        #expect(buffer.written == .unterminated, "reading does not write a NUL into the plugin's bytes")
    }

    @Test func anEmptyMessageNamesTheStatus() {
        #expect(ErrorBuffer().message(orStatus: SLUICE_E_NOT_FOUND) == "status \(SLUICE_E_NOT_FOUND) (SLUICE_E_NOT_FOUND)")
    }
}
