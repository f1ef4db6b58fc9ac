import SluiceCore
import Testing
@testable import SluiceDataFlow

@Suite("Data Conversion paths")
struct DataConversionPathTests {
    /// Integers and NULLs across every range the targets check.
    private func batch() throws -> ColumnBatch {
        var generator = SystemRandomNumberGenerator()
        let edges: [Int64] = [0, -1, 127, 128, -128, -129, 255, 256, 32_767, 32_768, 65_535, 65_536, 2_147_483_647, 2_147_483_648, -2_147_483_649, .max, .min]
        var wide: [Int64?] = edges.map { $0 }
        for i in 0..<3_000 { wide.append(i % 11 == 0 ? nil : Int64.random(in: -70_000...70_000, using: &generator) << (i % 3 == 0 ? 20 : 0)) }
        let narrow = wide.map { $0.map { Int32(truncatingIfNeeded: $0) } }
        let small = wide.map { $0.map { UInt16(truncatingIfNeeded: $0) } }
        return try ColumnBatch([("Wide", Column(wide)), ("Narrow", Column(narrow)), ("Small", Column(small))])
    }

    @Test(arguments: [RowDisposition.ignoreFailure, .redirectRow])
    func theIntegerFastPathGivesTheValueByValueResults(disposition: RowDisposition) throws {
        let input = try batch()
        let targets: [DataType] = [.i1, .i2, .i4, .i8, .ui1, .ui2, .ui4, .ui8, .r8]
        for source in ["Wide", "Narrow", "Small"] {
            for target in targets {
                var misfits: [Int] = []
                let column = try #require(input[source])
                #expect(DataConversion.convertIntegers(column, to: target, failed: &misfits) != nil, "no fast path for \(source) -> \(target.rawValue)")
                let conversion = [DataConversion.Conversion(source, to: target, as: "Out", onError: disposition)]
                let fast = try DataConversion(name: "C", conversion, integerFastPath: true)
                let slow = try DataConversion(name: "C", conversion, integerFastPath: false)
                let (fastOut, fastErrors) = try outputs(fast, input)
                let (slowOut, slowErrors) = try outputs(slow, input)
                #expect(fastOut?["Out"]?.allValues == slowOut?["Out"]?.allValues, "\(source) -> \(target.rawValue)")
                #expect(fastOut?["Out"]?.dataType == target)
                #expect(fastErrors?["Wide"]?.allValues == slowErrors?["Wide"]?.allValues, "\(source) -> \(target.rawValue)")
            }
        }
    }

    @Test func theFastPathFailsTheComponentOnTheFirstMisfitAsTheSlowPathDoes() throws {
        let input = try batch()
        let conversion = [DataConversion.Conversion("Wide", to: .i1, as: "Out")]
        let fast = try #require(throws: SluiceError.self) { try outputs(try DataConversion(name: "C", conversion), input) }
        let slow = try #require(throws: SluiceError.self) { try outputs(try DataConversion(name: "C", conversion, integerFastPath: false), input) }
        #expect(fast.message == .dataFlowConversionFailed)
        #expect(fast.inserts == slow.inserts)
    }

    /// Calls the component directly with one batch: its main and error output batches.
    private func outputs(_ c: DataConversion, _ input: ColumnBatch) throws -> (ColumnBatch?, ColumnBatch?) {
        let emitter = BatchEmitter(component: "C", outputCount: 2, maxRows: 10_000)
        try c.receive(input, on: 0, emitter)
        return (emitter.emitted.first { $0.output == 0 }?.batch, emitter.emitted.first { $0.output == 1 }?.batch)
    }
}
