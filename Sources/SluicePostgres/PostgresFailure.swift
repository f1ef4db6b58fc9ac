import PostgresNIO
import PostgresNIO
import SluiceCore

/// Maps postgres-nio's errors to Sluice's coded ones, naming the component and what it was doing.
struct PostgresFailure {
    let component: String

    func timedOut(_ seconds: Double, _ operation: String) -> SluiceError {
        SluiceError(.postgresTimedOut, ["component": component, "seconds": "\(Int(seconds))", "operation": operation])
    }

    func connect(_ error: any Error, _ endpoint: PostgresEndpoint) -> SluiceError {
        SluiceError(.postgresConnectFailed, [
            "component": component, "endpoint": endpoint.description, "user": endpoint.user, "reason": Self.reason(error),
        ], cause: error)
    }

    /// A server error (with its SQLSTATE), or a lost connection.
    func map(_ error: any Error, _ operation: String) -> SluiceError {
        if let lost = lost(error, operation) { return lost }
        if let psql = error as? PSQLError, psql.code == .server {
            return SluiceError(.postgresServerError, [
                "component": component, "operation": operation, "sqlState": psql.serverInfo?[.sqlState] ?? "",
                "reason": Self.reason(error),
            ], cause: error)
        }
        return SluiceError(.postgresServerError, [
            "component": component, "operation": operation, "sqlState": "", "reason": Self.reason(error),
        ], cause: error)
    }

    /// `SLUICE_E_POSTGRES_CONNECTION_LOST` when the connection went away (closed, reset, or the
    /// backend terminated: SQLSTATE class 08 and 57P0x); nil otherwise.
    func lost(_ error: any Error, _ operation: String) -> SluiceError? {
        var isLost = error is IOError || error is ChannelError
        if let legacy = error as? PostgresError, case .connectionClosed = legacy { isLost = true }
        if let psql = error as? PSQLError {
            let state = psql.serverInfo?[.sqlState] ?? ""
            let closedCodes: [PSQLError.Code] = [.serverClosedConnection, .uncleanShutdown, .connectionError, .clientClosedConnection]
            isLost = closedCodes.contains(psql.code)
                || state.hasPrefix("08") || state.hasPrefix("57P0")
        }
        guard isLost else { return nil }
        return SluiceError(.postgresConnectionLost, ["component": component, "operation": operation, "reason": Self.reason(error)], cause: error)
    }

    /// The server's message (and detail) when there is one; postgres-nio's description hides it
    /// behind a generic text, so it is read field by field.
    static func reason(_ error: any Error) -> String {
        guard let psql = error as? PSQLError else { return "\(error)" }
        if let info = psql.serverInfo, let message = info[.message] {
            var text = message
            if let detail = info[.detail] { text += " (\(detail))" }
            if let column = info[.columnName] { text += " [column \(column)]" }
            if let where_ = info[.locationContext] { text += " [\(where_)]" }
            return text
        }
        if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
        return "\(psql.code)"
    }
}
