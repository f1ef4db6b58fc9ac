import Foundation
import SluiceArchive
import SluiceCore
import SluiceTestSupport
import Testing

/// Thousands of damaged copies of a valid archive, from a fixed seed: each must be read or
/// refused with a coded error, never crash (a trap ends the test process) or hang.
@Suite struct ArchiveFuzzTests {
    /// SplitMix64: the same sequence on every machine, so a failure replays.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func mutatedArchivesAreReadOrRefusedWithACode() throws {
        let directory = try BuildProducts.temporaryDirectory("fuzz")
        // Both kinds of entry: the writer's deflated ones and hand-made stored ones.
        let seeds = [
            try ProjectArchive.write(folder: try ArchiveFixture.folder(in: directory)),
            RawZip(entries: ArchiveFixture.entries).bytes,
        ]
        var random = SplitMix64(state: 0x5_1C3_A5C1)
        var refused: [String: Int] = [:]
        var accepted = 0
        let start = Date()
        for round in 0..<4000 {
            var bytes = seeds[round % seeds.count]
            mutate(&bytes, &random)
            do {
                _ = try ProjectArchive.read(bytes)
                accepted += 1
            } catch let error as SluiceError {
                refused[error.message.name, default: 0] += 1
            }
        }
        #expect(Date().timeIntervalSince(start) < 120, "4000 small archives took too long: something nearly hangs")
        #expect(refused.count > 5, "\(refused)")
        #expect(refused.keys.allSatisfy { $0.hasPrefix("SLUICE_E_") }, "\(refused)")
        #expect(accepted < 4000)
    }

    /// One to four damages: a flipped byte, a byte set to a boundary value, a 16-bit field set
    /// to 0 or 0xFFFF, a cut, an insertion.
    private func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !bytes.isEmpty else { return }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            case 1: bytes[at] = [0, 0x7F, 0x80, 0xFF][Int.random(in: 0..<4, using: &random)]
            case 2:
                let value: UInt8 = Bool.random(using: &random) ? 0 : 0xFF
                bytes[at] = value
                if at + 1 < bytes.count { bytes[at + 1] = value }
            case 3: bytes.removeSubrange(at...)
            case 4: bytes.insert(UInt8.random(in: 0...255, using: &random), at: at)
            default: bytes[at] = UInt8.random(in: 0...255, using: &random)
            }
        }
    }
}
