import Foundation
import SluiceCore
import SluicePluginHost
import SluiceRegistry
import SluiceTestSupport
import Testing

@Suite struct PluginLoaderTests {
    /// Loads exactly the named fixture products from a fresh directory.
    private func load(_ products: [String]) throws -> (ComponentRegistry, ComponentRegistry.LoadReport) {
        let dir = try BuildProducts.pluginDirectory(with: products)
        let registry = ComponentRegistry()
        let report = registry.loadPlugins(from: [dir.path])
        return (registry, report)
    }

    private func rejection(_ product: String) throws -> RejectedLibrary {
        let (registry, report) = try load([product])
        #expect(report.loaded.isEmpty)
        #expect(registry.components.isEmpty, "a rejected library registers nothing")
        let rejected = try #require(registry.rejectedLibraries.first)
        #expect(rejected.path.hasSuffix("lib\(product).so"))
        return rejected
    }

    @Test func loadsAGoodPluginAndListsItsComponents() throws {
        let (registry, report) = try load(["FixtureGood"])
        #expect(report.rejected.isEmpty)
        #expect(report.loaded.count == 1)
        let echo = try #require(registry.entry(for: "fixtures.good.echo"))
        #expect(echo.descriptor.kind == .task)
        #expect(echo.descriptor.library?.hasSuffix("libFixtureGood.so") == true)
        #expect(echo.descriptor.property(named: "message")?.required == true)
        #expect(echo.descriptor.property(named: "count")?.defaultValue == .int(1))
        #expect(registry.entry(for: "fixtures.good.numbers")?.descriptor.kind == .foreachEnumerator)
        let library = try #require(registry.loadedLibraries.first)
        #expect(library.name == "fixtures.good")
        #expect(library.version == "1.2.3")
    }

    @Test func rejectsPluginWithOtherMajorABI() throws {
        let r = try rejection("FixtureWrongMajor")
        #expect(r.code == SluiceMessage.pluginABIMajorMismatch.code)
        #expect(r.reason.contains("built for ABI \(HostABI.major + 1).\(HostABI.minor);"), "\(r.reason)")
    }

    @Test func rejectsPluginWithNewerMinorABI() throws {
        let r = try rejection("FixtureNewerMinor")
        #expect(r.code == SluiceMessage.pluginABIMinorNewer.code)
        #expect(r.reason.contains("built for ABI \(HostABI.major).\(HostABI.minor + 1),"), "\(r.reason)")
    }

    @Test func rejectsLibraryWithoutEntrySymbol() throws {
        let r = try rejection("FixtureMissingEntry")
        #expect(r.code == SluiceMessage.pluginEntryMissing.code)
    }

    @Test func rejectsMalformedDescriptorBeforeRunningPluginCode() throws {
        let r = try rejection("FixtureMalformed")
        #expect(r.code == SluiceMessage.pluginDescriptorInvalid.code)
        #expect(r.reason.contains("id is NULL"))
    }

    @Test func rejectsPluginWhoseInitFails() throws {
        let r = try rejection("FixtureInitFails")
        #expect(r.code == SluiceMessage.pluginInitFailed.code)
        #expect(r.reason.contains("license file not found"))
        #expect(r.pluginCode == 100_123, "the plugin's own code from init is kept")
        #expect(r.reason.hasSuffix("[plugin code 100123]"))
    }

    @Test func rejectsDuplicateComponentIDFromASecondLibrary() throws {
        let registry = ComponentRegistry()
        let good = try BuildProducts.pluginDirectory(with: ["FixtureGood"])
        let duplicate = try BuildProducts.pluginDirectory(with: ["FixtureDuplicateID"])
        registry.loadPlugins(from: [good.path, duplicate.path])
        #expect(registry.entry(for: "fixtures.good.echo")?.descriptor.library?.hasSuffix("libFixtureGood.so") == true)
        let r = try #require(registry.rejectedLibraries.first)
        #expect(r.code == SluiceMessage.componentDuplicateID.code)
        #expect(r.path.hasSuffix("libFixtureDuplicateID.so"))
    }

    @Test func builtInAndPluginComponentsShareOneIDSpace() throws {
        let registry = ComponentRegistry()
        try registry.registerDeclaration(ComponentDescriptor(
            id: "fixtures.good.echo", kind: .task, displayName: "x", description: "", version: "1"))
        registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureGood"]).path])
        #expect(registry.rejectedLibraries.first?.code == SluiceMessage.componentDuplicateID.code)
    }

    @Test func recordsEveryRejectedLibraryOfADirectory() throws {
        let (registry, report) = try load([
            "FixtureGood", "FixtureWrongMajor", "FixtureNewerMinor", "FixtureMissingEntry", "FixtureMalformed",
            "FixtureInitFails",
        ])
        #expect(report.loaded.count == 1)
        #expect(registry.rejectedLibraries.count == 5)
        #expect(Set(registry.rejectedLibraries.map(\.code)).count == 5)
    }

    @Test func theSameLibraryIsLoadedOnlyOnce() throws {
        let dir = try BuildProducts.pluginDirectory(with: ["FixtureGood"])
        let registry = ComponentRegistry()
        registry.loadPlugins(from: [dir.path, dir.path])
        registry.loadPlugins(from: [dir.path])
        #expect(registry.loadedLibraries.count == 1)
        #expect(registry.rejectedLibraries.isEmpty)
    }

    @Test func searchPathPutsOptionsBeforeEnvironmentBeforeDefault() {
        let dirs = PluginSearchPath.resolve(
            pluginDirectories: ["/opt/a"], environment: [PluginSearchPath.environmentVariable: "/opt/b::/opt/c"])
        #expect(Array(dirs.prefix(3)) == ["/opt/a", "/opt/b", "/opt/c"])
        #expect(dirs.last?.hasSuffix("/plugins") == true)
        #expect(dirs.count == 4)
    }

    @Test func defaultDirectoryCanBeReplacedOrTurnedOff() {
        let replaced = PluginSearchPath.resolve(pluginDirectories: [], environment: [PluginSearchPath.defaultDirectoryVariable: "/opt/p"])
        #expect(replaced == ["/opt/p"])
        let off = PluginSearchPath.resolve(pluginDirectories: ["/opt/a"], environment: [PluginSearchPath.defaultDirectoryVariable: "none"])
        #expect(off == ["/opt/a"])
    }

    @Test func missingDirectoriesAreReportedNotFatal() {
        let registry = ComponentRegistry()
        let report = registry.loadPlugins(from: ["/nonexistent/sluice-plugins"])
        #expect(report.missingDirectories == ["/nonexistent/sluice-plugins"])
        #expect(registry.rejectedLibraries.isEmpty)
    }
}
