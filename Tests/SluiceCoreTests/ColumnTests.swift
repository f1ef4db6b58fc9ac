import Foundation
import SluiceCore
import Testing

@Suite struct ColumnTests {
    // MARK: - Arrow layout

    @Test func validityBitmapIsLeastSignificantBitFirst() {
        let c = Column([1, nil, 3, nil, nil, 6, 7, 8, nil] as [Int32?])
        #expect(c.dataType == .i4)
        #expect(c.length == 9)
        // Rows 0, 2, 5, 6, 7 valid: bits 0b1110_0101; row 8 NULL.
        #expect(Array(c.validityBitmap!) == [0xE5, 0x00])
        #expect(c.nullCount == 4)
        #expect(c.withValues(as: Int32.self) { Array($0) } == [1, 0, 3, 0, 0, 6, 7, 8, 0])
        #expect(c.isValid(0) && !c.isValid(1) && !c.isValid(8))
    }

    @Test func columnWithoutNullsHasNoBitmap() {
        let c = Column([1.5, 2.5] as [Double?])
        #expect(c.validityBuffer == nil)
        #expect(c.validityBitmap == nil)
        #expect(c.nullCount == 0)
        #expect(c.arrowBuffers.count == 2 && c.arrowBuffers[0] == nil)
    }

    @Test func booleansAreBitPacked() {
        let c = Column([true, false, true, true, false, false, false, true, true] as [Bool?])
        let bytes = UnsafeRawBufferPointer(start: c.valueBuffer.bytes, count: 2)
        #expect(Array(bytes) == [0x8D, 0x01])
        #expect(c.arrowFormat == "b")
        let withNull = Column([true, nil, false] as [Bool?])
        #expect(Array(withNull.validityBitmap!) == [0b101])
        #expect(withNull.valueBuffer.bytes.load(as: UInt8.self) == 0b001)
        #expect(withNull.allValues == [.bool(true), .null, .bool(false)])
    }

    @Test func stringsUseInt32OffsetsIntoUTF8Data() {
        let c = Column(["a", nil, "héllo", ""] as [String?])
        #expect(c.arrowFormat == "u")
        #expect(Array(c.offsets) == [0, 1, 1, 7, 7])
        let data = UnsafeRawBufferPointer(start: c.valueBuffer.bytes, count: 7)
        #expect(Array(data) == Array("ahéllo".utf8))
        #expect(Array(c.validityBitmap!) == [0b1101])
        #expect(c.arrowBuffers.count == 3)
        #expect(c.allValues == [.string("a"), .null, .string("héllo"), .string("")])
    }

    @Test func buffersAre64ByteAlignedAndZeroPadded() throws {
        let columns = [
            Column([1, nil, 3] as [Int8?]), Column([1.5] as [Double?]), Column([true, nil] as [Bool?]),
            Column(["x", nil, "yz"] as [String?]), try Column(.numeric, values: [.decimal(1), .null]),
            Column(.r8, length: 1000, nullable: true),
        ]
        for c in columns {
            for buffer in [c.validityBuffer, c.valueBuffer, c.offsetBuffer].compactMap({ $0 }) {
                #expect(Int(bitPattern: buffer.bytes) % 64 == 0)
                #expect(buffer.capacity % 64 == 0 && buffer.capacity >= buffer.byteCount)
                let padding = UnsafeRawBufferPointer(start: buffer.bytes + buffer.byteCount, count: buffer.capacity - buffer.byteCount)
                #expect(padding.allSatisfy { $0 == 0 })
            }
        }
    }

    @Test func formatsFollowTheDataType() throws {
        #expect(Column([1] as [Int64?]).arrowFormat == "l")
        #expect(Column([1] as [UInt16?]).arrowFormat == "S")
        #expect(Column([1] as [Float?]).arrowFormat == "f")
        #expect(Column([1] as [Int32?], as: .dbDate).arrowFormat == "tdD")
        #expect(try Column(.dbTimestamp, values: []).arrowFormat == "tsu:")
        #expect(try Column(.numeric, values: [], decimalScale: 2).arrowFormat == "d:38,2")
        #expect(try Column(.currency, values: []).arrowFormat == "d:19,4")
        #expect(try Column(.guid, values: []).arrowFormat == "w:16")
        #expect(try Column(.bytes, values: []).arrowFormat == "z")
    }

    // MARK: - Dates, times and decimals

    @Test func timestampsAreMicrosecondsAndDatesAreDays() throws {
        let moment = Date(timeIntervalSince1970: 86_400 * 3 + 1.5)
        #expect(try Column(.dbTimestamp, values: [.date(moment)]).withValues(as: Int64.self) { $0[0] } == 259_201_500_000)
        #expect(try Column(.dbDate, values: [.date(moment)]).withValues(as: Int32.self) { $0[0] } == 3)
        #expect(try Column(.dbDate, values: [.date(Date(timeIntervalSince1970: -1))]).withValues(as: Int32.self) { $0[0] } == -1)
        // A time is microseconds since midnight, read back on 1899-12-30.
        let time = try Column(.dbTime, values: [.date(moment)])
        #expect(time.withValues(as: Int64.self) { $0[0] } == 1_500_000)
        #expect(time.value(at: 0) == .date(Date(timeIntervalSince1970: -2_209_161_600 + 1.5)))
    }

    @Test func decimalsAreScaledDecimal128() throws {
        let c = try Column(.numeric, values: [.decimal(Decimal(string: "12.5")!), .decimal(Decimal(string: "-12.505")!)], decimalScale: 2)
        let raw = UnsafeRawPointer(c.valueBuffer.bytes)
        #expect(raw.load(as: UInt64.self) == 1250 && raw.load(fromByteOffset: 8, as: Int64.self) == 0)
        // -12.505 rounds half away from zero to -12.51: two's complement across 128 bits.
        #expect(raw.load(fromByteOffset: 16, as: UInt64.self) == UInt64(bitPattern: -1251))
        #expect(raw.load(fromByteOffset: 24, as: Int64.self) == -1)
        #expect(c.allValues == [.decimal(Decimal(string: "12.5")!), .decimal(Decimal(string: "-12.51")!)])
        #expect(throws: SluiceError.self) { try Column(.numeric, values: [.decimal(Decimal(string: "1e40")!)]) }
    }

    // MARK: - Values

    @Test func everyColumnTypeRoundTripsValues() throws {
        func real4(_ d: Double) -> Value { .real(Double(Float(d))) }
        let moments = [Date(timeIntervalSince1970: 1_700_000_000.123456), Date(timeIntervalSince1970: -1_000_000_000)]
        let samples: [DataType: [Value]] = [
            .i1: [.int(-128), .int(127), .null, .int(0)],
            .i2: [.int(-32768), .int(32767), .null],
            .i4: [.int(Int64(Int32.min)), .int(Int64(Int32.max)), .null],
            .i8: [.int(.min), .int(.max), .null],
            .ui1: [.uint(0), .uint(255), .null],
            .ui2: [.uint(65535), .null],
            .ui4: [.uint(UInt64(UInt32.max)), .null],
            .ui8: [.uint(.max), .uint(0), .null],
            .r4: [real4(1.5), real4(-3.1e10), .null, real4(0.1)],
            .r8: [.real(.pi), .real(-1e300), .null, .real(.infinity)],
            .bool: [.bool(true), .null, .bool(false)],
            .currency: [.decimal(Decimal(string: "12.3456")!), .decimal(Decimal(string: "-0.0001")!), .null],
            .decimal: [.decimal(Decimal(string: "123.4567890123")!), .null],
            .numeric: [.decimal(Decimal(string: "-98765432109876543210.0123456789")!), .decimal(0), .null],
            .guid: [.guid(UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!), .null],
            .str: [.string("héllo"), .string(""), .null],
            .wstr: [.string("日本"), .null, .string("x")],
            .text: [.string("long text")], .ntext: [.null, .string("n")],
            .bytes: [.bytes([0, 255, 7]), .bytes([]), .null], .image: [.bytes([1])],
            .date: moments.map(Value.date), .dbTimestamp: moments.map(Value.date) + [.null],
            .dbTimestamp2: moments.map(Value.date), .dbTimestampOffset: moments.map(Value.date), .fileTime: moments.map(Value.date),
            .dbDate: [.date(Date(timeIntervalSince1970: 19_000 * 86_400)), .date(Date(timeIntervalSince1970: -86_400)), .null],
            .dbTime: [.date(Date(timeIntervalSince1970: -2_209_161_600 + 36_000.25))],
            .dbTime2: [.date(Date(timeIntervalSince1970: -2_209_161_600 + 86_399))],
        ]
        for type in DataType.allCases where type != .object {
            let values = try #require(samples[type], "no sample for \(type.rawValue)")
            let column = try Column(type, values: values)
            #expect(column.allValues == values, "\(type.rawValue)")
            #expect(column.nullCount == values.filter(\.isNull).count)
        }
    }

    @Test func valuesOfOtherKindsAreConvertedOrRejected() throws {
        #expect(try Column(.i4, values: [.string("42"), .real(3), .uint(7)]).allValues == [.int(42), .int(3), .int(7)])
        #expect(try Column(.ui2, values: [.int(5)]).allValues == [.uint(5)])
        #expect(try Column(.wstr, values: [.int(5)]).allValues == [.string("5")])
        #expect(throws: SluiceError.self) { try Column(.i1, values: [.int(300)]) }
        #expect(throws: SluiceError.self) { try Column(.ui4, values: [.int(-1)]) }
        #expect(throws: SluiceError.self) { try Column(.guid, values: [.int(1)]) }
    }

    @Test func typedAccessWritesWhatValuesRead() {
        let c = Column(.r8, length: 3, nullable: true)
        #expect(c.nullCount == 0 && c.allValues == [.real(0), .real(0), .real(0)])
        c.mutableValues(as: Double.self)[1] = 2.5
        c.setValid(false, at: 2)
        #expect(c.allValues == [.real(0), .real(2.5), .null])
        #expect(c.nullCount == 1)
        let flags = Column(.bool, length: 70)
        flags.setBool(true, at: 69)
        #expect(flags.bool(at: 69) && !flags.bool(at: 68))
        #expect(flags.valueBuffer.bytes.load(fromByteOffset: 8, as: UInt8.self) == 0b10_0000)
    }

    @Test func builderAppendsRowsOneAtATime() throws {
        var b = ColumnBuilder(.wstr)
        try b.append(.string("a"))
        b.appendNull()
        try b.append(.string("bc"))
        let c = b.finish()
        #expect(b.count == 3)
        #expect(Array(c.offsets) == [0, 1, 1, 3])
        #expect(c.allValues == [.string("a"), .null, .string("bc")])
    }

    // MARK: - Batches

    @Test func batchNamesColumnsOfEqualLength() throws {
        let batch = try ColumnBatch([("x", Column([1, 2] as [Int32?])), ("y", Column(["a", "b"] as [String?]))])
        #expect(batch.length == 2)
        #expect(batch.names == ["x", "y"])
        #expect(batch["y"]?.dataType == .wstr)
        #expect(batch["z"] == nil)
        #expect(batch.position(of: "y") == 1)
        #expect(throws: SluiceError.self) { try ColumnBatch([("x", Column([1] as [Int32?])), ("y", Column([1, 2] as [Int32?]))]) }
        #expect(throws: SluiceError.self) { try ColumnBatch([("x", Column([1] as [Int32?])), ("x", Column([1] as [Int32?]))]) }
        #expect(try ColumnBatch([]).length == 0)
    }
}
