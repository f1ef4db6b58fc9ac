import Foundation
import SluiceCore
import Testing

@testable import SluiceCatalogServer

/// The parts of the server that decide without a network: cursors, the status table, the
/// configuration's refusals.
@Suite struct CatalogServerUnitTests {
    @Test func pagesWalkEveryItemOnceWithOpaqueCursors() throws {
        let names = (1...25).map { String(format: "n%02d", $0) }
        var seen: [String] = []
        var after: String?
        repeat {
            let page = try Page(names.shuffled(), key: { $0 }, limit: 10, after: after)
            seen += page.items
            after = page.next
        } while after != nil
        #expect(seen == names)
    }

    @Test func malformedCursorAndLimitAreCodedRefusals() {
        #expect(throws: SluiceError.self) { try Page(["a"], key: { $0 }, limit: 10, after: "%%%") }
        do {
            _ = try Page(["a"], key: { $0 }, limit: 0, after: nil)
            Issue.record("a limit of 0 was taken")
        } catch let error as SluiceError {
            #expect(error.name == "SLUICE_E_CATALOG_LIMIT_INVALID")
        } catch { Issue.record("\(error)") }
    }

    @Test func statusTableMapsCatalogCodes() {
        #expect(ProblemStatusTable.status(for: SluiceMessage.catalogNameInvalid.code).code == 400)
        #expect(ProblemStatusTable.status(for: SluiceMessage.catalogFolderNotFound.code).code == 404)
        #expect(ProblemStatusTable.status(for: SluiceMessage.catalogFolderNotEmpty.code).code == 409)
        #expect(ProblemStatusTable.status(for: SluiceMessage.archiveEntryPathTraversal.code).code == 422)
        #expect(ProblemStatusTable.status(for: SluiceMessage.catalogServerBodyTooLarge.code).code == 413)
        #expect(ProblemStatusTable.status(for: SluiceMessage.catalogNotImplemented.code).code == 501)
        #expect(ProblemStatusTable.status(for: 1).code == 500)
    }

    @Test func plainHTTPOffLoopbackIsRefusedUnlessAllowed() throws {
        var configuration = CatalogServerConfiguration()
        configuration.host = "0.0.0.0"
        #expect(throws: SluiceError.self) { try configuration.validate() }
        configuration.allowInsecureHTTP = true
        try configuration.validate()
        configuration.host = "127.0.0.1"
        configuration.allowInsecureHTTP = false
        try configuration.validate()
        configuration.tlsCertificatePath = "/tmp/cert.pem"
        #expect(throws: SluiceError.self) { try configuration.validate() }
    }
}
