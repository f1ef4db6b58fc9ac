import Foundation
import PostgresNIO
import SluiceCore
import Testing

@testable import SluicePostgres

/// The binary numeric decoder and the COPY text encoder, byte for byte.
@Suite struct PostgresCodecTests {
    /// A binary numeric: base-10000 digits, weight of the first, sign.
    func numeric(_ digits: [Int16], weight: Int16, negative: Bool = false, scale: Int16 = 0) -> ByteBuffer {
        var b = ByteBuffer()
        b.writeInteger(Int16(digits.count))
        b.writeInteger(weight)
        b.writeInteger(UInt16(negative ? 0x4000 : 0))
        b.writeInteger(scale)
        for d in digits { b.writeInteger(d) }
        return b
    }

    @Test func decodesNumericsExactlyAtTheColumnsScale() throws {
        // 12345.678 = [1][2345].[6780]
        #expect(try PostgresNumeric.decimal128(numeric([1, 2345, 6780], weight: 1), scale: 3) == 12_345_678)
        #expect(try PostgresNumeric.decimal128(numeric([1, 2345, 6780], weight: 1, negative: true), scale: 4) == -123_456_780)
        #expect(try PostgresNumeric.decimal128(numeric([], weight: 0), scale: 10) == 0)
        // 0.0000000001 = weight -3: [0100]
        #expect(try PostgresNumeric.decimal128(numeric([100], weight: -3), scale: 10) == 1)
        // 38 digits whose last base-10000 digit carries zeros past the scale: 1234…5678.0123456789
        let digits: [Int16] = [1234, 5678, 9012, 3456, 7890, 1234, 5678, 123, 4567, 8900]
        #expect(try PostgresNumeric.decimal128(numeric(digits, weight: 6), scale: 10) == Int128("12345678901234567890123456780123456789")!)
    }

    @Test func refusesDigitsPastTheScaleAndPast38Digits() {
        #expect(throws: CellProblem.self) { try PostgresNumeric.decimal128(numeric([1, 2345, 6780], weight: 1), scale: 2) }
        #expect(throws: CellProblem.self) { try PostgresNumeric.decimal128(numeric([1], weight: 8), scale: 10) }  // 10^32 × 10^10
        var nan = ByteBuffer()
        nan.writeInteger(Int16(0)); nan.writeInteger(Int16(0)); nan.writeInteger(UInt16(0xC000)); nan.writeInteger(Int16(0))
        #expect(throws: CellProblem.self) { try PostgresNumeric.decimal128(nan, scale: 0) }
        var short = ByteBuffer()
        short.writeInteger(Int16(3))
        #expect(throws: CellProblem.self) { try PostgresNumeric.decimal128(short, scale: 0) }
    }

    @Test func encodesEveryTypeAsCopyText() throws {
        let columns: [Column] = [
            Column([1, nil, -7] as [Int32?]),
            Column([0.5, .infinity, .nan] as [Double?]),
            Column(["a\tb\\c\nd", "", nil] as [String?]),
            try Column(.dbDate, values: [.date(Date(timeIntervalSince1970: 0)), .null, .date(Date(timeIntervalSince1970: -62_135_596_800 - 86_400))]),
            try Column(.numeric, values: [.decimal(Decimal(string: "-0.05")!), .decimal(12), .null], decimalScale: 2),
            try Column(.dbTimestamp, values: [.date(Date(timeIntervalSince1970: -0.5)), .null, .date(Date(timeIntervalSince1970: 1.5))]),
            Column([true, false, nil] as [Bool?]),
            try Column(.bytes, values: [.bytes([0, 255]), .bytes([]), .null]),
        ]
        let encoder = try CopyTextEncoder(types: columns.map(\.dataType))
        let text = String(decoding: encoder.encode(columns), as: UTF8.self)
        #expect(text == """
            1\t0.5\ta\\tb\\\\c\\nd\t1970-01-01\t-0.05\t1969-12-31 23:59:59.500000\tt\t\\\\x00ff
            \\N\tInfinity\t\t\\N\t12.00\t\\N\tf\t\\\\x
            -7\tNaN\t\\N\t0001-12-31 BC\t\\N\t1970-01-01 00:00:01.500000\t\\N\t\\N

            """)
    }
}
