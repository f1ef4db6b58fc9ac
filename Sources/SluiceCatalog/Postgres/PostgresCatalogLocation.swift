import Foundation
import PostgresNIO
import SluiceCore

/// Where a PostgreSQL catalog lives: a `postgres://user:password@host:port/database` URL
/// (`postgresql://` too) with libpq's `sslmode` and `connect_timeout` parameters, and the
/// schema holding the catalog's tables.
///
/// ```swift
/// let location = try PostgresCatalogLocation(url: "postgres://sluice:secret@db:5432/ops?sslmode=require")
/// location.description   // "postgres://sluice@db:5432/ops?sslmode=require" — never the password
/// ```
public struct PostgresCatalogLocation: Sendable, CustomStringConvertible {
    /// libpq's `sslmode` values this store honours. `require` encrypts without checking the
    /// server's certificate, as libpq's does; `verify-full` checks it and the host name.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    var password: String?
    public var database: String
    public var tlsMode: TLSMode
    /// How long connecting may take (libpq's `connect_timeout`, in seconds; 10 by default).
    public var connectTimeoutSeconds: Int
    /// The schema of the catalog's tables: the only identifier ever written into SQL, so it is
    /// held to `^[a-z_][a-z0-9_]{0,62}$` and quoted.
    public var schema: String

    public static let defaultSchema = "sluice_catalog"

    /// - Throws: `SLUICE_E_CATALOG_OPEN_FAILED` naming the URL without its password.
    public init(url text: String, schema: String = defaultSchema) throws {
        let shown = Self.redacted(text)
        func invalid(_ reason: String) -> SluiceError {
            SluiceError(.catalogOpenFailed, ["store": shown, "reason": reason])
        }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"), let url = URLComponents(string: text),
            let host = url.host, !host.isEmpty
        else {
            throw invalid("a PostgreSQL catalog is named by a postgres://user:password@host:port/database URL")
        }
        let port = url.port ?? 5432
        guard (1...65535).contains(port) else { throw invalid("port \(port) is not between 1 and 65535") }
        guard let user = url.user, !user.isEmpty else { throw invalid("the URL names no user") }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        guard !database.isEmpty, !database.contains("/") else { throw invalid("the URL names no database (…/database)") }
        self.host = host
        self.port = port
        self.user = user
        self.password = url.password
        self.database = database
        self.tlsMode = .prefer
        self.connectTimeoutSeconds = 10
        self.schema = schema
        for item in url.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw invalid("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tlsMode = mode
            case "connect_timeout":
                guard let seconds = item.value.flatMap({ Int($0) }), (1...300).contains(seconds) else {
                    throw invalid("connect_timeout must be a whole number of seconds from 1 to 300")
                }
                connectTimeoutSeconds = seconds
            default:
                throw invalid("the URL parameter \"\(CatalogName.escaped(item.name))\" is not known (known: sslmode, connect_timeout)")
            }
        }
        guard Self.isValidSchema(schema) else {
            throw invalid("the schema name \"\(CatalogName.escaped(schema))\" must match ^[a-z_][a-z0-9_]{0,62}$")
        }
    }

    /// The URL as given but for its password: what messages and logs show.
    public var description: String {
        var text = "postgres://\(user)@\(host):\(port)/\(database)"
        if tlsMode != .prefer { text += "?sslmode=\(tlsMode.rawValue)" }
        // Escaped: a database or user name may hold anything URLComponents lets through.
        return CatalogName.escaped(text) + " (schema \(schema))"
    }

    /// Lower-case letters, digits and `_`, not starting with a digit, at most 63 bytes
    /// (PostgreSQL's NAMEDATALEN): no quoting trick can pass.
    static func isValidSchema(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 63 else { return false }
        func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_") }
        return isLetter(first) && bytes.allSatisfy { isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// `text` with the password of its `user:password@` part replaced by `***`, for messages
    /// about a URL that may not even parse; control characters escaped.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return CatalogName.escaped(text) }
        let rest = text[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return CatalogName.escaped(text)
        }
        return CatalogName.escaped(String(text[..<colon]) + ":***" + String(text[at...]))
    }

    /// What `sslmode` asks of TLS: nil for none.
    var tlsConfiguration: TLSConfiguration? {
        switch tlsMode {
        case .disable:
            return nil
        case .prefer, .require:
            var unchecked = TLSConfiguration.makeClientConfiguration()
            unchecked.certificateVerification = .none
            return unchecked
        case .verifyFull:
            return TLSConfiguration.makeClientConfiguration()
        }
    }

    /// postgres-nio's pool configuration: TLS as `sslmode` asks, the connect timeout.
    func clientConfiguration() -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        if let tlsConfiguration {
            tls = tlsMode == .prefer ? .prefer(tlsConfiguration) : .require(tlsConfiguration)
        } else {
            tls = .disable
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(connectTimeoutSeconds)
        configuration.options.maximumConnections = 10
        return configuration
    }

    /// The same for one connection outside the pool: the probe an open makes first, because
    /// the pool retries a failed connect quietly and a refused login must be told at once.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        if let tlsConfiguration {
            let context = try NIOSSLContext(configuration: tlsConfiguration)
            tls = tlsMode == .prefer ? .prefer(context) : .require(context)
        } else {
            tls = .disable
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(Int64(connectTimeoutSeconds))
        return configuration
    }
}
