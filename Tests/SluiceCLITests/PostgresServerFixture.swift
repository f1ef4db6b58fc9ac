import Foundation
import SluiceTestSupport
import Testing

/// The PostgreSQL server of the tests: `SLUICE_TEST_POSTGRES_URL` (scripts/test.sh starts one
/// through scripts/postgres-test-server.sh). Without it the PostgreSQL tests are skipped, and
/// say so, unless `SLUICE_REQUIRE_POSTGRES=1`, when they fail instead.
struct PostgresServerFixture {
    static let url = ProcessInfo.processInfo.environment["SLUICE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = ProcessInfo.processInfo.environment["SLUICE_REQUIRE_POSTGRES"] == "1"
    /// Runs the test when there is a server, or when one is required (it then fails without one).
    static var available: Bool { url != nil || required }
    static let skipReason: Comment = "SLUICE_TEST_POSTGRES_URL is not set: run scripts/test.sh, or source scripts/postgres-test-server.sh"

    let url: String

    init() throws {
        guard let url = Self.url else {
            Issue.record("SLUICE_REQUIRE_POSTGRES=1 but SLUICE_TEST_POSTGRES_URL is not set")
            throw Missing()
        }
        self.url = url
    }

    struct Missing: Error {}

    /// `psql` with ON_ERROR_STOP, unaligned tuples only: the output of `sql`, trimmed.
    @discardableResult
    func psql(_ sql: String) throws -> String {
        let r = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/psql"), [url, "-v", "ON_ERROR_STOP=1", "-Atqc", sql])
        guard r.status == 0 else { throw PSQLFailed(transcript: r.transcript) }
        return r.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct PSQLFailed: Error, CustomStringConvertible {
        let transcript: String
        var description: String { transcript }
    }

    /// A table name no other test uses.
    static func table(_ stem: String) -> String { "\(stem)_\(UInt32.random(in: 0...UInt32.max))" }
}
