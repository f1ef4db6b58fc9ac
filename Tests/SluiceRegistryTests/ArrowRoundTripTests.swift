import CSluiceABI
import Foundation
import SluiceCore
@testable import SluicePluginHost
import Testing

/// A ColumnBatch exported as Arrow and imported back: every type keeps its values, decimals
/// exactly, no buffer is copied either way, and every release runs exactly once.
@Suite struct ArrowRoundTripTests {
    private let origin = ArrowOrigin(component: "RoundTrip", place: "test")

    private func sample() throws -> ColumnBatch {
        try ColumnBatch([
            ("i1", Column([1, nil, -3] as [Int8?])), ("i2", Column([1, 2, nil] as [Int16?])),
            ("i4", Column([nil, 5, 6] as [Int32?])), ("i8", Column([Int64.min, 0, Int64.max] as [Int64?])),
            ("u1", Column([255, 0, 1] as [UInt8?])), ("u2", Column([1, 2, 3] as [UInt16?])),
            ("u4", Column([1, nil, 3] as [UInt32?])), ("u8", Column([UInt64.max, 0, 7] as [UInt64?])),
            ("r4", Column([1.5, nil, -2] as [Float?])), ("r8", Column([0.1, 2.5, nil] as [Double?])),
            ("b", Column([true, nil, false] as [Bool?])), ("s", Column(["héllo", nil, ""] as [String?])),
            ("bytes", try Column(.bytes, values: [.bytes([0, 1, 2]), .null, .bytes([])])),
            ("cy", try Column(.currency, values: [.decimal(Decimal(string: "12.3456")!), .null, .decimal(-1)])),
            ("num", try Column(.numeric, values: [.decimal(Decimal(string: "123456789012345678.25")!), .decimal(0), .null], decimalScale: 2)),
            ("day", try Column(.dbDate, values: [.date(Date(timeIntervalSince1970: 86_400 * 3)), .null, .date(Date(timeIntervalSince1970: 0))])),
            ("ts", try Column(.dbTimestamp, values: [.date(Date(timeIntervalSince1970: 1_700_000_000.25)), .null, .null])),
        ])
    }

    @Test func everyTypeSurvivesExportAndImportWithoutACopy() throws {
        let batch = try sample()
        var schema = ArrowSchema()
        var array = ArrowArray()
        ArrowExport.schema(of: batch, into: &schema)
        defer { schema.release(&schema) }
        ArrowExport.array(of: batch, into: &array)
        let back = try ArrowImport.batch(try ArrowArrayOwner.take(&array, origin: origin), schema: &schema, origin: origin)
        #expect(array.release == nil)
        #expect(back.names == batch.names)
        for (name, column) in zip(batch.names, batch.columns) {
            let imported = try #require(back[name])
            #expect(imported.valueBuffer.bytes == column.valueBuffer.bytes, "\(name): the same memory, not a copy")
            #expect(imported.arrowFormat == column.arrowFormat, "\(name)")
            for row in 0..<batch.length {
                #expect(imported.value(at: row) == column.value(at: row), "\(name) row \(row)")
            }
        }
    }

    @Test func decimalsTravelAsDecimal128WithTheirScale() throws {
        let batch = try sample()
        var schema = ArrowSchema()
        ArrowExport.schema(of: batch, into: &schema)
        defer { schema.release(&schema) }
        let columns = try ArrowImport.columns(of: &schema, origin: origin)
        let formats = Dictionary(uniqueKeysWithValues: zip(batch.names, batch.columns.map(\.arrowFormat)))
        #expect(formats["cy"] == "d:19,4")
        #expect(formats["num"] == "d:38,2")
        #expect(columns.first { $0.name == "cy" }?.type == .init(dataType: .currency, decimalScale: 4))
        #expect(columns.first { $0.name == "num" }?.type == .init(dataType: .numeric, decimalScale: 2))
    }

    @Test func theExportedArrayKeepsItsColumnsAliveUntilReleasedAndAMovedChildOutlivesItsParent() throws {
        var array = ArrowArray()
        weak var weakColumn: Column?
        do {
            let column = Column([1, 2, 3] as [Int64?])
            weakColumn = column
            ArrowExport.array(of: try ColumnBatch([("x", column)]), into: &array)
        }
        #expect(weakColumn != nil, "the export holds the column")
        // Move the child out (Arrow's rule), release the parent, then the child.
        let childPointer = try #require(array.children?[0])
        var child = childPointer.pointee
        childPointer.pointee.release = nil
        array.release(&array)
        #expect(array.release == nil)
        #expect(weakColumn != nil, "the moved child still holds its column")
        #expect(child.buffers?[1]?.load(as: Int64.self) == 1)
        child.release(&child)
        #expect(child.release == nil)
        #expect(weakColumn == nil, "released exactly once: nothing holds the column any more")
    }

    @Test func formatsWithoutASluiceTypeAndBadDecimalsAreRefused() {
        for format in ["x", "+l", "d:39,2", "d:5,6", "d:10,2,256", "tsn:", "vu"] {
            #expect(ArrowFormat.columnType(format) == nil, "\(format)")
        }
        #expect(ArrowFormat.columnType("d:10,2,128") == .init(dataType: .numeric, decimalScale: 2))
        #expect(ArrowFormat.columnType("d:29,10") == .init(dataType: .decimal, decimalScale: 10))
    }

    @Test func everySluiceColumnTypeHasAFormatThatImportsBackToAColumnOfTheSameLayout() {
        for type in DataType.allCases where type.columnLayout != nil {
            let format = type.arrowFormat ?? ""
            let back = ArrowFormat.columnType(format)
            #expect(back?.dataType.columnLayout == type.columnLayout, "\(type.rawValue) as \(format)")
        }
    }
}
