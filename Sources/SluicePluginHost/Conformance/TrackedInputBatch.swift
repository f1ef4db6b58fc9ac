import CSluiceABI
import SluiceCore
import Synchronization

/// A host batch handed to a plugin during a check, whose `release` counts its calls: the ABI's
/// rule is that it is released exactly once, by the host after the call or by the plugin when
/// it moved the batch. The first call releases the real batch; later ones are only counted, so
/// a double release is reported instead of crashing the check.
final class TrackedInputBatch: @unchecked Sendable {
    // @unchecked: `releases` is atomic; `original` is written once in `init` and read in the first release.
    private let original: ArrowArray
    let label: String
    let releases = Atomic<Int>(0)

    /// Exports `batch` into `out` with the counting release (this object must outlive every
    /// call of it: the check keeps it until its verdict).
    init(_ batch: ColumnBatch, label: String, into out: UnsafeMutablePointer<ArrowArray>) {
        var exported = ArrowArray()
        ArrowExport.array(of: batch, into: &exported)
        original = exported
        self.label = label
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
