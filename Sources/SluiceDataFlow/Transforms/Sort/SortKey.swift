/// One sort key of a ``Sort``: a column and its direction. Keys compare in the order given
/// (SSIS's sort key positions 1, 2, …).
public struct SortKey: Sendable, Hashable {
    public let column: String
    public let ascending: Bool

    public init(_ column: String, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }
}
