import CSluiceABI

/// One owner of an Arrow schema a plugin produced (an output schema from `negotiate`): it calls
/// the producer's `release` exactly once, when the owner goes.
package final class ArrowSchemaOwner: @unchecked Sendable {
    // @unchecked Sendable: the schema is read-only once negotiated; `release` runs once, in deinit.
    package let schema: UnsafeMutablePointer<ArrowSchema>

    /// Moves `source`; its `release` may be NULL (a slot the plugin did not fill), then nothing is released.
    package init(moving source: UnsafeMutablePointer<ArrowSchema>) {
        schema = UnsafeMutablePointer<ArrowSchema>.allocate(capacity: 1)
        schema.initialize(to: source.pointee)
        source.pointee.release = nil
    }

    deinit {
        if let release = schema.pointee.release { release(schema) }
        schema.deallocate()
    }
}
