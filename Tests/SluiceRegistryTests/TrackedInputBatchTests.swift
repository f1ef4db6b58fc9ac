import CSluiceABI
import Foundation
import SluiceCore
import Testing

@testable import SluicePluginHost

/// `plugins check`'s counting release: a plugin that moved a batch may release it late (after
/// `destroy` and the verdict, from its own thread); the tracker behind the callback must still
/// be there.
@Suite struct TrackedInputBatchTests {
    @Test func aBatchReleasedLateFromAnotherThreadFindsItsTrackerAlive() throws {
        let batch = try ColumnBatch([("n", Column([1, 2, 3] as [Int32?]))])
        let slot = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
        defer { slot.deallocate() }
        weak var weakTracker: TrackedInputBatch?
        do {
            let tracker = TrackedInputBatch(batch, label: "late", into: slot)
            weakTracker = tracker
        }  // the check dropped its trackers after the verdict
        try #require(weakTracker != nil)
        // The plugin moved the batch, then releases it on a thread of its own.
        let moved = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
        defer { moved.deallocate() }
        moved.initialize(to: slot.pointee)
        slot.pointee.release = nil
        let address = UInt(bitPattern: moved)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            if let p = UnsafeMutablePointer<ArrowArray>(bitPattern: address) { p.pointee.release?(p) }
            done.signal()
        }
        done.wait()
        #expect(moved.pointee.release == nil)
        #expect(weakTracker?.releases.load(ordering: .sequentiallyConsistent) == 1)
    }
}
