import Foundation

/// DT_CY is a 64-bit integer of ten-thousandths (Microsoft, "Integration Services Data Types":
/// "an eight-byte signed integer with a scale of 4"), so its values run from
/// -922,337,203,685,477.5808 to 922,337,203,685,477.5807; a cast or arithmetic leaving that
/// range overflows.
enum CurrencyRange {
    static let lowest = Decimal(string: "-922337203685477.5808") ?? Decimal(Int64.min) / 10_000
    static let highest = Decimal(string: "922337203685477.5807") ?? Decimal(Int64.max) / 10_000

    static func contains(_ d: Decimal) -> Bool { d >= lowest && d <= highest }
}

/// DT_NUMERIC holds at most 38 digits (Microsoft, "Integration Services Data Types": "a
/// maximum precision of 38 digits"): a result whose whole part needs more than 38 - scale
/// digits overflows.
enum NumericRange {
    static func fits(_ d: Decimal, scale: Int) -> Bool {
        guard d.isFinite, !d.isNaN else { return false }
        var limit = Decimal(1)
        for _ in 0..<max(38 - max(scale, 0), 0) { limit *= 10 }
        return abs(d) < limit
    }
}
