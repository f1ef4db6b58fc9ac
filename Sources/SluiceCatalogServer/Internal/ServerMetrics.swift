import Foundation
import HTTPTypes
import OpenAPIRuntime
import Prometheus
import SluiceCatalog

/// The server's own metrics registry (not the process-global MetricsSystem, so that several
/// servers, in tests, keep their own counts): requests by operation and status, latency by
/// operation, and the catalog's sizes counted when scraped.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private static let latencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5),
    ]

    func recordRequest(operation: String, status: Int, duration: Duration) {
        registry.makeCounter(
            name: "sluice_http_requests_total", labels: [("operation", operation), ("status", String(status))],
            help: "Requests answered, by operation and status."
        ).increment()
        registry.makeDurationHistogram(
            name: "sluice_http_request_duration_seconds", labels: [("operation", operation)], buckets: Self.latencyBuckets,
            help: "Time to answer a request, by operation."
        ).recordNanoseconds(duration.nanoseconds)
    }

    /// The catalog's sizes, counted again only when the change counter has moved: a scrape
    /// every few seconds must not read every package of a large catalog each time.
    private let sizes = ListingCache<[(String, Int)]>(capacity: 1)

    /// The Prometheus text exposition, with the catalog's sizes as they are now.
    func scrape(_ store: any CatalogStore) async throws -> [UInt8] {
        let generation = try await store.generation()
        let counted = try await sizes.value(at: generation, for: .init(viewer: nil, scope: [])) {
            let folders = try await store.folders()
            var projects = 0
            for folder in folders { projects += try await store.projects(inFolder: folder.name).count }
            let packages = try await store.packages(inFolder: nil, project: nil).count
            return [("folders", folders.count), ("projects", projects), ("packages", packages)]
        }
        for (name, value) in counted {
            registry.makeGauge(name: "sluice_catalog_\(name)", labels: [], help: "Catalog \(name), counted when scraped.")
                .set(Double(value))
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

extension Duration {
    /// Whole nanoseconds, saturating (a request never lasts 292 years, but no trap if it did).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}

/// Counts every answer of the generated API, errors included (their status from the same
/// table the problem answers use).
struct MetricsMiddleware: ServerMiddleware {
    let metrics: ServerMetrics

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let answer = try await next(request, body, metadata)
            metrics.recordRequest(operation: operationID, status: answer.0.status.code, duration: clock.now - start)
            return answer
        } catch {
            let status = ProblemResponse.from(error, instance: "", logger: .init(label: "sluice.metrics")).status
            metrics.recordRequest(operation: operationID, status: status.code, duration: clock.now - start)
            throw error
        }
    }
}
