import Foundation
import SluiceTestSupport
import Testing

/// `sluice catalog …` as a child process against the fixed-answer loopback server
/// (``ProblemServerFixture``): tables, `--json`, the server's codes and the exit statuses.
@Suite struct CatalogCLIFixtureServerTests {
    /// Waits for the child on a thread of its own: waiting on the concurrency pool would starve
    /// the in-process server's handlers of the threads they answer it with.
    static func sluice(_ arguments: [String], server: String, token: String = ProblemServerFixture.token) async throws -> ChildProcess {
        let config = try BuildProducts.temporaryDirectory("cli-config")
        return try await onOwnThread {
            try ChildProcess.run(
                BuildProducts.sluice, arguments + ["--server", server, "--token", token],
                environment: ["XDG_CONFIG_HOME": config.path, "SLUICE_CATALOG_URL": "", "SLUICE_CATALOG_TOKEN": ""])
        }
    }

    @Test func folderListPrintsEveryPageAsATableAndAsJSON() async throws {
        let (table, json) = try await ProblemServerFixture.withServer { url in
            let table = try await Self.sluice(["catalog", "folder", "list"], server: url)
            return (table, try await Self.sluice(["catalog", "folder", "list", "--json"], server: url))
        }
        #expect(table.status == 0, "\(table.transcript)")
        let lines = table.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("NAME") == true)
        #expect(lines.dropFirst().map { String($0.prefix(1)) } == ["A", "B", "C", "D", "E"])
        #expect(json.status == 0)
        let items = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]]
        #expect(items?.compactMap { $0["name"] as? String } == ["A", "B", "C", "D", "E"])
    }

    /// `sluice login URL --user ada --password-stdin`, then a command that uses only the stored token.
    @Test func loginWithAPasswordFromStdinStoresTheServersTokenForLaterCommands() async throws {
        let config = try BuildProducts.temporaryDirectory("cli-login")
        let environment = ["XDG_CONFIG_HOME": config.path, "SLUICE_CATALOG_URL": "", "SLUICE_CATALOG_TOKEN": ""]
        let (wrong, login, list) = try await ProblemServerFixture.withServer { url in
            try await onOwnThread {
                let wrong = try ChildProcess.run(
                    BuildProducts.sluice, ["login", url, "--user", "ada", "--password-stdin"], environment: environment, input: Data("nope\n".utf8))
                let login = try ChildProcess.run(
                    BuildProducts.sluice, ["login", url, "--user", "ada", "--password-stdin"], environment: environment,
                    input: Data("pa ss\u{e9}\n".utf8))
                return (wrong, login, try ChildProcess.run(BuildProducts.sluice, ["catalog", "folder", "list"], environment: environment))
            }
        }
        #expect(wrong.status == 1 && wrong.standardError.contains("SLUICE_E_CATALOG_LOGIN_FAILED (80061)"), "\(wrong.transcript)")
        #expect(login.status == 0, "\(login.transcript)")
        let stored = try Data(contentsOf: config.appendingPathComponent("sluice/credentials.json"))
        #expect(String(decoding: stored, as: UTF8.self).contains(ProblemServerFixture.token))
        #expect(!login.transcript.contains("pa ss"))
        #expect(list.status == 0 && list.standardOutput.contains("NAME"), "\(list.transcript)")
    }

    @Test func aBadTokenPrintsTheServersCodeAndExitsOne() async throws {
        let r = try await ProblemServerFixture.withServer { url in try await Self.sluice(["catalog", "folder", "list"], server: url, token: "nope") }
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_CATALOG_TOKEN_INVALID (80060)"), "\(r.transcript)")
    }

    @Test func aRefusalKeepsTheServersCodeNameAndDetail() async throws {
        let r = try await ProblemServerFixture.withServer { url in try await Self.sluice(["catalog", "folder", "describe", "Nope"], server: url) }
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_CATALOG_FOLDER_NOT_FOUND (80003): The catalog has no folder \"Nope\"."))
    }

    @Test func packageExistsExitsZeroWhenPresentAndOneWhenNot() async throws {
        let (here, gone, quiet) = try await ProblemServerFixture.withServer { url in
            let here = try await Self.sluice(["catalog", "package", "exists", "F/P/Here"], server: url)
            let gone = try await Self.sluice(["catalog", "package", "exists", "F/P/Gone"], server: url)
            return (here, gone, try await Self.sluice(["catalog", "package", "exists", "F/P/Gone", "--quiet"], server: url))
        }
        #expect(here.status == 0 && here.standardOutput.contains("exists"))
        #expect(gone.status == 1 && gone.standardError.isEmpty)
        #expect(quiet.status == 1 && quiet.standardOutput.isEmpty && quiet.standardError.isEmpty)
    }

    @Test func aNonProblemAnswerIsCodedAsUnexpectedWithoutEchoingTerminalEscapes() async throws {
        let r = try await ProblemServerFixture.withServer { url in try await Self.sluice(["catalog", "folder", "delete", "A"], server: url) }
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_CATALOG_CLIENT_ANSWER_UNEXPECTED (80151)"), "\(r.transcript)")
        #expect(!r.transcript.contains("\u{1B}"))
    }
}
