import Logging
import PostgresNIO
import PostgresNIO
import SluiceCore

/// One connection to PostgreSQL, used from one engine worker at a time (the engine serializes a
/// component's calls), every call bounded by ``timeoutSeconds``.
///
/// ```swift
/// let session = try PostgresSession.open(endpoint, component: "Load orders", timeoutSeconds: 60)
/// defer { session.close() }
/// try session.execute("BEGIN", doing: "began a transaction")
/// ```
/// Errors are coded (``PostgresFailure``) and name the component; the password never appears.
public final class PostgresSession: @unchecked Sendable {
    // @unchecked Sendable: `connection` is Sendable; `closed` is touched only by the one worker
    // that owns the component.
    let connection: PostgresConnection
    let logger: Logger
    public let component: String
    public let timeoutSeconds: Double
    private var closed = false
    /// Polled while a call waits (``Blocking``): a run's cancel stops the wait at once. Set by
    /// the one worker that owns the session, before its calls.
    public var cancelCheck: (@Sendable () -> Bool)?

    private init(connection: PostgresConnection, logger: Logger, component: String, timeoutSeconds: Double) {
        self.connection = connection
        self.logger = logger
        self.component = component
        self.timeoutSeconds = timeoutSeconds
    }

    deinit { if !closed { connection.close().whenComplete { _ in } } }

    /// Connects and authenticates.
    /// - Throws: `SLUICE_E_POSTGRES_CONNECT_FAILED` (refused, unknown host, bad credentials, no
    ///   such database) or `SLUICE_E_POSTGRES_TIMED_OUT`.
    public static func open(_ endpoint: PostgresEndpoint, component: String, timeoutSeconds: Double) throws -> PostgresSession {
        var configuration = PostgresConnection.Configuration(
            host: endpoint.host, port: endpoint.port, username: endpoint.user, password: endpoint.password,
            database: endpoint.database, tls: .disable)
        configuration.options.connectTimeout = .milliseconds(Int64(endpoint.connectTimeoutSeconds * 1000))
        let logger = Logger(label: "sluice.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let failure = PostgresFailure(component: component)
        let settings = configuration
        let connection = try Blocking.run(
            seconds: endpoint.connectTimeoutSeconds + 5, timedOut: { failure.timedOut(endpoint.connectTimeoutSeconds + 5, "connected") }
        ) {
            try await PostgresConnection.connect(configuration: settings, id: 1, logger: logger)
        } catchMapped: { failure.connect($0, endpoint) }
        return PostgresSession(connection: connection, logger: logger, component: component, timeoutSeconds: timeoutSeconds)
    }

    /// Runs a statement that returns no rows worth keeping (BEGIN, COMMIT, SET), draining any.
    public func execute(_ sql: String, doing operation: String) throws {
        let connection = connection
        let logger = logger
        try wait(operation) {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            for try await _ in rows {}
        }
    }

    /// Waits at most ``timeoutSeconds`` for `body`, mapping its errors to coded ones.
    func wait<T: Sendable>(_ operation: String, seconds: Double? = nil, _ body: @escaping @Sendable () async throws -> T) throws -> T {
        let failure = PostgresFailure(component: component)
        let limit = seconds ?? timeoutSeconds
        return try Blocking.run(
            seconds: limit, timedOut: { failure.timedOut(limit, operation) }, canceled: cancelCheck, body,
            catchMapped: { failure.map($0, operation) })
    }

    /// Closes the connection (a transaction not committed is rolled back by the server). Waits a
    /// few seconds at most; never throws.
    public func close() {
        guard !closed else { return }
        closed = true
        let connection = connection
        _ = try? Blocking.run(seconds: 5, timedOut: { PostgresFailure(component: component).timedOut(5, "closed the connection") }) {
            try await connection.close()
        }
    }
}

extension Blocking {
    /// ``run(seconds:timedOut:_:)`` with errors other than the timeout passed through `map`.
    static func run<T: Sendable>(
        seconds: Double, timedOut: () -> any Error, canceled: (() -> Bool)? = nil, _ body: @escaping @Sendable () async throws -> T,
        catchMapped map: (any Error) -> any Error
    ) throws -> T {
        var timedOutError: (any Error)?
        do {
            return try run(seconds: seconds, timedOut: {
                let e = timedOut()
                timedOutError = e
                return e
            }, canceled: canceled, body)
        } catch {
            if timedOutError != nil || error is SluiceError || error is Canceled { throw error }
            throw map(error)
        }
    }
}
