import Foundation
import SluiceArchive
import SluiceCore
import Testing

/// A project's package names and the archive's entry names are matched byte for byte: Swift's
/// `==` on strings is canonical equivalence, and a composed "Café" listing accepted for a
/// decomposed entry would be written to disk under bytes the project never names.
@Suite struct ArchiveNameBytesTests {
    @Test func aListingMatchingAnEntryOnlyByUnicodeEquivalenceIsRefused() throws {
        let composed = "Caf\u{E9}.sluice.json"
        let decomposed = "Cafe\u{301}.sluice.json"
        var project = Project(name: "P")
        project.packages = [composed]
        let entries: [RawZip.Entry] = [
            .stored(Array("project.sluice.json".utf8), Array(ProjectFile.encode(project).utf8)),
            .stored(Array(decomposed.utf8), ArchiveFixture.packageText("Cafe")),
        ]
        do {
            _ = try ProjectArchive.read(RawZip(entries: entries).bytes)
            Issue.record("the archive was accepted")
        } catch let error as SluiceError {
            #expect(error.code == SluiceMessage.archivePackageMissing.code, "\(error)")
        }
        // The same bytes on both sides read.
        let same: [RawZip.Entry] = [entries[0], .stored(Array(composed.utf8), ArchiveFixture.packageText("Cafe"))]
        #expect(try ProjectArchive.read(RawZip(entries: same).bytes).project.packages == [composed])
    }
}
