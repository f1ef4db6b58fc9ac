/// One output column of an ``Aggregate``: a group-by key or an aggregation of an input column.
///
/// ```swift
/// AggregateColumn("l_returnflag", .groupBy)                        // output named as the input
/// AggregateColumn("sum_qty", .sum, of: "l_quantity")
/// AggregateColumn("count_order", .countAll)
/// ```
public struct AggregateColumn: Sendable, Hashable {
    public enum Operation: String, Sendable, Hashable {
        case groupBy = "Group by", count = "Count", countAll = "Count all", countDistinct = "Count distinct"
        case sum = "Sum", average = "Average", minimum = "Minimum", maximum = "Maximum"
    }

    /// The output column's name.
    public let output: String
    public let operation: Operation
    /// The input column; nil only for ``Operation/countAll``.
    public let input: String?

    /// - Parameter input: the input column (default: `output`, except for count all).
    public init(_ output: String, _ operation: Operation, of input: String? = nil) {
        self.output = output
        self.operation = operation
        self.input = operation == .countAll ? nil : (input ?? output)
    }
}
