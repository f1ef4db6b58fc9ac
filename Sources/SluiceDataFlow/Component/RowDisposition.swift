/// What a component does with a row that fails (a conversion that does not fit, an expression
/// that divides by zero), as SSIS sets it per column.
public enum RowDisposition: String, Sendable, Hashable {
    /// The component fails, and with it the data flow.
    case failComponent
    /// The row leaves on the component's error output, with `ErrorCode` and `ErrorColumn`.
    case redirectRow
    /// The row goes on; the failed value becomes NULL.
    case ignoreFailure
}
