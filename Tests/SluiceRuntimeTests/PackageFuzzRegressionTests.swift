import Foundation
import SluiceCore
import Testing

/// Replays what the package fuzzer keeps (Tests/Regressions/packages/) and the seeds it starts
/// from through its invariants (``PackageFuzzCheck``), with no fuzzer: each input loads or fails
/// with a coded error, saves and reloads the same, and validates without a crash.
@Suite struct PackageFuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func files(in directory: String) -> [URL] {
        let url = root.appendingPathComponent(directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted().map { url.appendingPathComponent($0) }
    }

    static let regressions = files(in: "Tests/Regressions/packages")
    static let seeds = files(in: "examples") + files(in: "Fuzz/PackageFuzzer/corpus")

    @Test(arguments: regressions)
    func aKeptInputLoadsOrFailsWithACodedError(_ file: URL) throws {
        let problems = PackageFuzzCheck.check(Array(try Data(contentsOf: file)))
        #expect(problems.isEmpty, "\(file.lastPathComponent): \(problems.joined(separator: "\n"))")
    }

    @Test(arguments: seeds)
    func aSeedLoadsRoundTripsAndValidates(_ file: URL) throws {
        let bytes = Array(try Data(contentsOf: file))
        #expect(PackageFuzzCheck.check(bytes).isEmpty)
        _ = try SluiceCore.PackageFile.decode(bytes)  // seeds are valid packages: mutations start near valid input
    }

    @Test func theCheckCatchesAnErrorWithoutACode() {
        #expect(!PackageFuzzCheck.problems(of: CocoaError(.fileNoSuchFile), "decode").isEmpty)
        #expect(PackageFuzzCheck.check(Array("{".utf8)).isEmpty)  // malformed JSON: a coded error is fine
    }
}
