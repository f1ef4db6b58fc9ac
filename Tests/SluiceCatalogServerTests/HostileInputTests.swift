import Foundation
import SluiceCatalog
import SluiceCatalogServer
import SluiceCore
import SluiceTestSupport
import Testing

/// Issue 10: "oversized bodies, corrupt or hostile archives (zip bombs, `..` and absolute paths
/// in entries, symlinks), SQL metacharacters and control characters in names, expired, revoked
/// and forged tokens — each refused with a coded error and nothing changed". Each request goes
/// to a real server on loopback over a copy of the walk's SQLite catalog, as the administrator
/// (who may do everything, so only the input is refused); the catalog is compared with its
/// state before.
@Suite struct HostileInputTests {
    static let admin = ServeProcess.adminToken

    /// Runs `body` against a fresh server, then checks the catalog is as it was before.
    func unchanged(
        configure: (inout CatalogServerConfiguration) -> Void = { _ in },
        _ body: (WalkServer, WalkCatalog) async throws -> Void
    ) async throws {
        let catalog = try await WalkCatalog.shared.value
        let server = try await WalkServer(catalog, configure: configure)
        let before = try await CatalogSnapshot.take(server.store)
        try await body(server, catalog)
        let after = try await CatalogSnapshot.take(server.store)
        #expect(after == before, "the catalog changed")
        await server.stop()
    }

    static func expectRefused(_ answer: LoopbackHTTP.Answer, _ statuses: Set<Int>, _ message: SluiceMessage? = nil, _ label: String) {
        #expect(statuses.contains(answer.status), "\(label): \(answer.status) \(answer.text)")
        #expect(answer.problemCode != nil, "\(label): no coded problem document: \(answer.text)")
        if let message { #expect(answer.problemCode == Int(message.code), "\(label): \(answer.text)") }
    }

    @Test func oversizedJSONIsRefusedWith413() async throws {
        try await unchanged { server, _ in
            let description = String(repeating: "x", count: (1 << 20) + 10)
            let body = Data(#"{"name": "Big", "description": "\#(description)"}"#.utf8)
            let answer = try await LoopbackHTTP.send("POST", server.url, "/api/v1/folders", token: Self.admin, body: body, contentType: "application/json")
            Self.expectRefused(answer, [413], .catalogServerBodyTooLarge, "1 MiB of JSON")
        }
    }

    @Test func oversizedArchiveIsRefusedWith413AndNothingIsDeployed() async throws {
        try await unchanged(configure: { $0.archiveBodyLimit = 256 << 10 }) { server, catalog in
            var archive = catalog.archive
            archive += [UInt8](repeating: 0x5A, count: 300 << 10)
            let answer = try await LoopbackHTTP.send(
                "PUT", server.url, "/api/v1/folders/Finance/projects/Big", token: Self.admin, body: Data(archive), contentType: "application/zip")
            Self.expectRefused(answer, [413], .catalogServerBodyTooLarge, "an archive past the limit")
        }
    }

    /// Without a Content-Length (chunked), the limit is counted as the body streams in.
    @Test func oversizedChunkedBodiesAreRefusedWith413() async throws {
        try await unchanged(configure: { $0.archiveBodyLimit = 256 << 10 }) { server, catalog in
            let json = catalog.directory.appendingPathComponent("big-\(UUID().uuidString).json")
            try Data(#"{"name": "Big", "description": "\#(String(repeating: "x", count: (1 << 20) + 10))"}"#.utf8).write(to: json)
            let zip = catalog.directory.appendingPathComponent("big-\(UUID().uuidString).zip")
            try Data(catalog.archive + [UInt8](repeating: 0x5A, count: 300 << 10)).write(to: zip)
            for (file, method, path, type) in [
                (json, "POST", "/api/v1/folders", "application/json"), (zip, "PUT", "/api/v1/folders/Finance/projects/Big", "application/zip"),
            ] {
                let run = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/curl"), [
                    "-sS", "-X", method, "-H", "Authorization: Bearer \(Self.admin)", "-H", "Content-Type: \(type)",
                    "-H", "Transfer-Encoding: chunked", "--data-binary", "@\(file.path)", "-w", "\n%{http_code}", "\(server.url)\(path)",
                ])
                #expect(run.standardOutput.hasSuffix("\n413"), "\(path): \(run.transcript.prefix(600))")
                #expect(run.standardOutput.contains(String(SluiceMessage.catalogServerBodyTooLarge.code)), "\(path): \(run.transcript.prefix(600))")
            }
        }
    }

    @Test func malformedJSONIsRefusedWith400() async throws {
        try await unchanged { server, _ in
            for text in [#"{"name": "#, #"{"name": 5}"#, "[]", "", #"{"name": "A", "description": "\u00"}"#, "nul\u{0}"] {
                let answer = try await LoopbackHTTP.send(
                    "POST", server.url, "/api/v1/folders", token: Self.admin, body: Data(text.utf8), contentType: "application/json")
                Self.expectRefused(answer, [400], nil, "body \(text.debugDescription)")
            }
        }
    }

    @Test(arguments: [
        "A\u{1}B", "tab\there", "del\u{7F}", "c1\u{85}", "quote\"d", "less<than", "more>than", "pipe|d", " leading", "trailing ",
        "@x", String(repeating: "n", count: 129), "",
    ])
    func namesBreakingTheRulesAreRefusedWithACode(_ name: String) async throws {
        try await unchanged { server, _ in
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .unicodeScalars.map { $0.value < 0x20 ? String(format: "\\u%04x", $0.value) : String($0) }.joined()
            let body = Data(#"{"name": "\#(escaped)"}"#.utf8)
            let created = try await LoopbackHTTP.send("POST", server.url, "/api/v1/folders", token: Self.admin, body: body, contentType: "application/json")
            Self.expectRefused(created, [400], nil, "create \(name.debugDescription)")
            let renamed = try await LoopbackHTTP.send(
                "POST", server.url, "/api/v1/folders/Finance/rename", token: Self.admin, body: body, contentType: "application/json")
            Self.expectRefused(renamed, [400], nil, "rename to \(name.debugDescription)")
        }
    }

    /// Allowed by the rules: `'`, `;` and `--` are only characters. The name round-trips, and
    /// once deleted again the catalog is as it was: no table went.
    @Test(arguments: ["'; DROP TABLE folders;--", "Robert'); DELETE FROM user;--", "a/b", "..", "%2e%2e", String(repeating: "n", count: 128)])
    func namesWithMetacharactersRoundTripAndChangeNothingElse(_ name: String) async throws {
        try await unchanged { server, _ in
            let escaped = name.replacingOccurrences(of: "\"", with: "\\\"")
            let body = Data(#"{"name": "\#(escaped)"}"#.utf8)
            let created = try await LoopbackHTTP.send("POST", server.url, "/api/v1/folders", token: Self.admin, body: body, contentType: "application/json")
            if created.status == 400 {
                // A name a path cannot carry may be refused, with a code.
                Self.expectRefused(created, [400], nil, "create \(name.debugDescription)")
                return
            }
            #expect(created.status == 201, "\(created.status) \(created.text)")
            let path = "/api/v1/folders/" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name)
            let read = try await LoopbackHTTP.send("GET", server.url, path, token: Self.admin)
            #expect(read.status == 200, "\(read.status) \(read.text)")
            let readName = (try? JSONSerialization.jsonObject(with: read.body) as? [String: Any])?["name"] as? String
            #expect(readName == name)
            let deleted = try await LoopbackHTTP.send("DELETE", server.url, path, token: Self.admin)
            #expect(deleted.status == 204, "\(deleted.status) \(deleted.text)")
        }
    }

    /// Path parameters that try to climb or split: an escaped `/`, `..`, control characters.
    /// Reading names nothing that exists (404). A deploy under such a name is refused, or — `/`
    /// and `..` break no name rule and reach no file — makes exactly that project, read back
    /// under the same name and deleted again; the snapshot then shows nothing else changed.
    @Test func hostilePathParametersAreRefusedOrTakenLiterally() async throws {
        try await unchanged { server, catalog in
            for (escaped, name) in [
                ("Finance%2F..", "Finance/.."), ("%2E%2E", ".."), ("..%2F..%2Fetc", "../../etc"), ("Fin%00ance", nil), ("A%01B", nil), ("%40x", nil),
            ] as [(String, String?)] {
                let answer = try await LoopbackHTTP.send("GET", server.url, "/api/v1/folders/\(escaped)", token: Self.admin)
                Self.expectRefused(answer, [400, 404], nil, "GET folder \(escaped)")
                let project = "/api/v1/folders/Finance/projects/\(escaped)"
                let deploy = try await LoopbackHTTP.send(
                    "PUT", server.url, project, token: Self.admin, body: Data(catalog.archive), contentType: "application/zip")
                guard let name, deploy.status == 201 else {
                    Self.expectRefused(deploy, [400, 404], nil, "deploy as \(escaped)")
                    continue
                }
                let read = try await LoopbackHTTP.send("GET", server.url, project, token: Self.admin)
                let readName = (try? JSONSerialization.jsonObject(with: read.body) as? [String: Any])?["name"] as? String
                #expect(read.status == 200 && readName == name, "\(escaped): \(read.status) \(read.text)")
                let projects = try await server.store.projects(inFolder: "Finance").map(\.name).sorted()
                #expect(projects == [name, WalkCatalog.project].sorted(), "\(escaped): \(projects)")
                let deleted = try await LoopbackHTTP.send("DELETE", server.url, project, token: Self.admin)
                #expect(deleted.status == 204, "\(escaped): \(deleted.status) \(deleted.text)")
            }
        }
    }

    @Test func forgedAndDisabledUsersTokensAreRefusedWith401() async throws {
        try await unchanged { server, catalog in
            for caller in [WalkCaller.forged, .disabled, .expired, .revoked] {
                let answer = try await LoopbackHTTP.send("GET", server.url, "/api/v1/folders", token: catalog.tokens[caller])
                Self.expectRefused(answer, [401], .catalogServerUnauthorized, "\(caller) token")
                let create = try await LoopbackHTTP.send(
                    "POST", server.url, "/api/v1/folders", token: catalog.tokens[caller], body: Data(#"{"name": "X"}"#.utf8),
                    contentType: "application/json")
                Self.expectRefused(create, [401], .catalogServerUnauthorized, "\(caller) token creating a folder")
            }
            let ok = try await LoopbackHTTP.send("GET", server.url, "/api/v1/folders", token: catalog.tokens[.reader])
            #expect(ok.status == 200)
        }
    }
}
