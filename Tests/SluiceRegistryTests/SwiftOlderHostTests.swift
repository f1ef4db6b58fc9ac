import CSluiceABI
import SluiceCore
@testable import SluicePluginHost
@testable import SluiceRegistry
import SluiceTestSupport
import Testing

/// A Swift task that asks for its connection (`fixtures.swift.storeuser` in the real library
/// `Tests/Fixtures/FixtureSwiftKinds`) under a host table without `connection_acquire`: the
/// SDK fails the call with a clear status and message instead of calling through NULL.
@Suite struct SwiftOlderHostTests {
    /// The host table as an older or odder host would give it: the current one, then `change`d.
    private static func hostTable(_ change: (inout sluice_host_api) -> Void) -> UnsafeMutablePointer<sluice_host_api> {
        let table = UnsafeMutablePointer<sluice_host_api>.allocate(capacity: 1)
        table.initialize(to: HostServices.table.pointee)
        change(&table.pointee)
        return table
    }

    private static func message(_ error: inout sluice_error) -> String {
        withUnsafeBytes(of: &error.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// Creates the task with `host`, sets its properties and executes it; the status and message.
    private func execute(under host: UnsafePointer<sluice_host_api>) throws -> (sluice_status, String) {
        let registry = ComponentRegistry()
        registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureSwiftKinds"]).path])
        // Tasks register as task factories; the library is reached through its connection manager.
        let component = try #require(registry.pluginComponent("fixtures.swift.memory"))
        let definition = try #require(try component.library.open().definitions.first {
            String(cString: $0.pointer.pointee.id) == "fixtures.swift.storeuser"
        })
        let vtable = definition.vtable.table(as: sluice_task_vtable.self)
        var error = sluice_error()
        var instance: UnsafeMutableRawPointer?
        #expect(vtable.pointee.create(definition.pointer, host, &instance, &error) == SLUICE_OK)
        defer { vtable.pointee.destroy(instance) }
        for (name, value) in [("connection", "Store"), ("variable", "User::Seen")] {
            let status = ValueBridge.withPropertyValue(.string(value), as: .string) { vtable.pointee.set_property(instance, name, $0, &error) }
            #expect(status == SLUICE_OK)
        }
        var out = sluice_value()
        // No context: a call through the host table would be the crash this test rules out.
        let status = vtable.pointee.execute(instance, nil, &out, &error)
        return (status, Self.message(&error))
    }

    @Test func aHostTableOfABI10EndsBeforeConnectionAcquireAndTheTaskFailsWithUnsupported() throws {
        let offset = try #require(MemoryLayout<sluice_host_api>.offset(of: \.connection_acquire))
        let host = Self.hostTable {
            $0.struct_size = UInt32(offset)  // a 1.0 table ends where connection_acquire would begin
            $0.abi_minor = 0
        }
        defer { host.deallocate() }
        let (status, message) = try execute(under: host)
        #expect(status == SLUICE_E_UNSUPPORTED)
        #expect(message.contains("ABI 1.0") && message.contains("does not offer connection_acquire"), "\(message)")
    }

    @Test func aHostTableWithoutTheMemberFailsTheTaskWithUnsupported() throws {
        let host = Self.hostTable { $0.connection_acquire = nil }
        defer { host.deallocate() }
        let (status, message) = try execute(under: host)
        #expect(status == SLUICE_E_UNSUPPORTED)
        #expect(message.contains("connection 'Store'"), "\(message)")
    }
}
