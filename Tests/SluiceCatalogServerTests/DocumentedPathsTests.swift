import Testing

@testable import SluiceCatalogServer

/// The paths the server answers 405 (not 404) for, read from the embedded API document.
@Suite struct DocumentedPathsTests {
    @Test func documentedPathsAndTheirMethodsAreRead() {
        let paths = DocumentedPaths.catalog
        #expect(paths.methods(forPath: "/health") == ["GET"])
        #expect(Set(paths.methods(forPath: "/api/v1/folders/Finance/projects/Warehouse") ?? []) == ["GET", "PUT", "DELETE"])
        #expect(paths.methods(forPath: "/api/v1/folders/Finance/projects/Warehouse/packages/Load")?.contains("HEAD") == true)
        #expect(paths.methods(forPath: "/api/v1/nothing") == nil)
        #expect(paths.methods(forPath: "/api/v1/folders/Finance/projects/Warehouse/extra/deep") == nil)
        // Every documented path takes at least one method, and parameters match any one segment.
        #expect(paths.paths.count >= 40 && paths.paths.allSatisfy { !$0.methods.isEmpty })
    }
}
