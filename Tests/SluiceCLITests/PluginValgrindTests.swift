import Foundation
import SluiceTestSupport
import Testing

/// The example plugins, C and Swift, under valgrind, driven through the C ABI by
/// `sluice-plugin-driver` (a C program: valgrind cannot run the Swift test binary). No definite leak and no memory error
/// in loading, configuring, running and destroying each; and the control: fixtures that leak a
/// batch or release one twice make valgrind fail.
///
/// Skipped, saying so, when valgrind is not installed; `SLUICE_REQUIRE_VALGRIND=1`
/// (scripts/test.sh) makes a missing valgrind a failure instead.
@Suite(.enabled(if: Valgrind.runs, "valgrind is not installed: install it (apt-get install valgrind) or run scripts/test.sh"))
struct PluginValgrindTests {
    /// Runs the driver on `library` under valgrind; the exit status is valgrind's 99 on any error.
    func underValgrind(_ library: String, _ properties: [String] = []) throws -> ChildProcess {
        let valgrind = try #require(Valgrind.path, "SLUICE_REQUIRE_VALGRIND=1 but valgrind is not on PATH")
        let driver = BuildProducts.binDirectory.appendingPathComponent("sluice-plugin-driver").path
        let suppressions = BuildProducts.repositoryRoot.appendingPathComponent("Tests/PluginDriver/valgrind.supp").path
        return try ChildProcess.run(valgrind, [
            "--leak-check=full", "--errors-for-leak-kinds=definite", "--error-exitcode=99", "--quiet", "--suppressions=\(suppressions)",
            driver, BuildProducts.library(library).path,
        ] + properties)
    }

    @Test(arguments: [
        ("SluiceUppercaseC", ["examples.uppercase.columns=text"]),
        ("SluiceHelloC", ["examples.hello-c.variable=User::Greeting"]),
        ("FixtureFlowGood", []),
    ] as [(String, [String])])
    func theCExamplesRunCleanUnderValgrind(library: String, properties: [String]) throws {
        let r = try underValgrind(library, properties)
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardOutput.contains("driver: 1 component(s)"), "\(r.transcript)")
    }

    /// The Swift runtime runs under valgrind too: its caches show only as "possibly lost".
    @Test func theSwiftExamplesRunCleanUnderValgrind() throws {
        let lines = try BuildProducts.temporaryDirectory("valgrind").appendingPathComponent("lines.txt").path
        let runs: [(String, [String], String)] = [
            ("SluiceSequenceSwift", ["examples.sequence.count=10000", "examples.sequence.batchSize=1000"],
             "driver: 1 component(s), 10 batch(es) and 10000 row(s) emitted"),
            ("SluiceHelloSwift", ["examples.hello-swift.variable=User::Greeting"], "driver: 1 component(s)"),
            ("FixtureSwiftFlow", ["tests.swift.length.column=text", "tests.swift.total.column=id", "tests.swift.lines.file=\(lines)"],
             "driver: 3 component(s), 4 batch(es) and 6 row(s) emitted"),
        ]
        for (library, properties, summary) in runs {
            let r = try underValgrind(library, properties)
            #expect(r.status == 0, "\(library): \(r.transcript)")
            #expect(r.standardOutput.contains(summary), "\(library): \(r.transcript)")
        }
    }

    @Test(arguments: [("FixtureFlowKeepsInput", "definitely lost"), ("FixtureFlowReleasesTwice", "Invalid")])
    func aPluginThatLeaksOrDoubleReleasesABatchFailsUnderValgrind(library: String, complaint: String) throws {
        let r = try underValgrind(library)
        #expect(r.status == 99, "\(r.transcript)")
        #expect(r.standardError.contains(complaint), "\(r.transcript)")
    }
}

/// Where valgrind is, and whether the valgrind tests run: when it is installed, or when
/// `SLUICE_REQUIRE_VALGRIND=1` says its absence is a failure.
enum Valgrind {
    static let path: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("valgrind") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    static let required = ProcessInfo.processInfo.environment["SLUICE_REQUIRE_VALGRIND"] == "1"
    static var runs: Bool { path != nil || required }
}
