import CSluiceABI
import SluiceCore
import Synchronization

/// A host batch handed to a plugin during a check, whose `release` counts its calls: the ABI's
/// rule is that it is released exactly once, by the host after the call or by the plugin when
/// it moved the batch. The first call releases the real batch; later ones are only counted, so
/// a double release is reported instead of crashing the check.
///
/// A plugin may release late: after `destroy`, after the verdict, from another thread. So every
/// tracker is kept until the process exits (``alive``): the release callback's `private_data`
/// never points at freed memory. A tracker is a few words; the batch's buffers are freed at the
/// first release.
final class TrackedInputBatch: @unchecked Sendable {
    // @unchecked: `releases` is atomic; `original` is written once in `init` and read in the first release.
    private let original: ArrowArray
    let label: String
    let releases = Atomic<Int>(0)

    /// Every tracker made, never emptied (see above).
    private static let alive = Mutex<[TrackedInputBatch]>([])

    /// Exports `batch` into `out` with the counting release.
    init(_ batch: ColumnBatch, label: String, into out: UnsafeMutablePointer<ArrowArray>) {
        var exported = ArrowArray()
        ArrowExport.array(of: batch, into: &exported)
        original = exported
        self.label = label
        Self.alive.withLock { $0.append(self) }
        out.initialize(to: exported)
        out.pointee.private_data = Unmanaged.passUnretained(self).toOpaque()
        out.pointee.release = { array in
            guard let array, let data = array.pointee.private_data else { return }
            let tracked = Unmanaged<TrackedInputBatch>.fromOpaque(data).takeUnretainedValue()
            array.pointee.release = nil
            guard tracked.releases.add(1, ordering: .sequentiallyConsistent).newValue == 1 else { return }
            var real = tracked.original
            real.release?(&real)
        }
    }
}
