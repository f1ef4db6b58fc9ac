import Foundation
import SluiceCore

/// Where a `sluice.postgres` connection manager points: host, port, database, user and password,
/// from its connection string (a `postgres://user:password@host:port/database` URL) and its
/// properties (`host`, `port`, `database`, `user`, `password`, `connectTimeoutSeconds`), the
/// properties winning over the URL.
///
/// ```swift
/// let endpoint = try PostgresEndpoint(connection: "Warehouse", connectionString: "postgres://etl@db:5432/dw")
/// endpoint.description   // "db:5432/dw"
/// ```
/// A password never appears in ``description`` or in an error.
public struct PostgresEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var host = "127.0.0.1"
    public var port = 5432
    public var database: String?
    public var user = "postgres"
    public var password: String?
    /// How long connecting may take, in seconds.
    public var connectTimeoutSeconds = 10.0

    /// The property names a `sluice.postgres` connection manager declares.
    public static let propertyNames = ["host", "port", "database", "user", "password", "connectTimeoutSeconds"]

    /// - Throws: `SLUICE_E_POSTGRES_CONNECTION_INVALID` naming the connection and what is wrong.
    public init(connection: String, connectionString: String, properties: JSONObject = JSONObject()) throws {
        func invalid(_ reason: String) -> SluiceError {
            SluiceError(.postgresConnectionInvalid, ["connection": connection, "reason": reason])
        }
        let text = connectionString.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
            guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"), let url = URLComponents(string: text) else {
                throw invalid("the connection string must be a postgres://user:password@host:port/database URL")
            }
            if let h = url.host, !h.isEmpty { host = h }
            if let p = url.port {
                guard (1...65535).contains(p) else { throw invalid("port \(p) is not between 1 and 65535") }
                port = p
            }
            if let u = url.user, !u.isEmpty { user = u }
            password = url.password
            let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
            if !path.isEmpty { database = path }
        }
        for (key, value) in properties.entries {
            switch key {
            case "host":
                guard let s = value.stringValue, !s.isEmpty else { throw invalid("host must be a non-empty string") }
                host = s
            case "port":
                guard let n = value.intValue, (1...65535).contains(n) else { throw invalid("port must be a whole number from 1 to 65535") }
                port = Int(n)
            case "database":
                guard let s = value.stringValue, !s.isEmpty else { throw invalid("database must be a non-empty string") }
                database = s
            case "user":
                guard let s = value.stringValue, !s.isEmpty else { throw invalid("user must be a non-empty string") }
                user = s
            case "password":
                guard let s = value.stringValue else { throw invalid("password must be a string") }
                password = s
            case "connectTimeoutSeconds":
                guard let n = value.intValue, (1...3600).contains(n) else { throw invalid("connectTimeoutSeconds must be a whole number from 1 to 3600") }
                connectTimeoutSeconds = Double(n)
            default:
                throw invalid("unknown property \"\(key)\" (known: \(Self.propertyNames.joined(separator: ", ")))")
            }
        }
    }

    /// `host:port/database`, never the password.
    public var description: String { "\(host):\(port)/\(database ?? user)" }
}
