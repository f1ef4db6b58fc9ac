import CSluiceABI
import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

@testable import SluicePluginHost

/// The Swift SDK's `process` takes every non-NULL batch it is given, even one it refuses: the
/// batch is released exactly once, during the call, and left moved (release NULL) for the host.
@Suite struct SwiftSDKProcessReleaseTests {
    @Test func aBatchOnAnInputNeverNegotiatedIsReleasedOnceBeforeTheErrorReturns() throws {
        let path = BuildProducts.library("FixtureSwiftFlow").path
        let (_, descriptor) = try PluginLoader.open(path)
        let checked = try DescriptorChecker.check(descriptor, path: path)
        let i = try #require(checked.descriptors.firstIndex { $0.id == "tests.swift.total" })
        let definition = checked.definitions[i]
        let table = definition.vtable.table(as: sluice_dataflow_vtable.self).pointee
        var raw: UnsafeMutableRawPointer?
        var err = sluice_error()
        let create = try #require(table.create)
        try #require(create(definition.pointer, HostServices.table, &raw, &err) == SLUICE_OK)
        defer { table.destroy(raw) }

        let slot = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
        defer { slot.deallocate() }
        let tracker = TrackedInputBatch(try ColumnBatch([("id", Column([1, 2] as [Int64?]))]), label: "input 3", into: slot)
        // Nothing was negotiated: input 3 (like every input) is not one of the component's.
        let status = table.process(raw, nil, 3, slot, &err)
        #expect(status == SLUICE_E_INVALID_ARGUMENT)
        #expect(tracker.releases.load(ordering: .sequentiallyConsistent) == 1)
        #expect(slot.pointee.release == nil)  // moved: the host does not release it again
    }
}
