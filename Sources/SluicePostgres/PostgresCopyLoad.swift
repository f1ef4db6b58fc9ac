import PostgresNIO
import PostgresNIO
import SluiceCore

/// Loads batches into a table with `COPY table (columns) FROM STDIN` (text format), inside one
/// transaction: rows reach the table only when ``finish()`` commits; any failure before that
/// (a value the column refuses, a lost connection, ``abandon()``) leaves the table as it was.
///
/// ```swift
/// let load = try PostgresCopyLoad(session, schema: nil, table: "orders", columns: [("id", .i4), ("total", .numeric)])
/// try load.write(batchColumns)     // per batch, in the column order above
/// try load.finish()                // COPY done, COMMIT
/// ```
/// postgres-nio's COPY is a closure that pulls data; the engine pushes batches. The bridge: the
/// closure hands its writer out through `writerReady`, then waits for `dataDone`, which
/// ``finish()`` succeeds and ``abandon()`` fails. Each ``write(_:)`` waits for its bytes to be
/// sent (postgres-nio's back-pressure), so at most one batch of COPY text is in flight.
public final class PostgresCopyLoad: @unchecked Sendable {
    // @unchecked Sendable: the promises are Sendable; `state` is touched only by the owning worker.
    private let session: PostgresSession
    private let table: String
    private let encoder: CopyTextEncoder
    private let writer: PostgresCopyFromWriter
    private let dataDone: EventLoopPromise<Void>
    private let copy: Task<Void, any Error>
    private var state = State.copying
    private var rowsWritten = 0

    private enum State { case copying, finished, abandoned }

    /// Begins the transaction and the COPY.
    /// - Throws: `SLUICE_E_POSTGRES_IDENTIFIER_INVALID`, `…_COLUMN_UNSUPPORTED`-like
    ///   `…_TYPE_UNSUPPORTED` for a column type COPY text cannot carry, `…_COPY_FAILED` (no such
    ///   table or column), `…_TIMED_OUT`, `…_CONNECTION_LOST`.
    public init(_ session: PostgresSession, schema: String?, table: String, columns: [(name: String, type: DataType)]) throws {
        self.session = session
        let component = session.component
        try PostgresIdentifier.check(table, property: "table", component: component)
        if let schema { try PostgresIdentifier.check(schema, property: "schema", component: component) }
        for c in columns { try PostgresIdentifier.check(c.name, property: "column", component: component) }
        do {
            encoder = try CopyTextEncoder(types: columns.map(\.type))
        } catch {
            let name = columns.first { $0.type == error.type }?.name ?? "?"
            throw SluiceError(.postgresTypeUnsupported, [
                "component": component, "column": name, "pgType": "(from \(error.type.rawValue))",
                "supported": "a destination writes integers, reals, booleans, decimals, dates, timestamps, strings and bytes",
            ])
        }
        self.table = schema.map { "\($0).\(table)" } ?? table
        try session.execute("BEGIN", doing: "began a transaction")
        if let schema { try session.execute("SET LOCAL search_path TO \"\(schema)\"", doing: "set the schema") }

        let connection = session.connection
        let logger = session.logger
        let writerReady = connection.eventLoop.makePromise(of: PostgresCopyFromWriter.self)
        let dataDone = connection.eventLoop.makePromise(of: Void.self)
        let names = columns.map(\.name)
        let copyTask = Task.detached {
            var handedOut = false
            do {
                try await connection.copyFrom(table: table, columns: names, format: .text(.init()), logger: logger) { writer in
                    handedOut = true
                    writerReady.succeed(writer)
                    try await dataDone.futureResult.get()
                }
            } catch {
                if !handedOut { writerReady.fail(error) }
                throw error
            }
        }
        self.dataDone = dataDone
        copy = copyTask
        let failure = PostgresFailure(component: component)
        let target = schema.map { "\($0).\(table)" } ?? table
        do {
            writer = try Blocking.run(
                seconds: session.timeoutSeconds, timedOut: { failure.timedOut(session.timeoutSeconds, "started COPY into \(target)") }
            ) { try await writerReady.futureResult.get() } catchMapped: { PostgresCopyLoad.copyFailure($0, failure, target) }
        } catch {
            dataDone.fail(CopyAbandoned())
            copyTask.cancel()
            session.close()
            throw error
        }
    }

    /// Sends one batch's rows (columns in the order given at init).
    public func write(_ columns: [Column]) throws {
        guard state == .copying else { return }
        let bytes = encoder.encode(columns)
        let writer = writer
        let failure = PostgresFailure(component: session.component)
        let target = table
        do {
            try Blocking.run(
                seconds: session.timeoutSeconds, timedOut: { failure.timedOut(session.timeoutSeconds, "sent rows to COPY into \(target)") }
            ) { try await writer.write(ByteBuffer(bytes: bytes)) } catchMapped: { Self.copyFailure($0, failure, target) }
            rowsWritten += columns.first?.length ?? 0
        } catch {
            abandon()
            throw error
        }
    }

    /// Ends the COPY and commits. Returns the rows written.
    @discardableResult
    public func finish() throws -> Int {
        guard state == .copying else { return rowsWritten }
        state = .finished
        dataDone.succeed(())
        let copy = copy
        let failure = PostgresFailure(component: session.component)
        let target = table
        do {
            try Blocking.run(
                seconds: session.timeoutSeconds, timedOut: { failure.timedOut(session.timeoutSeconds, "finished COPY into \(target)") }
            ) { try await copy.value } catchMapped: { Self.copyFailure($0, failure, target) }
            try session.execute("COMMIT", doing: "committed the COPY into \(target)")
        } catch {
            session.close()
            throw error
        }
        session.close()
        return rowsWritten
    }

    /// Gives up: the COPY fails, the transaction is rolled back (closing the connection does it
    /// if nothing else can). Never throws.
    public func abandon() {
        guard state == .copying else { return }
        state = .abandoned
        dataDone.fail(CopyAbandoned())
        let copy = copy
        _ = try? Blocking.run(seconds: 5, timedOut: { CopyAbandoned() }) { _ = try? await copy.value }
        session.close()
    }

    struct CopyAbandoned: Error {}

    /// A server error during COPY is `…_COPY_FAILED` with its message; a lost connection stays
    /// `…_CONNECTION_LOST`.
    private static func copyFailure(_ error: any Error, _ failure: PostgresFailure, _ table: String) -> any Error {
        if let lost = failure.lost(error, "copied rows into \(table)") { return lost }
        let state = (error as? PSQLError)?.serverInfo?[.sqlState] ?? ""
        return SluiceError(.postgresCopyFailed, [
            "component": failure.component, "table": table, "sqlState": state, "reason": PostgresFailure.reason(error),
        ], cause: error)
    }
}

/// Names put in COPY's text: postgres-nio quotes them as given, so a quote or NUL inside
/// must be refused rather than escaped.
enum PostgresIdentifier {
    static func check(_ name: String, property: String, component: String) throws {
        let reason: String? =
            if name.isEmpty { "it is empty" }
            else if name.utf8.count > 63 { "it is longer than 63 bytes" }
            else if name.contains("\"") || name.contains("\0") { "it contains a double quote or NUL" }
            else { nil }
        if let reason {
            throw SluiceError(.postgresIdentifierInvalid, ["component": component, "property": property, "name": name, "reason": reason])
        }
    }
}
