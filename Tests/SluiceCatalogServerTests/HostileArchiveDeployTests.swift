import Foundation
import SluiceCore
import Testing

/// Hostile archives sent to the deploy route by the administrator: each is refused with a
/// coded 4xx, and nothing is deployed (a new project does not appear; the existing project
/// keeps its versions), neither as a new project nor over the existing one.
@Suite struct HostileArchiveDeployTests {
    struct Attack: CustomTestStringConvertible, Sendable {
        let label: String
        let bytes: @Sendable ([(String, [UInt8])], [UInt8]) -> [UInt8]
        var testDescription: String { label }
    }

    /// The fixture's files with `extra` added.
    static func with(_ files: [(String, [UInt8])], _ extra: HostileZip.Entry) -> [UInt8] {
        HostileZip.archive(files.map { HostileZip.Entry.stored($0.0, $0.1) } + [extra])
    }

    static let attacks: [Attack] = [
        Attack(label: "zip bomb: 20 MiB of zeros declared as 100 bytes", bytes: { files, _ in
            with(files, HostileZip.bomb("Bomb.sluice.json", inflated: 20 << 20, declared: 100))
        }),
        Attack(label: "zip bomb: 80 MiB declared honestly", bytes: { files, _ in
            with(files, HostileZip.bomb("Bomb.sluice.json", inflated: 80 << 20, declared: 80 << 20))
        }),
        Attack(label: "../ in an entry", bytes: { files, _ in with(files, .stored("../Evil.sluice.json", Array("{}".utf8))) }),
        Attack(label: "a/../../ in an entry", bytes: { files, _ in with(files, .stored("a/../../Evil.sluice.json", Array("{}".utf8))) }),
        Attack(label: "absolute entry path", bytes: { files, _ in with(files, .stored("/tmp/sluice-evil.sluice.json", Array("{}".utf8))) }),
        Attack(label: "symlink entry", bytes: { files, _ in with(files, .stored("Link.sluice.json", Array("/etc/passwd".utf8), mode: 0o120777)) }),
        Attack(label: "truncated archive", bytes: { _, valid in Array(valid.prefix(valid.count / 2)) }),
        Attack(label: "corrupt central directory", bytes: { _, valid in
            var bytes = valid
            if bytes.count > 30 { for index in (bytes.count - 30)..<(bytes.count - 10) { bytes[index] ^= 0xFF } }
            return bytes
        }),
        Attack(label: "not a zip", bytes: { _, _ in Array("PK? no, a text file pretending\n".utf8) }),
        Attack(label: "empty body", bytes: { _, _ in [] }),
    ]

    @Test(arguments: attacks)
    func hostileArchiveIsRefusedAndNothingIsDeployed(_ attack: Attack) async throws {
        let catalog = try await WalkCatalog.shared.value
        let files = try WalkCatalog.projectFiles(in: catalog.directory)
        let bytes = attack.bytes(files, catalog.archive)
        let server = try await WalkServer(catalog)
        let before = try await CatalogSnapshot.take(server.store)
        for project in ["Fresh", WalkCatalog.project] {
            let answer = try await LoopbackHTTP.send(
                "PUT", server.url, "/api/v1/folders/Finance/projects/\(project)", token: ServeProcess.adminToken, body: Data(bytes),
                contentType: "application/zip")
            #expect((400..<500).contains(answer.status), "\(attack.label) as \(project): \(answer.status) \(answer.text)")
            #expect(answer.problemCode != nil, "\(attack.label): \(answer.text)")
        }
        let after = try await CatalogSnapshot.take(server.store)
        #expect(after == before, "\(attack.label): the catalog changed")
        await server.stop()
    }

    /// The attacks are built right: the fixture's own files, zipped by HostileZip, deploy.
    @Test func theSameFilesZippedPlainlyDeploy() async throws {
        let catalog = try await WalkCatalog.shared.value
        let files = try WalkCatalog.projectFiles(in: catalog.directory)
        let server = try await WalkServer(catalog)
        let answer = try await LoopbackHTTP.send(
            "PUT", server.url, "/api/v1/folders/Finance/projects/Fresh", token: ServeProcess.adminToken,
            body: Data(HostileZip.archive(files.map { .stored($0.0, $0.1) })), contentType: "application/zip")
        #expect(answer.status == 201, "\(answer.status) \(answer.text)")
        await server.stop()
    }
}
