/// Named columns of equal length: the rows a data flow component works on at once, as the
/// children of an Arrow struct array.
///
/// ```swift
/// let batch = try ColumnBatch([("Price", Column([9.5, 12] as [Double?])), ("Qty", Column([2, 3] as [Int32?]))])
/// batch["Price"]?.dataType    // DT_R8
/// ```
public struct ColumnBatch: Sendable {
    /// The column names, in order.
    public let names: [String]
    /// The columns, in the order of ``names``.
    public let columns: [Column]
    /// The number of rows of every column.
    public let length: Int
    private let index: [String: Int]

    /// - Throws: `SLUICE_E_TYPE_MISMATCH` when the columns differ in length or two share a name.
    public init(_ columns: [(name: String, column: Column)]) throws {
        var index: [String: Int] = [:]
        for (i, c) in columns.enumerated() {
            guard index.updateValue(i, forKey: c.name) == nil else {
                throw SluiceError(.typeMismatch, ["value": "[\(c.name)]", "type": "a column batch", "reason": "two columns share the name"])
            }
            guard c.column.length == columns[0].column.length else {
                throw SluiceError(.typeMismatch, [
                    "value": "[\(c.name)] (\(c.column.length) rows)", "type": "a column batch",
                    "reason": "every column must have \(columns[0].column.length) rows",
                ])
            }
        }
        self.names = columns.map(\.name)
        self.columns = columns.map(\.column)
        self.length = columns.first?.column.length ?? 0
        self.index = index
    }

    /// The column named `name` (names are case-sensitive), or nil.
    public subscript(name: String) -> Column? { index[name].map { columns[$0] } }

    /// The position of the column named `name`, or nil.
    public func position(of name: String) -> Int? { index[name] }
}
