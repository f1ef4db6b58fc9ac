import Foundation
import Synchronization

/// The host table's `allocate` and `deallocate`, with an optional ledger of the blocks a plugin
/// holds.
///
/// Off (the normal case) it costs one atomic load per call. `sluice plugins check` turns it on
/// in its check process, so it can tell a plugin that keeps host memory after `destroy`, and
/// one that hands `deallocate` a pointer it never got (which the ledger then refuses to free,
/// rather than corrupt the heap of the process that reports it).
package enum AllocationLedger {
    private static let enabled = Atomic<Bool>(false)
    private static let ledger = Mutex(Ledger())

    private struct Ledger {
        var live = Set<UInt>()
        var foreign = 0
    }

    /// What the ledger has seen so far.
    package struct Snapshot: Equatable, Sendable {
        /// Blocks handed out by `allocate` and not yet deallocated.
        package var live: Int
        /// `deallocate` calls with a pointer `allocate` did not hand out, or already took back.
        package var foreign: Int
    }

    /// Starts counting; blocks allocated before are unknown to the ledger.
    package static func enable() { enabled.store(true, ordering: .sequentiallyConsistent) }

    package static var snapshot: Snapshot {
        ledger.withLock { Snapshot(live: $0.live.count, foreign: $0.foreign) }
    }

    static func allocate(_ size: UInt64) -> UnsafeMutableRawPointer? {
        guard let block = HostMemory.allocate(size) else { return nil }
        if enabled.load(ordering: .relaxed) { _ = ledger.withLock { $0.live.insert(UInt(bitPattern: block)) } }
        return block
    }

    static func deallocate(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        if enabled.load(ordering: .relaxed) {
            let known = ledger.withLock { l in
                if l.live.remove(UInt(bitPattern: pointer)) != nil { return true }
                l.foreign += 1
                return false
            }
            guard known else { return }
        }
        free(pointer)
    }
}
