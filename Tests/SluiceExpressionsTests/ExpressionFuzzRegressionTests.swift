import Foundation
import Testing

/// Replays what the expression fuzzer keeps (Tests/Regressions/expressions/) and its seed corpus
/// through the invariants of ``ParserFuzzTests`` (those of the libFuzzer harness), with no
/// fuzzer: each input evaluates or fails with a coded expression error, never crashes.
@Suite struct ExpressionFuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func files(in directory: String) -> [URL] {
        let url = root.appendingPathComponent(directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted().map { url.appendingPathComponent($0) }
    }

    @Test(arguments: files(in: "Tests/Regressions/expressions") + files(in: "Fuzz/ExpressionFuzzer/corpus"))
    func aKeptInputEvaluatesOrFailsWithACodedError(_ file: URL) throws {
        // As the harness reads its input: UTF-8, invalid bytes replaced.
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        var checker = ParserFuzzTests.FuzzChecker()
        let problems = checker.check(text)
        #expect(problems.isEmpty, "\(file.lastPathComponent): \(problems.joined(separator: "\n"))")
    }
}
