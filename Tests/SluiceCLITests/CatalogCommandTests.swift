import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

@Suite struct CatalogCommandTests {
    @Test func errorsPrintsAMessageByCodeAndByName() throws {
        let f = try CLIFixture()
        let byCode = try f.sluice(["errors", "10001"])
        #expect(byCode.status == 0)
        #expect(byCode.standardOutput.contains("SLUICE_E_PACKAGE_NOT_FOUND (10001), error"))
        let byName = try f.sluice(["errors", "sluice_e_plugin_abi_minor_newer"])
        #expect(byName.standardOutput.contains("30004"))
        let unknown = try f.sluice(["errors", "99999"])
        #expect(unknown.status == 6)
        #expect(unknown.standardOutput.contains("SLUICE_E_MESSAGE_UNKNOWN"))
    }

    @Test func errorsReferenceDocumentIsUpToDate() throws {
        let file = BuildProducts.repositoryRoot.appendingPathComponent("docs/errors.md")
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(committed == MessageReference.markdown(), "regenerate with: swift run sluice errors --markdown > docs/errors.md")
    }

    @Test func pluginsListShowsComponentsWithKindVersionAndLibrary() throws {
        let f = try CLIFixture(plugins: ["SluiceHelloC", "FixtureGood"])
        let r = try f.sluice(["plugins", "list"])
        #expect(r.status == 0)
        let lines = r.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID") == true)
        let hello = try #require(lines.first { $0.hasPrefix("examples.hello-c ") })
        #expect(hello.contains("task") && hello.contains("1.0.0") && hello.contains("libSluiceHelloC.so"))
        #expect(lines.contains { $0.hasPrefix("sluice.executeSQL ") && $0.hasSuffix("built-in") })
        #expect(lines.contains { $0.hasPrefix("fixtures.good.numbers ") && $0.contains("foreach-enumerator") })
    }

    @Test func pluginsListRejectedShowsPathCodeAndReason() throws {
        let f = try CLIFixture(plugins: ["FixtureWrongMajor", "FixtureInitFails"])
        let r = try f.sluice(["plugins", "list", "--rejected"])
        #expect(r.status == 0)
        #expect(r.standardOutput.contains("libFixtureWrongMajor.so"))
        #expect(r.standardOutput.contains("SLUICE_E_PLUGIN_ABI_MAJOR_MISMATCH (30003)"))
        #expect(r.standardOutput.contains("SLUICE_E_PLUGIN_INIT_FAILED (30006)"))
        #expect(r.standardOutput.contains("license file not found"))
    }

    @Test func pluginDirOptionIsSearchedToo() throws {
        let f = try CLIFixture(plugins: [])
        let extra = try BuildProducts.pluginDirectory(with: ["FixtureGood"])
        let r = try f.sluice(["plugins", "list", "--plugin-dir", extra.path])
        #expect(r.standardOutput.contains("fixtures.good.echo"))
    }

    @Test func aThirdPartyPluginBuiltWithOnlyTheHeaderLoadsAndRuns() throws {
        let f = try CLIFixture(plugins: [])
        let root = BuildProducts.repositoryRoot
        let out = try BuildProducts.temporaryDirectory("thirdparty")
        let cc = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "cc", "-shared", "-fPIC", "-I", root.appendingPathComponent("SDK/include").path,
            root.appendingPathComponent("Plugins/HelloC/hello.c").path, "-o", out.appendingPathComponent("libhello.so").path,
        ])
        #expect(cc.status == 0, "\(cc.transcript)")
        let path = try f.save(CLIFixture.greetingPackage(name: "third party"))
        let r = try f.sluice(["run", path, "--plugin-dir", out.path, "--report", "I"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("Hello, third party!"))
    }
}
