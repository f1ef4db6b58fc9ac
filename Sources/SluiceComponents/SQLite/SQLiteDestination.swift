import CSQLite
import SluiceCore
import SluiceDataFlow

/// A SQLite destination: one prepared INSERT, bound row by row from the batch's buffers, inside
/// a transaction begun before the first row (`BEGIN IMMEDIATE`, so a locked database fails at
/// once rather than halfway) and committed when the input ends, or every `batchRows` rows.
/// A failure, or a flow that fails elsewhere, rolls the open transaction back.
final class SQLiteDestination: FlowComponent {
    let inputCount = 1
    let outputs: [OutputDescription] = []

    /// One input column and how it is bound.
    struct Target {
        let name: String
        let type: DataType
        let kind: SQLiteColumnKind
        let scale: Int
    }

    private let database: SQLiteDatabase
    private let table: String
    private let insert: SQLiteStatement
    private let targets: [Target]
    private let batchRows: Int
    private let busyTimeout: Int32
    private var rowsWritten = 0
    private var rowsInTransaction = 0
    private var inTransaction: Bool
    /// Scratch for the text of a decimal, date or timestamp (SQLite copies it when bound).
    private let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)

    /// Takes over a connection on which `BEGIN IMMEDIATE` has succeeded.
    init(database: SQLiteDatabase, table: String, insert: SQLiteStatement, targets: [Target], batchRows: Int, busyTimeout: Int32) {
        self.database = database
        self.table = table
        self.insert = insert
        self.targets = targets
        self.batchRows = batchRows
        self.busyTimeout = busyTimeout
        inTransaction = true
    }

    deinit {
        abandon()
        scratch.deallocate()
    }

    /// Rolls back what is not committed (the flow failed).
    func abandon() {
        guard inTransaction else { return }
        inTransaction = false
        sqlite3_exec(database.connection.handle, "ROLLBACK", nil, nil, nil)
    }

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        var columns: [Column] = []
        columns.reserveCapacity(targets.count)
        for t in targets {
            guard let column = batch[t.name] else {
                throw SluiceError(.dataFlowColumnNotFound, ["component": database.component, "column": t.name])
            }
            columns.append(column)
        }
        try withExtendedLifetime(columns) {
            let sources = zip(targets, columns).map { SourceColumn($0.kind, $1) }
            let handle = insert.handle
            // Text and blobs are bound in place (SQLITE_STATIC): no binding may outlive the batch.
            defer { sqlite3_clear_bindings(handle) }
            for row in 0..<batch.length {
                for (p, source) in sources.enumerated() { try bind(source, row: row, at: Int32(p + 1), handle) }
                let status = sqlite3_step(handle)
                // The message is read before the reset, which may replace it.
                let error = status == SQLITE_DONE ? nil : failure(status, row: rowsWritten + 1)
                sqlite3_reset(handle)
                if let error { throw error }
                rowsWritten += 1
                rowsInTransaction += 1
                if batchRows > 0 && rowsInTransaction >= batchRows { try commit(andBegin: true) }
            }
        }
    }

    func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws {
        try commit(andBegin: false)
    }

    private func commit(andBegin again: Bool) throws {
        try database.execute("COMMIT", busyTimeout: busyTimeout)
        inTransaction = false
        rowsInTransaction = 0
        if again {
            try database.execute("BEGIN IMMEDIATE", busyTimeout: busyTimeout)
            inTransaction = true
        }
    }

    // MARK: Binding

    /// The raw buffers of one input column, taken once per batch.
    private struct SourceColumn {
        let kind: SQLiteColumnKind
        let values: UnsafeRawPointer
        let validity: UnsafeRawPointer?
        let offsets: UnsafePointer<Int32>?
        let scale: Int

        init(_ kind: SQLiteColumnKind, _ column: Column) {
            self.kind = kind
            values = UnsafeRawPointer(column.valueBuffer.bytes)
            validity = column.validityBuffer.map { UnsafeRawPointer($0.bytes) }
            offsets = column.offsetBuffer.map { UnsafePointer($0.bytes.assumingMemoryBound(to: Int32.self)) }
            scale = column.decimalScale
        }

        @inline(__always) func bit(_ base: UnsafeRawPointer, _ row: Int) -> Bool {
            base.load(fromByteOffset: row >> 3, as: UInt8.self) & (UInt8(1) << UInt8(row & 7)) != 0
        }
    }

    private func bind(_ c: SourceColumn, row: Int, at p: Int32, _ h: OpaquePointer) throws {
        if let validity = c.validity, !c.bit(validity, row) {
            sqlite3_bind_null(h, p)
            return
        }
        let v = c.values
        switch c.kind {
        case .int8: sqlite3_bind_int64(h, p, Int64(v.load(fromByteOffset: row, as: Int8.self)))
        case .uint8: sqlite3_bind_int64(h, p, Int64(v.load(fromByteOffset: row, as: UInt8.self)))
        case .int16: sqlite3_bind_int64(h, p, Int64(v.load(fromByteOffset: 2 * row, as: Int16.self)))
        case .uint16: sqlite3_bind_int64(h, p, Int64(v.load(fromByteOffset: 2 * row, as: UInt16.self)))
        case .int32: sqlite3_bind_int64(h, p, Int64(v.load(fromByteOffset: 4 * row, as: Int32.self)))
        case .uint32: sqlite3_bind_int64(h, p, Int64(v.load(fromByteOffset: 4 * row, as: UInt32.self)))
        case .int64: sqlite3_bind_int64(h, p, v.load(fromByteOffset: 8 * row, as: Int64.self))
        case .uint64:
            let u = v.load(fromByteOffset: 8 * row, as: UInt64.self)
            guard let i = Int64(exactly: u) else { throw unfit(row, p, "\(u) is beyond SQLite's signed 64-bit integers") }
            sqlite3_bind_int64(h, p, i)
        case .bool: sqlite3_bind_int64(h, p, c.bit(v, row) ? 1 : 0)
        case .float: sqlite3_bind_double(h, p, Double(v.load(fromByteOffset: 4 * row, as: Float.self)))
        case .double: sqlite3_bind_double(h, p, v.load(fromByteOffset: 8 * row, as: Double.self))
        case .decimal:
            let n = SQLiteText.writeDecimal(v.loadUnaligned(fromByteOffset: 16 * row, as: Int128.self), scale: c.scale, into: scratch)
            bindScratch(h, p, n)
        case .date: bindScratch(h, p, SQLiteText.writeDate(Int64(v.load(fromByteOffset: 4 * row, as: Int32.self)), into: scratch))
        case .timestamp: bindScratch(h, p, SQLiteText.writeTimestamp(v.load(fromByteOffset: 8 * row, as: Int64.self), into: scratch))
        case .text, .blob:
            guard let offsets = c.offsets else { return }
            let start = Int(offsets[row])
            let count = offsets[row + 1] &- offsets[row]
            // The batch outlives the step: SQLite may use the bytes in place (a nil destructor is SQLITE_STATIC).
            if c.kind == .text {
                sqlite3_bind_text(h, p, (v + start).assumingMemoryBound(to: CChar.self), count, nil)
            } else {
                sqlite3_bind_blob(h, p, v + start, count, nil)
            }
        }
    }

    private func bindScratch(_ h: OpaquePointer, _ p: Int32, _ count: Int) {
        _ = scratch.withMemoryRebound(to: CChar.self, capacity: count) { sqlite3_bind_text(h, p, $0, Int32(count), csqlite_transient()) }
    }

    private func unfit(_ row: Int, _ p: Int32, _ reason: String) -> SluiceError {
        let t = targets[Int(p) - 1]
        return SluiceError(.sqliteValueUnfit, [
            "component": database.component, "row": String(rowsWritten + 1), "column": t.name, "type": t.type.rawValue, "reason": reason,
        ])
    }

    private func failure(_ status: Int32, row: Int) -> SluiceError {
        switch status & 0xFF {
        case SQLITE_CONSTRAINT:
            return SluiceError(.sqliteConstraintViolated, [
                "component": database.component, "row": String(row), "table": table, "reason": database.connection.errorMessage,
            ])
        case SQLITE_BUSY: return database.busy(busyTimeout)
        default: return database.failed("inserting row \(row) into \"\(table)\": \(database.connection.errorMessage)")
        }
    }
}
