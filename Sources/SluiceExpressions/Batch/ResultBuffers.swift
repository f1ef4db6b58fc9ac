import SluiceCore

extension BatchExpression {
    /// Memory kept from one evaluation to the next, so that a stream of batches writes its
    /// results into buffers already allocated and touched rather than into fresh ones (a fresh
    /// 8 MB column costs about 2,000 page faults, as much time as computing it).
    ///
    /// ```swift
    /// let buffers = BatchExpression.ResultBuffers()
    /// for batch in batches {
    ///     let net = try e.evaluate(batch, reusing: buffers)
    ///     try send(net)          // the next evaluation reuses the memory once `net` is released
    /// }
    /// ```
    /// A buffer is reused only when nothing else holds it any more (the previous result column
    /// has been released) and it has the size the next result needs; otherwise the evaluation
    /// makes a new one, so a result a caller keeps is never overwritten. Row-by-row results
    /// (strings, dates, decimals) are built fresh. Not for two evaluations at once: give each
    /// thread its own.
    public final class ResultBuffers {
        enum Role { case values, validity }

        private var values: ColumnBuffer?
        private var validity: ColumnBuffer?

        public init() {}

        /// A buffer of exactly `byteCount` bytes for `role`: the kept one when no one else holds
        /// it, else a new one (kept for next time). Its contents are unspecified.
        func take(_ role: Role, byteCount: Int) -> ColumnBuffer {
            switch role {
            case .values: Self.reuse(&values, byteCount)
            case .validity: Self.reuse(&validity, byteCount)
            }
        }

        private static func reuse(_ kept: inout ColumnBuffer?, _ byteCount: Int) -> ColumnBuffer {
            if isKnownUniquelyReferenced(&kept), let buffer = kept, buffer.byteCount == byteCount { return buffer }
            let fresh = ColumnBuffer(byteCount: byteCount, zeroed: false)
            kept = fresh
            return fresh
        }
    }
}
