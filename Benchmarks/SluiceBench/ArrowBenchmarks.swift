// The Arrow C Data Interface boundary of data flow plugins (issue 8 row 2): what the host pays
// to export a batch to a plugin and import it back without copying a buffer. The import checks
// every column (and walks the offsets of string columns), so its cost grows with string rows only.
import CSluiceABI
import Foundation
import SluiceCore
import SluicePluginHost

/// Rows: microseconds per batch of `rows` rows (int64, double, 2 utf8 columns), export + import.
func arrowBenchmarkRows(quick: Bool = false) -> [(name: String, value: Double, unit: String)] {
    let rows = quick ? 8_192 : 65_536
    let reps = quick ? 20 : 200
    let batch = arrowSampleBatch(rows: rows)
    let origin = ArrowOrigin(component: "bench", place: "batch")
    var schema = ArrowSchema()
    ArrowExport.schema(of: batch, into: &schema)
    defer { schema.release(&schema) }
    var best = Double.infinity
    var checksum = 0
    for _ in 0...reps {
        let start = DispatchTime.now().uptimeNanoseconds
        var array = ArrowArray()
        ArrowExport.array(of: batch, into: &array)
        guard let owner = try? ArrowArrayOwner.take(&array, origin: origin),
            let back = try? ArrowImport.batch(owner, schema: &schema, origin: origin)
        else { abortBench("the sample batch did not import") }
        checksum &+= back.length
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
    }
    guard checksum == rows * (reps + 1) else { abortBench("arrow round trip lost rows") }
    return [
        ("export + import, \(rows.formatted()) rows × 4 columns (best of \(reps))", best, "µs per batch"),
        ("  the same per row", best * 1_000 / Double(rows), "ns per row"),
    ]
}

private func arrowSampleBatch(rows: Int) -> ColumnBatch {
    let ids = (0..<rows).map { Int64($0) as Int64? }
    let prices = (0..<rows).map { Double($0) * 0.25 as Double? }
    let names = (0..<rows).map { $0 % 7 == 0 ? nil : "customer \($0)" as String? }
    let codes = (0..<rows).map { "C\($0 % 1000)" as String? }
    guard let batch = try? ColumnBatch([
        ("id", Column(ids)), ("price", Column(prices)), ("name", Column(names)), ("code", Column(codes)),
    ]) else { abortBench("sample batch") }
    return batch
}
