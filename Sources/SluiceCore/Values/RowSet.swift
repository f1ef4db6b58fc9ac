/// Rows held by a `DT_OBJECT` variable: a full result set from Execute SQL, walked by a
/// Foreach Loop's variable enumerator (SSIS's ADO enumerator).
public struct RowSet: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[Value]]

    public init(columns: [String], rows: [[Value]]) {
        self.columns = columns
        self.rows = rows
    }
}
