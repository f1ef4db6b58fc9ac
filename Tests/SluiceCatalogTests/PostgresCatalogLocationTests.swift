import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import SluiceCatalog
import SluiceCore
import Testing

/// The URL and the schema name, refused before anything reaches a server; then servers that
/// refuse or do not answer.
struct PostgresCatalogLocationTests {
    @Test func aURLIsReadWithItsParameters() throws {
        let location = try PostgresCatalogLocation(url: "postgresql://sluice:s3cret@db.example:6543/ops?sslmode=require&connect_timeout=3")
        #expect(location.host == "db.example" && location.port == 6543 && location.user == "sluice" && location.database == "ops")
        #expect(location.tlsMode == .require && location.connectTimeoutSeconds == 3 && location.schema == "sluice_catalog")
        #expect(!location.description.contains("s3cret"))
        let plain = try PostgresCatalogLocation(url: "postgres://sluice@localhost/ops?sslmode=disable", schema: "other_1")
        #expect(plain.port == 5432 && plain.tlsMode == .disable && plain.schema == "other_1")
    }

    static let malformed = [
        "mysql://alice:hunter2@db/ops", "postgres://alice:hunter2@db:99999/ops", "postgres://alice:hunter2@db:port/ops",
        "postgres://alice:hunter2@db/ops?sslmode=allow-everything", "postgres://alice:hunter2@db/ops?connect_timeout=0",
        "postgres://alice:hunter2@db/ops?password=again", "postgres://alice:hunter2@db", "postgres://:hunter2@db/ops",
        "postgres://alice:hunter2@/ops", "postgres://alice:hunter2@db/ops/more", "postgres://alice:hunter2@db/ops\u{1B}[2J",
    ]

    @Test(arguments: malformed) func aMalformedURLIsRefusedNamedWithoutItsPassword(url: String) async throws {
        let error = await #expect(throws: SluiceError.self) { _ = try await PostgresCatalogStore(url: url, keyFile: unusedKeyFile) }
        #expect(error?.message == .catalogOpenFailed)
        #expect(error?.text.contains("hunter2") == false, "\(error?.text ?? "")")
        #expect(error?.text.contains("\u{1B}") == false)
    }

    static let hostileSchemas = [
        "", "Sluice", "1st", "a-b", "a b", "x\"; DROP SCHEMA public CASCADE; --", "caf\u{E9}", "a\u{0}b", "pg_temp\"",
        String(repeating: "a", count: 64),
    ]

    @Test(arguments: hostileSchemas) func aHostileSchemaNameIsRefusedBeforeAnyConnection(schema: String) async throws {
        let error = await #expect(throws: SluiceError.self) {
            _ = try await PostgresCatalogStore(url: "postgres://alice@127.0.0.1:1/ops", schema: schema, keyFile: unusedKeyFile)
        }
        #expect(error?.message == .catalogOpenFailed && error?.text.contains("schema name") == true)
    }

    @Test func theLongestSchemaNameIsAllowed() throws {
        #expect(try PostgresCatalogLocation(url: "postgres://a@h/d", schema: "_" + String(repeating: "z9", count: 31)).schema.count == 63)
    }

    /// Nothing listens on port 1: the pool keeps retrying, and the open gives up after the
    /// connect timeout with a code rather than waiting for ever.
    @Test func anUnreachableServerFailsWithACode() async throws {
        let error = await #expect(throws: SluiceError.self) {
            _ = try await PostgresCatalogStore(url: "postgres://alice:hunter2@127.0.0.1:1/ops?connect_timeout=1&sslmode=disable", keyFile: unusedKeyFile)
        }
        #expect(error?.message == .catalogOpenFailed && error?.text.contains("hunter2") == false)
        // The key is read after the server answers: an open that fails before makes no key file.
        #expect(!FileManager.default.fileExists(atPath: unusedKeyFile))
    }

    @Test(.enabled(if: PostgresCatalogServer.available, PostgresCatalogServer.skipReason))
    func aWrongPasswordIsRefusedWithACodeAndNotShown() async throws {
        let server = try PostgresCatalogServer()
        guard var url = URLComponents(string: server.url) else { throw PostgresCatalogServer.Missing() }
        url.user = "sluice_secret"
        url.password = "wrong-password-42"
        let error = await #expect(throws: SluiceError.self) { _ = try await PostgresCatalogStore(url: url.string ?? "", keyFile: unusedKeyFile) }
        #expect(error?.message == .catalogOpenFailed)
        #expect(error?.text.contains("wrong-password-42") == false, "\(error?.text ?? "")")
    }
}

/// A listener that takes connections (the kernel's backlog accepts them) and never says a
/// word: what a hung server, or the wrong service on the port, looks like to a client. The
/// open gives up after the connect timeout (postgres-nio counts the start-up in it; the
/// store's own deadline is the backstop).
@Suite struct PostgresCatalogSilentServerTests {
    @Test func aServerThatNeverAnswersFailsWithACodeAfterTheConnectTimeout() async throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        try #require(bound)
        let port = UInt16(bigEndian: address.sin_port)
        let error = await #expect(throws: SluiceError.self) {
            _ = try await PostgresCatalogStore(url: "postgres://alice:hunter2@127.0.0.1:\(port)/ops?connect_timeout=1&sslmode=disable", keyFile: unusedKeyFile)
        }
        #expect(error?.message == .catalogOpenFailed && error?.text.contains("could not connect") == true, "\(error?.text ?? "")")
    }
}

/// The key file of opens that fail before the key is read: never made.
let unusedKeyFile = NSTemporaryDirectory() + "/sluice-pg-never-made-\(UUID().uuidString).key"
