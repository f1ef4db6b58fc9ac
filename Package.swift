// swift-tools-version:6.0
// Sluice: a Linux-native execution host for ETL packages.
//
// Module layering (dependencies point one way, bottom to top):
//   SluiceCore -> SluiceExpressions -> SluiceDataFlow (the data flow engine: batches, worker pool,
//   stock transforms). SluiceCore -> SluiceExpressions, SluiceRegistry (pure Swift: components by id, a factory per
//   kind) -> SluiceRuntime (never sees the C ABI) -> SluiceComponents -> sluice (CLI).
//   The C side: CSluiceABI (SDK/include) -> SluiceCBoundary (SDK/Boundary: the error buffer both
//   sides share) -> SluicePluginHost (dlopen, descriptor checks, host table, a C adapter per
//   kind, discovery, the conformance kit; on SluiceRegistry, whose factories it fills) and
//   -> SluiceSDK (SDK/Swift). SluiceComponents uses the plugin host only to make a registry
//   with plugins loaded; the CLI uses it for `plugins` commands.
//   SluiceCommandLine (the CLI's declarative argument parser) depends on nothing: the CLI
//   starts fast and the parser is tested on its own.
//   SluiceArchive (project archives, `.sluiceproj`: a zip reader and writer on zlib, CSluiceZlib)
//   depends on SluiceCore only, not the runtime, so a catalog server can take archives apart too.
//   SluiceCatalog (the catalog's storage: CatalogStore, SQLite through GRDB) depends on SluiceCore
//   and SluiceArchive only (and GRDB, postgres-nio, swift-crypto, bcrypt); nothing below it depends on it.
//   SluiceCatalogAPI (types generated from openapi/catalog.yaml) -> SluiceCatalogClient (no runtime)
//   and, with SluiceCatalog, -> SluiceCatalogServer (Hummingbird); the CLI links both and gives
//   the server a deploy check made from its registry.
// Example plugins under Plugins/ and fixture plugins under Tests/Fixtures/ are `.dynamic` products
// that see only the C ABI (and, for Swift plugins, the Swift SDK in SDK/Swift).
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// Plugins export only `sluice_plugin_entry` (SDK/README.md, "Export only the entry symbol"):
/// C hides everything else with -fvisibility=hidden, Swift with a linker version script.
let pluginCSettings: [CSetting] = [.unsafeFlags(["-fvisibility=hidden", "-Werror=incompatible-pointer-types"])]
/// A fixture breaks one rule on purpose, never the C types: a struct array where the ABI wants
/// an array of pointers must not build.
let fixtureCSettings: [CSetting] = [.unsafeFlags(["-Werror=incompatible-pointer-types"])]
let pluginSwiftLinkerSettings: [LinkerSetting] = [
    .unsafeFlags(["-Xlinker", "--version-script=\(Context.packageDirectory)/SDK/sluice_plugin.map"])
]

/// Fixture plugins that load but break one rule of the contract each: `sluice plugins check`
/// must report each with its code.
let conformanceFixtures = [
    "FixtureLeaksAllocation", "FixtureEnumeratorOvercount", "FixtureEnumeratorEndless", "FixtureSilentFailure",
    "FixtureUnknownStatus", "FixtureGarbledMessage", "FixtureHangs", "FixtureCrashesInCreate", "FixtureRequiredDefault",
    "FixtureConnectionMisbehaves",
    // Data flow transforms fed synthetic batches by the check, each breaking one Arrow rule.
    "FixtureFlowEmitsReleased", "FixtureFlowBadOffsets", "FixtureFlowKeepsInput", "FixtureFlowReleasesTwice",
    "FixtureFlowEmitsAfterEnd",
]

/// Fixture plugins for the registry tests: each is a tiny C library that breaks one rule.
let fixturePlugins = [
    "FixtureGood", "FixtureWrongMajor", "FixtureNewerMinor", "FixtureMissingEntry",
    "FixtureMalformed", "FixtureInitFails", "FixtureDuplicateID", "FixtureValidateFails",
    "FixtureForeignConnection", "FixtureStockConnection", "FixtureDataFlow",
    // Crash-safe discovery: each misbehaves in the scanner child; the probe logs every load.
    "FixtureInitCrashes", "FixtureInitHangs", "FixtureEntryAborts", "FixtureLoadProbe",
    // The control of the data flow conformance fixtures: the same transform, breaking nothing.
    "FixtureFlowGood",
] + conformanceFixtures

let package = Package(
    name: "Sluice",
    products: [
        .executable(name: "sluice", targets: ["sluice"]),
        .library(
            name: "SluiceKit",
            targets: [
                "SluiceCore", "SluiceExpressions", "SluiceRegistry", "SluicePluginHost", "SluiceRuntime", "SluiceComponents",
                "SluiceDataFlow",
            ]),
        .library(name: "SluiceSDK", targets: ["SluiceSDK"]),
        .library(name: "SluiceHelloC", type: .dynamic, targets: ["SluiceHelloC"]),
        .library(name: "SluiceHelloSwift", type: .dynamic, targets: ["SluiceHelloSwift"]),
        .library(name: "SluiceUppercaseC", type: .dynamic, targets: ["SluiceUppercaseC"]),
        .library(name: "SluiceSequenceSwift", type: .dynamic, targets: ["SluiceSequenceSwift"]),
        .library(name: "FixtureSwiftFlow", type: .dynamic, targets: ["FixtureSwiftFlow"]),
        .library(name: "FixtureSwiftKinds", type: .dynamic, targets: ["FixtureSwiftKinds"]),
        // Built against its own simulated ABI 1.0 headers (Tests/Fixtures/FixtureABI10/include/sluice).
        .library(name: "FixtureABI10", type: .dynamic, targets: ["FixtureABI10"]),
        .executable(name: "sluice-bench", targets: ["SluiceBench"]),
        .executable(name: "sluice-csv-bench", targets: ["CSVBench"]),
        .executable(name: "sluice-example-build", targets: ["ExampleBuildPackage"]),
        .executable(name: "sluice-plugin-driver", targets: ["SluicePluginDriver"]),
    ] + fixturePlugins.map { .library(name: $0, type: .dynamic, targets: [$0]) },
    dependencies: [
        // The PostgreSQL source and destination (SluicePostgres); only SluiceComponents links it.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.3"),
        // The catalog store's SQLite backend (SluiceCatalog): a pool of readers beside one writer (WAL).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The catalog server (`sluice serve`): HTTP, TLS, graceful shutdown, the API generated
        // from openapi/catalog.yaml, metrics; passwords with bcrypt, sensitive values with AES-GCM.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The C ABI: the only contract a plugin sees. Swift compiles against the same headers.
        .target(
            name: "CSluiceABI", path: "SDK", exclude: ["Swift", "Boundary", "README.md"],
            sources: ["src"], publicHeadersPath: "include"),
        // What both sides of the C boundary must do alike (the error buffer, status names): used
        // by the plugin host and the Swift SDK, and shipped with the SDK.
        .target(name: "SluiceCBoundary", dependencies: ["CSluiceABI"], path: "SDK/Boundary", swiftSettings: strictSwift),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        // zlib's raw deflate and inflate, and its CRC-32, for project archives (SluiceArchive).
        .systemLibrary(name: "CSluiceZlib", path: "Sources/CSluiceZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // pipe2 and posix_spawn's chdir / closefrom actions, which Glibc hides from Swift.
        .target(name: "CSluiceProcess"),

        .target(name: "SluiceCore", swiftSettings: strictSwift),
        .target(name: "SluiceExpressions", dependencies: ["SluiceCore"], swiftSettings: strictSwift),
        .target(name: "SluiceRegistry", dependencies: ["SluiceCore"], swiftSettings: strictSwift),
        // The data flow engine: components per batch, a fixed pool of worker threads, bounded queues,
        // and the simplest stock transforms.
        .target(name: "SluiceDataFlow", dependencies: ["SluiceCore", "SluiceExpressions"], swiftSettings: strictSwift),
        // Everything that touches the C ABI on the host's side; the runtime does not depend on it.
        .target(
            name: "SluicePluginHost", dependencies: ["SluiceCore", "SluiceRegistry", "SluiceDataFlow", "CSluiceABI", "SluiceCBoundary", "CSluiceProcess"],
            swiftSettings: strictSwift),
        .target(
            name: "SluiceRuntime", dependencies: ["SluiceCore", "SluiceExpressions", "SluiceRegistry"],
            swiftSettings: strictSwift),
        .target(
            name: "SluiceComponents",
            dependencies: [
                "SluiceCore", "SluiceExpressions", "SluiceRegistry", "SluicePluginHost", "SluiceRuntime", "SluiceDataFlow", "SluiceCSV",
                "CSQLite", "CSluiceProcess",
                "SluicePostgres",
            ],
            swiftSettings: strictSwift),
        // PostgreSQL through postgres-nio (async, its own event loop) behind blocking, time-bounded
        // calls the synchronous data flow components make; nothing else sees NIO.
        .target(
            name: "SluicePostgres", dependencies: [
                "SluiceCore", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift),
        .target(name: "SluiceCommandLine", swiftSettings: strictSwift),
        // Project archives (.sluiceproj): a deterministic writer and a reader that refuses hostile zips.
        .target(name: "SluiceArchive", dependencies: ["SluiceCore", "CSluiceZlib"], swiftSettings: strictSwift),
        // The catalog's storage (folders, projects and their versions, packages, the operations log)
        // behind one protocol, CatalogStore; SQLite through GRDB now, PostgreSQL next.
        .target(
            name: "SluiceCatalog",
            dependencies: [
                "SluiceCore", "SluiceArchive", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: strictSwift),
        // The catalog API's types, generated from openapi/catalog.yaml (scripts/generate-openapi.sh;
        // committed, so a build never runs the generator): shared by the server and the client.
        .target(
            name: "SluiceCatalogAPI", dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            exclude: ["openapi-generator-config.yaml"]),
        // The Swift client of the catalog server (usable without the runtime): the generated
        // client over AsyncHTTPClient, and a friendlier face for scripts and the CLI.
        .target(
            name: "SluiceCatalogClient",
            dependencies: [
                "SluiceCatalogAPI", .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
            ],
            exclude: ["openapi-generator-config.yaml"], swiftSettings: strictSwift),
        // The catalog server: Hummingbird 2, the generated server interface, authentication,
        // the route → permission table, problem+json errors, metrics.
        .target(
            name: "SluiceCatalogServer",
            dependencies: [
                "SluiceCore", "SluiceCatalog", "SluiceCatalogAPI",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"), .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["openapi-generator-config.yaml"], swiftSettings: strictSwift),
        // The CSV reader and writer on Arrow-layout batches; its byte-scanning kernel in C.
        .target(name: "CSluiceCSV"),
        .target(name: "SluiceCSV", dependencies: ["SluiceCore", "CSluiceCSV"], swiftSettings: strictSwift),
        // `sluice plugins new`: plugin skeletons, with the SDK files embedded (scripts/embed-sdk.sh).
        .target(name: "SluiceScaffold", dependencies: ["SluiceCore", "SluicePluginHost"], swiftSettings: strictSwift),
        .executableTarget(
            name: "sluice",
            dependencies: [
                "SluiceCore", "SluiceExpressions", "SluiceRegistry", "SluicePluginHost", "SluiceRuntime", "SluiceComponents",
                "SluiceCommandLine", "SluiceScaffold", "SluiceArchive", "SluiceCatalog", "SluiceCatalogAPI", "SluiceCatalogServer", "SluiceCatalogClient",
            ],
            swiftSettings: strictSwift),

        // The Swift SDK for plugin authors: protocols over the C ABI.
        .target(name: "SluiceSDK", dependencies: ["CSluiceABI", "SluiceCBoundary"], path: "SDK/Swift", swiftSettings: strictSwift),

        // Example plugins: the same greeting task written in C and in Swift.
        .target(name: "SluiceHelloC", dependencies: ["CSluiceABI"], path: "Plugins/HelloC", cSettings: pluginCSettings),
        .target(name: "SluiceUppercaseC", dependencies: ["CSluiceABI"], path: "Plugins/UppercaseC", cSettings: pluginCSettings),
        .target(
            name: "SluiceHelloSwift", dependencies: ["SluiceSDK"], path: "Plugins/HelloSwift",
            linkerSettings: pluginSwiftLinkerSettings),
        .target(
            name: "SluiceSequenceSwift", dependencies: ["SluiceSDK"], path: "Plugins/SequenceSwift",
            linkerSettings: pluginSwiftLinkerSettings),

        // Benchmark harness and the runnable "build a package in Swift" example.
        .executableTarget(
            name: "SluiceBench",
            dependencies: [
                "SluiceCore", "SluiceExpressions", "SluiceRegistry", "SluiceRuntime", "SluiceComponents", "SluiceDataFlow",
                "SluicePluginHost", "CSluiceABI",
            ],
            path: "Benchmarks/SluiceBench"),
        .executableTarget(name: "CSVBench", dependencies: ["SluiceCore", "SluiceCSV"], path: "Benchmarks/CSVBench"),
        .executableTarget(
            name: "ExampleBuildPackage", dependencies: ["SluiceCore", "SluiceRegistry", "SluiceRuntime", "SluiceComponents"],
            path: "Examples/BuildPackage"),

        // Shared by the test targets: build products, child processes, temporary directories, test tasks.
        .target(
            name: "SluiceTestSupport", dependencies: ["SluiceCore", "SluiceRegistry", "SluiceRuntime", "CSluiceProcess"],
            path: "Tests/SluiceTestSupport"),
        .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore"]),
        .testTarget(name: "SluiceCBoundaryTests", dependencies: ["SluiceCBoundary", "CSluiceABI"]),
        .testTarget(name: "SluiceExpressionsTests", dependencies: ["SluiceCore", "SluiceExpressions"]),
        .testTarget(name: "SluiceDataFlowTests", dependencies: ["SluiceCore", "SluiceExpressions", "SluiceDataFlow"]),
        .testTarget(
            name: "SluiceRegistryTests",
            dependencies: [
                "SluiceCore", "SluiceRegistry", "SluicePluginHost", "SluiceDataFlow", "CSluiceABI", "SluiceCBoundary", "SluiceTestSupport",
            ]),
        .testTarget(
            name: "SluiceRuntimeTests",
            dependencies: ["SluiceCore", "SluiceRegistry", "SluicePluginHost", "SluiceRuntime", "SluiceComponents", "SluiceTestSupport"]),
        .testTarget(
            name: "SluiceComponentsTests",
            dependencies: ["SluiceCore", "SluiceRegistry", "SluiceRuntime", "SluiceComponents", "CSQLite"]),
        .testTarget(name: "SluiceCSVTests", dependencies: ["SluiceCore", "SluiceCSV"]),
        .testTarget(name: "SluicePostgresTests", dependencies: ["SluiceCore", "SluicePostgres"]),
        .testTarget(name: "SluiceCommandLineTests", dependencies: ["SluiceCommandLine"]),
        .testTarget(name: "SluiceArchiveTests", dependencies: ["SluiceCore", "SluiceArchive", "CSluiceZlib", "SluiceTestSupport"]),
        .testTarget(
            name: "SluiceCatalogTests",
            dependencies: ["SluiceCore", "SluiceArchive", "SluiceCatalog", "SluiceTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "SluiceCatalogServerTests",
            dependencies: [
                "SluiceCore", "SluiceArchive", "SluiceCatalog", "SluiceCatalogAPI", "SluiceCatalogServer", "SluiceCatalogClient",
                "SluiceTestSupport",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(name: "SluiceCLITests", dependencies: ["SluiceCore", "SluiceTestSupport"]),
        .target(name: "FixtureSupport", dependencies: ["CSluiceABI"], path: "Tests/Fixtures/FixtureSupport"),
        // Every component kind of the Swift SDK, as a real plugin library.
        .target(
            name: "FixtureSwiftKinds", dependencies: ["SluiceSDK"], path: "Tests/Fixtures/FixtureSwiftKinds",
            linkerSettings: pluginSwiftLinkerSettings),
        // Swift data flow transforms (synchronous and asynchronous) and a destination, as a real plugin library.
        .target(
            name: "FixtureSwiftFlow", dependencies: ["SluiceSDK"], path: "Tests/Fixtures/FixtureSwiftFlow",
            linkerSettings: pluginSwiftLinkerSettings),
        // A C program that loads one plugin and drives it through the C ABI, for valgrind (which
        // cannot run the Swift test binary).
        .executableTarget(
            name: "SluicePluginDriver", dependencies: ["CSluiceABI"], path: "Tests/PluginDriver", exclude: ["valgrind.supp"]),
        // An older plugin: no CSluiceABI, only the 1.0 copy of the headers in its own include dir.
        .target(name: "FixtureABI10", path: "Tests/Fixtures/FixtureABI10"),
    ] + fixturePlugins.map {
        .target(name: $0, dependencies: ["CSluiceABI", "FixtureSupport"], path: "Tests/Fixtures/\($0)", cSettings: fixtureCSettings)
    }
)
