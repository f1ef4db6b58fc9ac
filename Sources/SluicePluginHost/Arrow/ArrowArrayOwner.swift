import CSluiceABI
import SluiceCore

/// One owner of an Arrow array moved out of a plugin's struct: it calls the producer's `release`
/// exactly once, when the owner goes (after the last ``Column`` wrapping its buffers, or at once
/// when the batch is refused).
///
/// Moving (Arrow's rule): the struct's bytes are copied into host memory and the producer's copy
/// gets `release = NULL`, so nobody else can release it.
package final class ArrowArrayOwner: @unchecked Sendable {
    // @unchecked Sendable: the array is read-only once moved; `release` runs once, in deinit.
    package let array: UnsafeMutablePointer<ArrowArray>

    /// Moves `source` (its `release` must be non-NULL; the caller checks).
    package init(moving source: UnsafeMutablePointer<ArrowArray>) {
        array = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
        array.initialize(to: source.pointee)
        source.pointee.release = nil
    }

    /// Moves `source`, or throws `SLUICE_E_ARROW_ARRAY_RELEASED` when its `release` is NULL.
    package static func take(_ source: UnsafeMutablePointer<ArrowArray>, origin: ArrowOrigin) throws -> ArrowArrayOwner {
        guard source.pointee.release != nil else {
            throw SluiceError(.arrowArrayReleased, ["component": origin.component, "where": origin.place, "structure": "array"])
        }
        return ArrowArrayOwner(moving: source)
    }

    deinit {
        if let release = array.pointee.release { release(array) }
        array.deallocate()
    }
}

/// Where a batch or schema comes from, for the messages that name it.
package struct ArrowOrigin: Sendable {
    /// The component (its name in the package, or its id).
    package let component: String
    /// The port or call: `output 1 "Error Output"`, `negotiate`, `stream`.
    package let place: String

    package init(component: String, place: String) {
        self.component = component
        self.place = place
    }
}
