// swift-tools-version:6.0
// The catalog benchmark's second reference (docs/benchmarks.md, "Catalog server"): Hummingbird 2
// alone, one route answering a fixed body, no middleware, no OpenAPI layer, no catalog: the
// least a request through the framework the server is built on costs on this machine.
import PackageDescription

let package = Package(
    name: "HummingbirdFloor",
    platforms: [.macOS(.v14)],
    dependencies: [.package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1")],
    targets: [
        .executableTarget(name: "HummingbirdFloor", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),
    ]
)
