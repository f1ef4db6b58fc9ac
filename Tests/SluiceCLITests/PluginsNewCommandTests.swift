import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// `sluice plugins new`: the skeleton it writes builds with the real toolchain and its own
/// test.sh runs it with the real `sluice`; names and output directories are checked first.
@Suite struct PluginsNewCommandTests {
    private func env(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> ChildProcess {
        try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), arguments, environment: environment, currentDirectory: directory)
    }

    /// Writes a skeleton into `<fixture>/skeleton`, then runs its test.sh with this build's sluice
    /// and no other plugin directory; returns the skeleton directory.
    private func newSkeleton(_ name: String, lang: String) throws -> (CLIFixture, URL) {
        let f = try CLIFixture(plugins: [])
        let made = try f.sluice(["plugins", "new", name, "--lang", lang, "--output", "skeleton"])
        try #require(made.status == 0, "\(made.transcript)")
        return (f, f.directory.appendingPathComponent("skeleton"))
    }

    private func runTestScript(_ skeleton: URL, _ f: CLIFixture) throws -> ChildProcess {
        try env(["sh", "test.sh"], in: skeleton, environment: [
            "SLUICE": BuildProducts.sluice.path, "SLUICE_PLUGIN_PATH": f.plugins.path, "SLUICE_DEFAULT_PLUGIN_DIR": "none",
        ])
    }

    /// The global symbols a library exports, as `nm -D --defined-only` lists them, linker-defined ones left out.
    private func exports(_ library: URL) throws -> [String] {
        let nm = try env(["nm", "-D", "--defined-only", library.path], in: library.deletingLastPathComponent())
        return nm.standardOutput.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 3, fields[1].first?.isUppercase == true, !["__bss_start", "_edata", "_end"].contains(fields[2])
            else { return nil }
            return String(fields[2])
        }
    }

    @Test func aCSkeletonBuildsWithCcAndItsTestRunsItWithSluice() throws {
        let (f, skeleton) = try newSkeleton("acme.greeter", lang: "c")
        let test = try runTestScript(skeleton, f)
        #expect(test.status == 0, "\(test.transcript)")
        #expect(test.standardOutput.contains("-fvisibility=hidden"), "the Makefile's cc command: \(test.standardOutput)")
        #expect(test.standardOutput.contains("Hello, Sluice!") && test.standardOutput.contains("PASS: acme.greeter"))
        #expect(try exports(skeleton.appendingPathComponent("libacme_greeter.so")) == ["sluice_plugin_entry"])
    }

    /// `swift build` of the skeleton takes ~20 s here (it compiles the copied SDK too).
    @Test func aSwiftSkeletonBuildsWithSwiftBuildAndItsTestRunsItWithSluice() throws {
        let (f, skeleton) = try newSkeleton("acme.swift-greeter", lang: "swift")
        let test = try runTestScript(skeleton, f)
        #expect(test.status == 0, "\(test.transcript)")
        #expect(test.standardOutput.contains("Hello, Sluice!") && test.standardOutput.contains("PASS: acme.swift-greeter"))
        let library = skeleton.appendingPathComponent(".build/debug/libAcmeSwiftGreeter.so")
        #expect(try exports(library) == ["sluice_plugin_entry"])
    }

    /// The SDK files embedded in the binary are the ones in SDK/ (scripts/embed-sdk.sh writes them).
    @Test func theSkeletonsCarryTheSDKFilesExactlyAsTheSourceTreeHasThem() throws {
        let (_, cSkeleton) = try newSkeleton("acme.c-copy", lang: "c")
        let (_, swiftSkeleton) = try newSkeleton("acme.swift-copy", lang: "swift")
        let sdk = BuildProducts.repositoryRoot.appendingPathComponent("SDK")
        let fm = FileManager.default
        let headers = try fm.contentsOfDirectory(atPath: sdk.appendingPathComponent("include/sluice").path).sorted()
        var expected: [(copy: URL, original: URL)] = headers.flatMap { header in
            [cSkeleton.appendingPathComponent("include/sluice/\(header)"),
             swiftSkeleton.appendingPathComponent("SluiceSDK/CSluiceABI/include/sluice/\(header)")].map {
                ($0, sdk.appendingPathComponent("include/sluice/\(header)"))
            }
        }
        // The Swift SDK and the C-boundary module it shares with the host.
        for folder in ["Swift", "Boundary"] {
            let sources = try #require(fm.enumerator(atPath: sdk.appendingPathComponent(folder).path))
                .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
            #expect(!sources.isEmpty)
            expected += sources.map {
                (swiftSkeleton.appendingPathComponent("SluiceSDK/\(folder)/\($0)"), sdk.appendingPathComponent("\(folder)/\($0)"))
            }
            let copied = try #require(fm.enumerator(atPath: swiftSkeleton.appendingPathComponent("SluiceSDK/\(folder)").path))
                .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
            #expect(copied == sources, "stale: run scripts/embed-sdk.sh")
        }
        expected.append((swiftSkeleton.appendingPathComponent("sluice_plugin.map"), sdk.appendingPathComponent("sluice_plugin.map")))
        for (copy, original) in expected {
            #expect(fm.contents(atPath: copy.path) == fm.contents(atPath: original.path), "\(copy.path) differs: run scripts/embed-sdk.sh")
        }
    }

    @Test(arguments: ["greeter", "Acme.Greeter", "acme..greeter", "acme.1greeter", "acme.grüße", "acme.greeter.", "acme.-x", ""])
    func aNameThatIsNotALowerCaseNamespacedIDIsRefused(name: String) throws {
        let f = try CLIFixture(plugins: [])
        let result = try f.sluice(["plugins", "new", name, "--lang", "c", "--output", "out"])
        #expect(result.status == 6, "\(result.transcript)")
        #expect(result.standardError.contains("SLUICE_E_PLUGIN_NAME_INVALID (50011)"), "\(result.transcript)")
        #expect(!FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("out").path))
    }

    @Test func aNonEmptyOutputDirectoryIsRefusedAndLeftAsItWas() throws {
        let f = try CLIFixture(plugins: [])
        let out = f.directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        try "mine".write(to: out.appendingPathComponent("Makefile"), atomically: true, encoding: .utf8)
        let result = try f.sluice(["plugins", "new", "acme.greeter", "--lang", "c", "--output", "out"])
        #expect(result.status == 6, "\(result.transcript)")
        #expect(result.standardError.contains("SLUICE_E_PLUGIN_OUTPUT_EXISTS (50012)") && result.standardError.contains("not empty"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["Makefile"])
        #expect(try String(contentsOf: out.appendingPathComponent("Makefile"), encoding: .utf8) == "mine")
    }

    @Test func anOutputPathThatIsAFileIsRefused() throws {
        let f = try CLIFixture(plugins: [])
        _ = try f.write("mine", as: "out")
        let result = try f.sluice(["plugins", "new", "acme.greeter", "--lang", "swift", "--output", "out"])
        #expect(result.status == 6, "\(result.transcript)")
        #expect(result.standardError.contains("SLUICE_E_PLUGIN_OUTPUT_EXISTS (50012)"), "\(result.transcript)")
        #expect(try String(contentsOf: f.directory.appendingPathComponent("out"), encoding: .utf8) == "mine")
    }

    @Test func anEmptyOutputDirectoryIsFilledAndTheDefaultIsTheName() throws {
        let f = try CLIFixture(plugins: [])
        try FileManager.default.createDirectory(at: f.directory.appendingPathComponent("empty"), withIntermediateDirectories: false)
        #expect(try f.sluice(["plugins", "new", "acme.greeter", "--lang", "c", "--output", "empty"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("empty/acme_greeter.c").path))
        #expect(try f.sluice(["plugins", "new", "acme.greeter", "--lang", "c"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("acme.greeter/Makefile").path))
    }

    @Test func aMissingOrUnknownLanguageIsABadCommandLine() throws {
        let f = try CLIFixture(plugins: [])
        for arguments in [["acme.greeter"], ["acme.greeter", "--lang", "rust"]] {
            let result = try f.sluice(["plugins", "new"] + arguments)
            #expect(result.status == 6, "\(result.transcript)")
            #expect(result.standardError.contains("SLUICE_E_COMMAND_LINE_INVALID"), "\(result.transcript)")
        }
    }
}
