import SluiceCore

extension SluiceError {
    /// The row (counted from 0 in the batch) where batch evaluation failed, from the `row`
    /// insert ``BatchExpression/evaluate(_:)`` adds; nil for other errors.
    public var row: Int? { inserts["row"].flatMap { Int($0) } }

    /// The same error with the failing row added to its inserts.
    func at(row: Int) -> SluiceError {
        SluiceError(message, inserts.merging(["row": String(row)]) { $1 }, cause: cause)
    }
}

/// Adds the row to an error from evaluating one row (other error types pass unchanged).
func rowError(_ error: any Error, row: Int) -> any Error {
    (error as? SluiceError)?.at(row: row) ?? error
}
