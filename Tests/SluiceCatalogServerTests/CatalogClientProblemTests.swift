import Foundation
import SluiceCatalogClient
import Testing

/// The client against a real loopback HTTP server answering fixed documents
/// (``ProblemServerFixture``): paging, problem documents, HEAD answers, transport failures.
@Suite struct CatalogClientProblemTests {
    static func client(_ url: String, token: String = ProblemServerFixture.token) throws -> CatalogClient {
        try CatalogClient(CatalogClientConfiguration(server: url, token: token))
    }

    @Test func allFoldersFollowsEveryNextCursor() async throws {
        let names = try await ProblemServerFixture.withServer { url in
            let client = try Self.client(url)
            let folders = try await client.allFolders()
            let first = try await client.listFolders()
            await client.close()
            return (folders.map(\.name), first.items.count, first.next)
        }
        #expect(names.0 == ["A", "B", "C", "D", "E"])
        #expect(names.1 == 2 && names.2 == "cursor-1")
    }

    @Test func aProblemDocumentBecomesAnErrorWithItsCodeNameDetailAndStatus() async throws {
        let error = try await ProblemServerFixture.withServer { url in
            let client = try Self.client(url)
            defer { Task { await client.close() } }
            do {
                _ = try await client.describeFolder("Missing")
                return nil as CatalogClientError?
            } catch let error as CatalogClientError { return error }
        }
        let e = try #require(error)
        #expect(e.kind == .problem && e.status == 404)
        #expect(e.code == 80003 && e.name == "SLUICE_E_CATALOG_FOLDER_NOT_FOUND")
        #expect(e.detail == "The catalog has no folder \"Missing\".")
        #expect(e.description.contains("SLUICE_E_CATALOG_FOLDER_NOT_FOUND (80003)"))
    }

    @Test func aWrongTokenIsRefusedWith401AndTheServersCode() async throws {
        let error = try await ProblemServerFixture.withServer { url in
            let client = try Self.client(url, token: "wrong-token")
            defer { Task { await client.close() } }
            do {
                _ = try await client.allFolders()
                return nil as CatalogClientError?
            } catch let error as CatalogClientError { return error }
        }
        #expect(error?.status == 401 && error?.name == "SLUICE_E_CATALOG_TOKEN_INVALID")
    }

    @Test func aNonProblemAnswerIsUnexpectedAndItsBytesAreNotEchoed() async throws {
        let error = try await ProblemServerFixture.withServer { url in
            let client = try Self.client(url)
            defer { Task { await client.close() } }
            do {
                try await client.deleteFolder("A")
                return nil as CatalogClientError?
            } catch let error as CatalogClientError { return error }
        }
        let e = try #require(error)
        #expect(e.kind == .unexpectedAnswer && e.status == 500 && e.code == nil)
        #expect(!e.description.contains("\u{1B}"))
    }

    @Test func packageExistsIsTrueOnOKAndFalseOn404() async throws {
        let answers = try await ProblemServerFixture.withServer { url in
            let client = try Self.client(url)
            let here = try await client.packageExists(folder: "F", project: "P", package: "Here")
            let gone = try await client.packageExists(folder: "F", project: "P", package: "Gone")
            await client.close()
            return (here, gone)
        }
        #expect(answers.0 == true && answers.1 == false)
    }

    @Test func packageExistsThrowsWhenTheTokenIsBadRatherThanAnsweringFalse() async throws {
        let status = try await ProblemServerFixture.withServer { url in
            let client = try Self.client(url, token: "wrong-token")
            defer { Task { await client.close() } }
            do {
                _ = try await client.packageExists(folder: "F", project: "P", package: "Here")
                return 0
            } catch let error as CatalogClientError { return error.status ?? -1 }
        }
        #expect(status == 401)
    }

    @Test func aRepeatedCursorIsRefusedInsteadOfLoopingForever() async throws {
        let error = try await ProblemServerFixture.withServer { url in
            let client = try Self.client(url)
            defer { Task { await client.close() } }
            do {
                _ = try await client.allProjects(folder: "Loop")
                return nil as CatalogClientError?
            } catch let error as CatalogClientError { return error }
        }
        #expect(error?.kind == .unexpectedAnswer)
        #expect(error?.detail.contains("repeated") == true)
    }

    @Test func anUnreachableServerIsNamedByURLAndTheTokenIsNeverInTheError() async throws {
        // A port that was just free: nothing listens there.
        let client = try Self.client("http://127.0.0.1:9", token: "secret-token-never-printed")
        defer { Task { await client.close() } }
        await #expect {
            _ = try await client.allFolders()
        } throws: { error in
            guard let e = error as? CatalogClientError else { return false }
            return e.kind == .unreachable && e.description.contains("http://127.0.0.1:9")
                && !e.description.contains("secret-token-never-printed")
        }
    }

    @Test func configurationRefusesURLsWithCredentialsOrQueriesAndTokensWithControlCharacters() {
        #expect(throws: CatalogClientError.self) { try CatalogClientConfiguration(server: "ftp://host", token: "t") }
        #expect(throws: CatalogClientError.self) { try CatalogClientConfiguration(server: "https://user:pw@host", token: "t") }
        #expect(throws: CatalogClientError.self) { try CatalogClientConfiguration(server: "https://host/?token=x", token: "t") }
        #expect(throws: CatalogClientError.self) { try CatalogClientConfiguration(server: "https://host", token: "a\r\nX-Evil: 1") }
        #expect(throws: CatalogClientError.self) {
            _ = try CatalogClient(CatalogClientConfiguration(server: "https://host", token: "t", trust: .certificateFile("/nonexistent.pem")))
        }
    }
}
