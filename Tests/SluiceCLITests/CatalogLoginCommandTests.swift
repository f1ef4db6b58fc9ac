import Foundation
import SluiceTestSupport
import Testing

/// `sluice login` / `logout` and the credentials file, and the catalog commands' errors that
/// need no server: the real binary as a child process, with its own XDG_CONFIG_HOME.
@Suite struct CatalogLoginCommandTests {
    /// Nothing listens on the discard port of loopback.
    static let deadServer = "http://127.0.0.1:9"

    struct Home {
        let config: URL
        var credentials: URL { config.appendingPathComponent("sluice/credentials.json") }
        var environment: [String: String] { ["XDG_CONFIG_HOME": config.path, "SLUICE_CATALOG_URL": "", "SLUICE_CATALOG_TOKEN": ""] }

        init() throws { config = try BuildProducts.temporaryDirectory("login").appendingPathComponent("config") }

        func sluice(_ arguments: [String]) throws -> ChildProcess {
            try ChildProcess.run(BuildProducts.sluice, arguments, environment: environment)
        }

        func mode(_ url: URL) throws -> Int {
            ((try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
        }
    }

    @Test func loginWithATokenStoresItInAPrivateFileInAPrivateFolder() throws {
        let home = try Home()
        let r = try home.sluice(["login", Self.deadServer + "/", "--token", "tok-123"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try home.mode(home.credentials) == 0o600)
        #expect(try home.mode(home.credentials.deletingLastPathComponent()) == 0o700)
        let stored = try JSONSerialization.jsonObject(with: Data(contentsOf: home.credentials)) as? [String: Any]
        #expect(stored?["url"] as? String == Self.deadServer)
        #expect(stored?["token"] as? String == "tok-123")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: home.credentials.deletingLastPathComponent().path)
        #expect(leftovers == ["credentials.json"])
    }

    @Test func aCredentialsFileReadableByOthersIsRefusedWithACode() throws {
        let home = try Home()
        #expect(try home.sluice(["login", Self.deadServer, "--token", "tok-secret"]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: home.credentials.path)
        let r = try home.sluice(["catalog", "folder", "list"])
        #expect(r.status == 6)
        #expect(r.standardError.contains("SLUICE_E_CATALOG_CREDENTIALS_UNSAFE (80153)"), "\(r.transcript)")
        #expect(!r.transcript.contains("tok-secret"))
    }

    @Test func withoutAServerTheCommandSaysHowToGiveOne() throws {
        let r = try Home().sluice(["catalog", "folder", "list"])
        #expect(r.status == 6)
        #expect(r.standardError.contains("SLUICE_E_CATALOG_CLIENT_NO_SERVER (80152)"))
    }

    @Test func aStoredTokenIsNotSentToAnotherServer() throws {
        let home = try Home()
        #expect(try home.sluice(["login", Self.deadServer, "--token", "tok-1"]).status == 0)
        let r = try home.sluice(["catalog", "folder", "list", "--server", "http://127.0.0.1:10"])
        #expect(r.status == 6)
        #expect(r.standardError.contains("SLUICE_E_CATALOG_CLIENT_NO_SERVER (80152)"))
    }

    @Test func anUnreachableServerIsACodedFailureThatNamesTheURLButNotTheToken() throws {
        let r = try Home().sluice(["catalog", "folder", "list", "--server", Self.deadServer, "--token", "tok-never-shown"])
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_CATALOG_CLIENT_UNREACHABLE (80150)"), "\(r.transcript)")
        #expect(r.standardError.contains(Self.deadServer))
        #expect(!r.transcript.contains("tok-never-shown"))
    }

    @Test func aMalformedObjectPathIsRefusedBeforeAnythingIsSent() throws {
        let r = try Home().sluice(["catalog", "project", "versions", "Finance", "--server", Self.deadServer, "--token", "t"])
        #expect(r.status == 6)
        #expect(r.standardError.contains("SLUICE_E_CATALOG_CLIENT_PATH_INVALID (80157)"))
        let empty = try Home().sluice(["catalog", "package", "exists", "A//C", "--server", Self.deadServer, "--token", "t"])
        #expect(empty.status == 6)
    }

    @Test func aServerURLWithCredentialsIsRefused() throws {
        let r = try Home().sluice(["login", "https://ada:pw@example.com", "--token", "t"])
        #expect(r.status == 6)
        #expect(r.standardError.contains("SLUICE_E_CATALOG_CLIENT_INPUT_INVALID (80156)"))
    }

    @Test func logoutRemovesTheStoredCredentials() throws {
        let home = try Home()
        #expect(try home.sluice(["login", Self.deadServer, "--token", "t"]).status == 0)
        let r = try home.sluice(["logout"])
        #expect(r.status == 0)
        #expect(!FileManager.default.fileExists(atPath: home.credentials.path))
        #expect(try home.sluice(["logout"]).standardOutput.contains("Not logged in"))
    }
}
