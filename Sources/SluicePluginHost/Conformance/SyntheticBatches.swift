import Foundation
import SluiceCore

/// The upstream a check gives a transform or destination, which no data flow feeds: one column
/// of each common type on every input, and batches that probe the edges (a few ordinary rows,
/// zero rows, every value NULL, strings of the longest length a check sends).
enum SyntheticBatches {
    /// The columns of every synthetic input: names say the type, so `--property` can name one.
    static let columns: [(name: String, type: DataType, scale: Int)] = [
        ("int32", .i4, 0), ("int64", .i8, 0), ("double", .r8, 0), ("flag", .bool, 0), ("text", .wstr, 0),
        ("day", .dbDate, 0), ("amount", .numeric, 2),
    ]

    /// The longest string a check sends (1 MiB): long enough to cross any small fixed buffer.
    static let longString = 1 << 20

    /// The Arrow formats of ``columns``, for `negotiate`.
    static var schema: [(name: String, format: String)] {
        columns.map { column in
            let format = column.type.decimalPrecisionAndScale.map { "d:\($0.precision),\(column.scale)" } ?? column.type.arrowFormat ?? "u"
            return (column.name, format)
        }
    }

    /// The batches sent to each input, with what each one probes.
    static func batches() throws -> [(label: String, batch: ColumnBatch)] {
        [
            ("3 ordinary rows", try batch(rows: 3) { row in row }),
            ("0 rows", try batch(rows: 0) { row in row }),
            ("4 rows, every value NULL", try batch(rows: 4) { _ in nil }),
            ("2 rows of \(longString)-byte strings", try batch(rows: 2, text: { _ in String(repeating: "x", count: longString) }) { row in row }),
        ]
    }

    /// A batch whose row `r` holds values made from `value(r)` (nil: NULL everywhere).
    private static func batch(rows: Int, text: ((Int) -> String)? = nil, _ value: (Int) -> Int?) throws -> ColumnBatch {
        let values = (0..<rows).map(value)
        let decimals: [Value] = values.map { $0.map { .decimal(Decimal($0 * 125) / 100) } ?? .null }
        return try ColumnBatch([
            ("int32", Column(values.map { $0.map { Int32($0) } })),
            ("int64", Column(values.map { $0.map { Int64($0) * 1_000_000_007 } })),
            ("double", Column(values.map { $0.map { Double($0) + 0.5 } })),
            ("flag", Column(values.map { $0.map { $0 % 2 == 0 } })),
            ("text", Column(values.enumerated().map { row, v in v.map { text?(row) ?? "row \($0) ü" } })),
            ("day", Column(values.map { $0.map { Int32(19_723 + $0) } }, as: .dbDate)),
            ("amount", try Column(.numeric, values: decimals, decimalScale: 2)),
        ])
    }
}
