import PostgresNIO

/// PostgreSQL's binary numeric (base-10000 digits) to and from a decimal128 scaled integer,
/// exactly: a value with more digits after the point than the column's scale, or more than 38
/// digits in all, is refused rather than rounded.
enum PostgresNumeric {
    /// 10^0 … 10^38.
    static let pow10: [Int128] = {
        var powers: [Int128] = [1]
        for _ in 0..<38 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()
    static var limit: Int128 { pow10[38] }

    /// The value of a binary numeric cell times 10^scale.
    static func decimal128(_ cell: ByteBuffer, scale: Int) throws(CellProblem) -> Int128 {
        var cell = cell
        guard let ndigits = cell.readInteger(endianness: .big, as: Int16.self),
            let weight = cell.readInteger(endianness: .big, as: Int16.self),
            let sign = cell.readInteger(endianness: .big, as: UInt16.self),
            cell.readInteger(endianness: .big, as: Int16.self) != nil,  // display scale
            ndigits >= 0, cell.readableBytes == 2 * Int(ndigits)
        else { throw CellProblem("a malformed binary numeric") }
        switch sign {
        case 0x0000, 0x4000: break
        case 0xC000: throw CellProblem("NaN has no DT_NUMERIC value")
        default: throw CellProblem("infinity has no DT_NUMERIC value")
        }
        let tooBig = CellProblem("does not fit in 38 digits with \(scale) after the point")
        // Digit i is worth digit × 10^(4 × (weight − i) + scale) in the scaled integer. Digits
        // past the scale must be zero there; each is placed on its own, so a long tail of
        // zeros never overflows the sum.
        var acc: Int128 = 0
        for i in 0..<Int(ndigits) {
            guard let digit = cell.readInteger(endianness: .big, as: Int16.self), (0..<10_000).contains(digit) else {
                throw CellProblem("a malformed binary numeric digit")
            }
            if digit == 0 { continue }
            let power = 4 * (Int(weight) - i) + scale
            var placed = Int128(digit)
            if power >= 0 {
                guard power < pow10.count else { throw tooBig }
                let (times, overflow) = placed.multipliedReportingOverflow(by: pow10[power])
                guard !overflow else { throw tooBig }
                placed = times
            } else {
                guard -power < 4, Int128(digit) % pow10[-power] == 0 else {
                    throw CellProblem("has more than \(scale) digits after the point")
                }
                placed /= pow10[-power]
            }
            let (sum, overflow) = acc.addingReportingOverflow(placed)
            guard !overflow else { throw tooBig }
            acc = sum
        }
        guard acc < limit else { throw tooBig }
        return sign == 0x4000 ? -acc : acc
    }
}
