/// Value → text into the output buffer, without String: integers by digit pairs, Doubles as
/// the shortest text that reads back the same (a fast path for short decimals), decimal128 at
/// its scale, dates through a per-day cache.
struct ValueFormatters {
    /// "00" … "99".
    let digitPairs: UnsafeMutablePointer<UInt8>
    /// 10 bytes per day from 1900-01-01 for `cachedDays` days; `dateCached[slot]` says whether filled.
    let dateText: UnsafeMutablePointer<UInt8>
    let dateCached: UnsafeMutablePointer<Bool>
    static let cachedDays = 98_304
    /// Days from 1900-01-01 to 1970-01-01.
    static let firstCachedDay = -25_567

    init() {
        digitPairs = .allocate(capacity: 200)
        for i in 0..<100 {
            digitPairs[2 * i] = UInt8(48 + i / 10)
            digitPairs[2 * i + 1] = UInt8(48 + i % 10)
        }
        dateText = .allocate(capacity: 10 * Self.cachedDays)
        dateCached = .allocate(capacity: Self.cachedDays)
        dateCached.initialize(repeating: false, count: Self.cachedDays)
    }

    func deallocate() {
        digitPairs.deallocate()
        dateText.deallocate()
        dateCached.deallocate()
    }

    /// Writes the digits of `v` ending just before `end`; returns where they start.
    @inline(__always) func digits(_ v: UInt64, endingAt end: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var v = v
        var p = end
        while v >= 100 {
            let pair = Int(v % 100) &* 2
            v /= 100
            p -= 2
            p[0] = digitPairs[pair]
            p[1] = digitPairs[pair &+ 1]
        }
        if v >= 10 {
            p -= 2
            p[0] = digitPairs[Int(v) &* 2]
            p[1] = digitPairs[Int(v) &* 2 &+ 1]
        } else {
            p -= 1
            p[0] = UInt8(truncatingIfNeeded: v) &+ 48
        }
        return p
    }

    /// An integer (at most 20 bytes).
    @inline(__always) func int(_ v: Int64, _ out: inout OutputBuffer) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { tmp in
            guard let base = tmp.baseAddress else { return }
            let end = base + 24
            let start = digits(v.magnitude, endingAt: end)
            if v < 0 { out.append(UInt8(ascii: "-")) }
            out.append(start, end - start)
        }
    }

    /// A Double as the shortest text that reads back the same (at most 48 bytes).
    @inline(__always) func double(_ v: Double, _ out: inout OutputBuffer) {
        let magnitude = v.magnitude
        if magnitude < 1e13 {
            // Fast path: an exact 2-decimal value (a ≤ 15-digit decimal is its own shortest text).
            let hundredths = UInt64(magnitude * 100 + 0.5)
            if Double(hundredths) / 100 == magnitude {
                if v.sign == .minus { out.append(UInt8(ascii: "-")) }
                int(Int64(hundredths / 100), &out)
                out.append(UInt8(ascii: "."))
                let cents = Int(hundredths % 100)
                if cents % 10 == 0 {
                    out.append(UInt8(truncatingIfNeeded: cents / 10) &+ 48)
                } else {
                    out.append(digitPairs[cents &* 2])
                    out.append(digitPairs[cents &* 2 &+ 1])
                }
                return
            }
        }
        var sink = ASCIISink(out: out.bytes + out.count)
        v.write(to: &sink)
        out.count &+= sink.count
    }

    /// A decimal128 mantissa at `scale` (at most 42 bytes: sign, 39 digits, point).
    @inline(__always) func decimal(_ v: Int128, scale: Int, _ out: inout OutputBuffer) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { tmp in
            guard let base = tmp.baseAddress else { return }
            let end = base + 48
            var magnitude = v.magnitude
            var p = end
            if magnitude <= UInt128(UInt64.max) {
                p = digits(UInt64(magnitude), endingAt: end)
            } else {
                while magnitude > 0 {
                    p -= 1
                    p[0] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
                    magnitude /= 10
                }
            }
            while end - p <= scale {  // at least one digit before the point
                p -= 1
                p[0] = 48
            }
            if v < 0 { out.append(UInt8(ascii: "-")) }
            let integerDigits = end - p - scale
            out.append(p, integerDigits)
            if scale > 0 {
                out.append(UInt8(ascii: "."))
                out.append(p + integerDigits, scale)
            }
        }
    }

    /// The days since 1970-01-01 of 0000-01-01 and 9999-12-31: the dates `YYYY-MM-DD` can show.
    static let writableDays: ClosedRange<Int32> = -719_528...2_932_896

    /// `YYYY-MM-DD` (10 bytes); false, writing nothing, for a year outside 0000-9999 (changing
    /// it to fit would write another date).
    @inline(__always) func date(_ days: Int32, _ out: inout OutputBuffer) -> Bool {
        guard Self.writableDays.contains(days) else { return false }
        let slot = Int(days) - Self.firstCachedDay
        if slot >= 0, slot < Self.cachedDays {
            if !dateCached[slot] {
                fillDate(Int(days), into: dateText + slot &* 10)
                dateCached[slot] = true
            }
            out.append(dateText + slot &* 10, 10)
            return true
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { tmp in
            guard let base = tmp.baseAddress else { return }
            fillDate(Int(days), into: base)
            out.append(base, 10)
        }
        return true
    }

    /// A day of ``writableDays``: its year has 4 digits.
    private func fillDate(_ days: Int, into p: UnsafeMutablePointer<UInt8>) {
        let (year, m, d) = FieldParsers.civilFromDays(days)
        p[0] = UInt8(48 + year / 1000)
        p[1] = UInt8(48 + year / 100 % 10)
        p[2] = UInt8(48 + year / 10 % 10)
        p[3] = UInt8(48 + year % 10)
        p[4] = UInt8(ascii: "-")
        p[5] = UInt8(48 + m / 10)
        p[6] = UInt8(48 + m % 10)
        p[7] = UInt8(ascii: "-")
        p[8] = UInt8(48 + d / 10)
        p[9] = UInt8(48 + d % 10)
    }
}
