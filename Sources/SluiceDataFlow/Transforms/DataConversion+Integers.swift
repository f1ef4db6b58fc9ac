import SluiceCore

extension DataConversion {
    /// Integer to integer, or integer to DT_R8, a batch at a time: one loop per pair of types,
    /// specialized. Gives the same values as the value-by-value path (`Value.converted(to:)`).
    /// Returns nil when the pair has no fast path.
    /// - Returns: the converted column, with the rows that did not fit (valid rows only) in `failed`.
    static func convertIntegers(_ source: Column, to type: DataType, failed: inout [Int]) -> Column? {
        switch source.dataType {
        case .i1: return convert(Int8.self, source, type, &failed)
        case .i2: return convert(Int16.self, source, type, &failed)
        case .i4: return convert(Int32.self, source, type, &failed)
        case .i8: return convert(Int64.self, source, type, &failed)
        case .ui1: return convert(UInt8.self, source, type, &failed)
        case .ui2: return convert(UInt16.self, source, type, &failed)
        case .ui4: return convert(UInt32.self, source, type, &failed)
        default: return nil
        }
    }

    private static func convert<S: FixedWidthInteger & ColumnElement>(_: S.Type, _ source: Column, _ type: DataType, _ failed: inout [Int]) -> Column? {
        let n = source.length
        switch type {
        case .i1: return loop(S.self, Int8.self, source, type, &failed)
        case .i2: return loop(S.self, Int16.self, source, type, &failed)
        case .i4: return loop(S.self, Int32.self, source, type, &failed)
        case .i8: return loop(S.self, Int64.self, source, type, &failed)
        case .ui1: return loop(S.self, UInt8.self, source, type, &failed)
        case .ui2: return loop(S.self, UInt16.self, source, type, &failed)
        case .ui4: return loop(S.self, UInt32.self, source, type, &failed)
        case .ui8: return loop(S.self, UInt64.self, source, type, &failed)
        case .r8:
            let values = ColumnBuffer(byteCount: 8 * n, zeroed: false)
            let to = values.bytes.assumingMemoryBound(to: Double.self)
            source.withValues(as: S.self) { from in
                for i in 0..<n { to[i] = Double(Int64(truncatingIfNeeded: from[i])) }  // S is at most 32 bits unsigned: exact
            }
            return Column(.r8, length: n, validity: source.validityBuffer, values: values)
        default: return nil
        }
    }

    private static func loop<S: FixedWidthInteger & ColumnElement, T: FixedWidthInteger>(
        _: S.Type, _: T.Type, _ source: Column, _ type: DataType, _ failed: inout [Int]
    ) -> Column {
        let n = source.length
        let values = ColumnBuffer(byteCount: MemoryLayout<T>.stride * n, zeroed: false)
        let to = values.bytes.assumingMemoryBound(to: T.self)
        var misfits = 0
        source.withValues(as: S.self) { from in
            for i in 0..<n {
                let fits = T(exactly: from[i])
                to[i] = fits ?? 0
                misfits &+= fits == nil ? 1 : 0
            }
        }
        if misfits > 0 {
            // Rare: find them, skipping NULL rows (their values are unspecified).
            source.withValues(as: S.self) { from in
                for i in 0..<n where T(exactly: from[i]) == nil && source.isValid(i) { failed.append(i) }
            }
        }
        return Column(type, length: n, validity: source.validityBuffer, values: values)
    }
}
