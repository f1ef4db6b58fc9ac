import SluiceDataFlow

/// A destination whose output only becomes real when the flow succeeds (a file renamed into
/// place, a transaction committed). When the flow fails, the Data Flow task abandons every one
/// of them, so a failed run leaves the old file or table as it was.
protocol AbandonableDestination: FlowComponent {
    func abandon()
}

extension FlatFileDestination: AbandonableDestination {
    func abandon() { writer.abandon() }
}

extension SQLiteDestination: AbandonableDestination {}
extension PostgresDestination: AbandonableDestination {}
