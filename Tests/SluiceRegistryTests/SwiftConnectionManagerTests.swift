import CSluiceABI
import SluiceCore
@testable import SluicePluginHost
@testable import SluiceRegistry
import SluiceTestSupport
import Testing

/// The Swift SDK's connection manager, driven through its C vtable in a real shared library
/// (`Tests/Fixtures/FixtureSwiftKinds`): handles cross as opaque pointers, and a wrong call
/// gets a status, never a trap.
@Suite struct SwiftConnectionManagerTests {
    private func memoryManager() throws -> (PluginInstance, UnsafePointer<sluice_connection_vtable>) {
        let registry = ComponentRegistry()
        let report = registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureSwiftKinds"]).path])
        #expect(report.rejected.isEmpty, "\(report.rejected.map(\.error))")
        let entry = try #require(registry.entry(for: "fixtures.swift.memory"))
        #expect(entry.descriptor.kind == .connectionManager)
        let component = try #require(registry.pluginComponent("fixtures.swift.memory"))
        let properties = try PropertyResolver.resolve(
            JSONObject([("ConnectionString", "memory:orders")]), for: entry.descriptor, owner: "Store")
        let instance = try PluginInstance(component: component, descriptor: entry.descriptor, properties: properties)
        return (instance, instance.vtable(as: sluice_connection_vtable.self))
    }

    @Test func acquireHandsOutADistinctHandleEachTimeAndReleaseTakesEachBackOnce() throws {
        let (instance, vtable) = try memoryManager()
        var error = sluice_error()
        var first: UnsafeMutableRawPointer?
        var second: UnsafeMutableRawPointer?
        #expect(vtable.pointee.acquire(instance.raw, nil, &first, &error) == SLUICE_OK)
        #expect(vtable.pointee.acquire(instance.raw, nil, &second, &error) == SLUICE_OK)
        #expect(first != nil && second != nil && first != second)
        vtable.pointee.release(instance.raw, first)
        vtable.pointee.release(instance.raw, first)  // a second release of the same handle is ignored
        var unknown = 0
        withUnsafeMutablePointer(to: &unknown) { vtable.pointee.release(instance.raw, $0) }  // not a handle it gave out
        vtable.pointee.release(instance.raw, second)
    }

    @Test func aConnectionCallOnAComponentOfAnotherKindIsAStatusNotATrap() throws {
        let registry = ComponentRegistry()
        registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureSwiftKinds"]).path])
        let entry = try #require(registry.entry(for: "fixtures.swift.countdown"))
        let component = try #require(registry.pluginComponent("fixtures.swift.countdown"))
        let enumerator = try PluginInstance(
            component: component, descriptor: entry.descriptor,
            properties: try PropertyResolver.resolve(JSONObject(), for: entry.descriptor, owner: "Each"))
        // The connection vtable of the library, called on an enumerator's instance.
        // The manager instance owns the host's copy of the vtable: keep it alive while calling.
        let (manager, connectionVTable) = try memoryManager()
        defer { withExtendedLifetime(manager) {} }
        var error = sluice_error()
        var handle: UnsafeMutableRawPointer?
        #expect(connectionVTable.pointee.acquire(enumerator.raw, nil, &handle, &error) == SLUICE_E_INVALID_ARGUMENT)
        #expect(handle == nil)
        let message = withUnsafeBytes(of: &error.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        #expect(message.contains("fixtures.swift.countdown"), "\(message)")
        connectionVTable.pointee.release(enumerator.raw, &error)  // ignored: not a connection manager
    }
}
