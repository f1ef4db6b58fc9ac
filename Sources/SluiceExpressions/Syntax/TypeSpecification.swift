import SluiceCore

/// The parameters each type takes in a cast or `NULL(…)`, and their ranges, as SSIS defines them.
enum TypeSpecification {
    static func make(_ t: DataType, _ p: [Int], fail: (String) -> SluiceError) throws -> ExpressionType {
        func count(_ n: Int, _ names: String) throws {
            guard p.count == n else {
                throw fail(n == 0 ? "\(t.rawValue) takes no parameters" : "\(t.rawValue) takes \(names)")
            }
        }
        func range(_ v: Int, _ r: ClosedRange<Int>, _ what: String) throws {
            guard r.contains(v) else { throw fail("\(what) of \(t.rawValue) must be \(r.lowerBound)…\(r.upperBound), not \(v)") }
        }
        switch t {
        case .str:
            try count(2, "a length and a code page: (DT_STR,50,1252)")
            try range(p[0], 1...8000, "the length")
            return ExpressionType(.str, length: p[0], codePage: p[1])
        case .wstr:
            try count(1, "a length: (DT_WSTR,50)")
            try range(p[0], 1...4000, "the length")
            return ExpressionType(.wstr, length: p[0])
        case .bytes:
            try count(1, "a length: (DT_BYTES,16)")
            try range(p[0], 1...8000, "the length")
            return ExpressionType(.bytes, length: p[0])
        case .numeric:
            try count(2, "a precision and a scale: (DT_NUMERIC,10,2)")
            try range(p[0], 1...38, "the precision")
            try range(p[1], 0...p[0], "the scale")
            return ExpressionType(.numeric, precision: p[0], scale: p[1])
        case .decimal:
            try count(1, "a scale: (DT_DECIMAL,2)")
            try range(p[0], 0...28, "the scale")
            return ExpressionType(.decimal, precision: 29, scale: p[0])
        case .text:
            try count(1, "a code page: (DT_TEXT,1252)")
            return ExpressionType(.text, codePage: p[0])
        case .dbTime2, .dbTimestamp2, .dbTimestampOffset:
            try count(1, "a number of fractional-second digits: (\(t.rawValue),7)")
            try range(p[0], 0...7, "the fractional-second digits")
            return ExpressionType(t, scale: p[0])
        default:
            try count(0, "")
            return ExpressionType(t)
        }
    }
}
