import CSQLite
import SluiceCore
import SluiceDataFlow

/// A SQLite source: steps its query and fills batches of up to `defaultBufferMaxRows` rows
/// straight from the result columns into the column buffers.
final class SQLiteSource: FlowComponent {
    let inputCount = 0
    let outputs: [OutputDescription]
    private let database: SQLiteDatabase
    private let statement: SQLiteStatement
    private let fills: [SQLiteColumnFill]
    private let busyTimeout: Int32
    /// Rows emitted in earlier batches: error messages count rows from 1 over the whole result.
    private var rowsBefore = 0
    private var done = false

    init(name: String, database: SQLiteDatabase, statement: SQLiteStatement, fills: [SQLiteColumnFill], busyTimeout: Int32) {
        self.database = database
        self.statement = statement
        self.fills = fills
        self.busyTimeout = busyTimeout
        outputs = [OutputDescription("\(name) Output")]
    }

    func produce(_ emitter: BatchEmitter) throws -> Bool {
        guard !done else { return false }
        let handle = statement.handle
        let capacity = min(emitter.maxRows, fills.first?.capacity ?? 0)
        var rows = 0
        while rows < capacity {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE {
                done = true
                break
            }
            guard status == SQLITE_ROW else { throw failure(status) }
            for fill in fills {
                do throws(SQLiteColumnFill.Unfit) { try fill.read(handle, row: rows) } catch {
                    throw SluiceError(.sqliteValueUnfit, [
                        "component": database.component, "row": String(rowsBefore + rows + 1), "column": fill.name,
                        "type": fill.type.rawValue, "reason": error.reason,
                    ])
                }
            }
            rows += 1
        }
        // Reset at the end lets go of the read lock at once, before the flow ends.
        if done { statement.reset() }
        guard rows > 0 else { return false }
        rowsBefore += rows
        try emitter.emit(try ColumnBatch(fills.map { ($0.name, $0.finish(rows: rows)) }), to: 0)
        return true
    }

    private func failure(_ status: Int32) -> SluiceError {
        if status & 0xFF == SQLITE_BUSY { return database.busy(busyTimeout) }
        return database.failed("reading row \(rowsBefore + 1) and on: \(database.connection.errorMessage)")
    }
}
