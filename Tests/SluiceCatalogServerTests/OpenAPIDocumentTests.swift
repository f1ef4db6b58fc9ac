import Foundation
import Testing

@testable import SluiceCatalogServer

/// The document the server serves is the one in the repository: the generated code and the
/// embedded copy come from scripts/generate-openapi.sh, and a change to openapi/catalog.yaml
/// without rerunning it must fail here rather than ship a server that disagrees with its contract.
@Suite struct OpenAPIDocumentTests {
    @Test func servedDocumentIsTheRepositoryDocument() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("openapi/catalog.yaml"), encoding: .utf8)
        #expect(catalogOpenAPIDocument + "\n" == document)
    }
}
