import Foundation
import SluiceCore
import SluicePluginHost
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

/// A plugin built against the simulated ABI 1.0 headers (FixtureABI10: minor 0, component
/// definitions without 1.1's `connection_kind`) loads and runs under the current host, and one
/// claiming a newer minor stays refused: the ABI grows without breaking older plugins.
@Suite struct OlderABIPluginTests {
    private func load(_ products: [String]) throws -> (ComponentRegistry, ComponentRegistry.LoadReport) {
        let registry = ComponentRegistry()
        let report = registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: products).path])
        return (registry, report)
    }

    @Test func aPluginBuiltForOnePointZeroLoadsWithEveryComponentReadByItsOwnSize() throws {
        let (registry, report) = try load(["FixtureABI10"])
        #expect(report.rejected.isEmpty, "\(report.rejected.map(\.error.text))")
        let library = try #require(registry.loadedLibraries.first)
        #expect(library.name == "fixtures.abi10")
        #expect((library.abiMajor, library.abiMinor) == (1, 0))
        #expect(HostABI.minor >= 1, "the host is newer than the plugin")

        let link = try #require(registry.entry(for: "fixtures.abi10.link")?.descriptor)
        #expect(link.kind == .connectionManager)
        #expect(link.connectionKind == nil, "a 1.0 definition has no connection_kind: read as NULL")
        let stamp = try #require(registry.entry(for: "fixtures.abi10.stamp")?.descriptor)
        #expect(stamp.kind == .task)
        #expect(stamp.displayName == "Stamp (ABI 1.0)")
        #expect(stamp.properties.map(\.name) == ["variable"])
    }

    @Test func theOnePointZeroTaskRunsUnderTheCurrentHost() throws {
        let (registry, _) = try load(["FixtureABI10"])
        var package = Package(name: "OlderPlugin")
        package.variables = [Variable("User::Stamp", type: .wstr, value: .string(""))]
        package.executables = [.task("Stamp", component: "fixtures.abi10.stamp", properties: [("variable", "User::Stamp")])]
        let result = PackageRunner(registry: registry).run(package, options: RunOptions(eventSink: RecordingEventSink()))
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Stamp"]?.value == .string("built for ABI 1.0, run by host ABI 1.\(HostABI.minor)"))
    }

    @Test func aPluginClaimingANewerMinorStaysRefusedWithItsCode() throws {
        let (registry, report) = try load(["FixtureNewerMinor"])
        #expect(report.loaded.isEmpty)
        let rejected = try #require(registry.rejectedLibraries.first)
        #expect(rejected.code == SluiceMessage.pluginABIMinorNewer.code)
        #expect(rejected.reason.contains("built for ABI 1.\(HostABI.minor + 1)"), "\(rejected.reason)")
    }
}
