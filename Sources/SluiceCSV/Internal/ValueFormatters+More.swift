/// Formatters of the types added after the first cut: DT_UI8, DT_R4, timestamps.
extension ValueFormatters {
    /// An unsigned integer (at most 20 bytes).
    @inline(__always) func uint(_ v: UInt64, _ out: inout OutputBuffer) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { tmp in
            guard let base = tmp.baseAddress else { return }
            let end = base + 24
            let start = digits(v, endingAt: end)
            out.append(start, end - start)
        }
    }

    /// A Float as the shortest text that reads back as the same Float (`0.1`, not the Double's
    /// `0.10000000149011612`).
    @inline(__always) func float(_ v: Float, _ out: inout OutputBuffer) {
        var sink = ASCIISink(out: out.bytes + out.count)
        v.write(to: &sink)
        out.count &+= sink.count
    }

    /// `YYYY-MM-DD hh:mm:ss`, then `.` and the microseconds without trailing zeros when there
    /// are any (at most 26 bytes); false, writing nothing, for a year outside 0000-9999.
    @inline(__always) func timestamp(_ micros: Int64, _ out: inout OutputBuffer) -> Bool {
        let perDay: Int64 = 86_400_000_000
        var days = micros / perDay
        var rest = micros % perDay
        if rest < 0 {
            rest += perDay
            days -= 1
        }
        // Any Int64 of microseconds is within ±107 million days: the Int32 holds it.
        guard date(Int32(truncatingIfNeeded: days), &out) else { return false }
        let seconds = Int(rest / 1_000_000)
        var fraction = Int(rest % 1_000_000)
        out.append(UInt8(ascii: " "))
        twoDigits(seconds / 3600, &out)
        out.append(UInt8(ascii: ":"))
        twoDigits(seconds / 60 % 60, &out)
        out.append(UInt8(ascii: ":"))
        twoDigits(seconds % 60, &out)
        guard fraction > 0 else { return true }
        var digitsLeft = 6
        while fraction % 10 == 0 {
            fraction /= 10
            digitsLeft -= 1
        }
        out.append(UInt8(ascii: "."))
        var divisor = 1
        for _ in 1..<digitsLeft { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: fraction / divisor % 10) &+ 48)
            divisor /= 10
        }
        return true
    }

    @inline(__always) private func twoDigits(_ v: Int, _ out: inout OutputBuffer) {
        out.append(digitPairs[v &* 2])
        out.append(digitPairs[v &* 2 &+ 1])
    }
}
