import Foundation
import SluiceCatalog
import Testing

/// `GET /metrics`: the Prometheus text exposition with requests by operation and status, their
/// latency histograms, and the catalog's sizes as they are when scraped.
@Suite struct MetricsTests {
    /// The value of the sample whose line starts with `series` (name and labels as printed).
    static func sample(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test func requestsByOperationAndStatusLatencyAndCatalogSizesAreExposed() async throws {
        try await ConfigurationServerFixture.with { server in
            for _ in 0..<3 { #expect(try await server.raw("GET", "/api/v1/folders").status == 200) }
            #expect(try await server.raw("GET", "/api/v1/folders/Nowhere").status == 404)
            let scraped = try await server.raw("GET", "/metrics")
            #expect(scraped.status == 200)
            let text = String(decoding: scraped.body, as: UTF8.self)
            #expect(Self.sample(text, #"sluice_http_requests_total{operation="listFolders",status="200"}"#) == 3, "\(text.prefix(2000))")
            #expect(Self.sample(text, #"sluice_http_requests_total{operation="getFolder",status="404"}"#) == 1)
            #expect(Self.sample(text, #"sluice_http_request_duration_seconds_count{operation="listFolders"}"#) == 3)
            #expect(text.contains(#"sluice_http_request_duration_seconds_bucket{operation="listFolders",le="0.005"}"#))
            #expect(Self.sample(text, "sluice_catalog_folders") == 1)
            #expect(Self.sample(text, "sluice_catalog_projects") == 1)
            #expect(Self.sample(text, "sluice_catalog_packages") == 2)
            // A deploy made through another store on the same file is counted at the next scrape.
            let other = try SQLiteCatalogStore(path: server.catalogPath, passwordCost: 4)
            defer { try? other.close() }
            let archive = try ConfigurationServerFixture.warehouseArchive(in: server.directory)
            try await other.deployProject([UInt8](archive), as: "Mart", into: "Finance", by: "admin")
            let again = String(decoding: try await server.raw("GET", "/metrics").body, as: UTF8.self)
            #expect(Self.sample(again, "sluice_catalog_projects") == 2)
            #expect(Self.sample(again, "sluice_catalog_packages") == 4)
        }
    }
}
