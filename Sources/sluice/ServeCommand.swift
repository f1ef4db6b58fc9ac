import Dispatch
import Foundation
import SluiceCatalog
import SluiceCatalogServer
import SluiceCommandLine
import SluiceCore

/// `sluice serve`: the catalog server (docs/catalog-api.md).
enum ServeCommand {
    static let spec = CommandSpec(
        "serve", abstract: "Serve a catalog over HTTPS: folders, projects, packages, users and permissions.",
        discussion: """
            The catalog defaults to ./sluice-catalog.db (SQLite, created if absent); a postgres:// URL
            serves a PostgreSQL catalog (its tables in the schema sluice_catalog). Sensitive values are
            sealed with the key in --key-file: by default PATH.key beside a SQLite file, and
            ./sluice-catalog.key in the working directory for PostgreSQL (made on first start, mode
            0600; every server sharing a PostgreSQL catalog needs the same key). On first start the
            server creates the administrator "admin" with the token in SLUICE_ADMIN_TOKEN, or a new token
            printed once. Plain HTTP is refused on an address that is not loopback unless --insecure-http
            is given. SIGTERM or SIGINT stop it after the requests in flight finish.
            """,
        options: [
            .value("catalog", valueName: "PATH", help: "The catalog: a SQLite file (default ./sluice-catalog.db), or postgres://…"),
            .value("key-file", valueName: "FILE", help: "The key sealing sensitive values (default PATH.key, or ./sluice-catalog.key for postgres://)."),
            .value("host", valueName: "HOST", help: "The address to listen on (default 127.0.0.1)."),
            .integer("port", valueName: "N", help: "The port (default 8443; 0 picks a free one)."),
            .value("tls-cert", valueName: "FILE", help: "The PEM certificate (chain) for TLS."),
            .value("tls-key", valueName: "FILE", help: "The PEM private key for TLS."),
            .flag("insecure-http", help: "Allow plain HTTP on an address that is not loopback (TLS done by a proxy)."),
        ] + HostOptions.options)

    static func run(_ parsed: ParsedCommand) throws {
        var configuration = CatalogServerConfiguration()
        if let host = parsed.value("host") { configuration.host = host }
        if let port = parsed.integer("port") { configuration.port = port }
        configuration.tlsCertificatePath = parsed.value("tls-cert")
        configuration.tlsKeyPath = parsed.value("tls-key")
        configuration.allowInsecureHTTP = parsed.flag("insecure-http")
        try configuration.validate()
        let catalog = parsed.value("catalog") ?? "./sluice-catalog.db"
        // A deploy is checked against this server's registry: built-in components and the
        // plugins on its search path (--plugin-dir, SLUICE_PLUGIN_PATH, plugins/ beside the binary).
        let (registry, _) = try HostOptions(parsed).makeRegistry()
        let deployCheck = RegistryDeployCheck(registry: registry)
        let keyFile = parsed.value("key-file")
        let outcome = BlockingResult()
        let token = ProcessInfo.processInfo.environment["SLUICE_ADMIN_TOKEN"]
        Task {
            do {
                let store = try await openStore(catalog, keyFile: keyFile)
                if let secret = try await store.bootstrapAdministrator(name: "admin", token: token), token == nil {
                    print("Administrator \"admin\" created; its token, shown only this once: \(secret)")
                }
                let server = try CatalogServer(store: store, configuration: configuration, deployCheck: deployCheck)
                try await server.runUntilSignalled()
                // Requests in flight have finished: the store closes before the process exits.
                try (store as? SQLiteCatalogStore)?.close()
                await (store as? PostgresCatalogStore)?.close()
                outcome.finish(nil)
            } catch {
                outcome.finish(error)
            }
        }
        if let error = outcome.wait() { throw error }
    }

    /// The key file of a PostgreSQL catalog when none is given: in the working directory (the
    /// database is on another machine; nothing is "beside" it here).
    static let defaultPostgresKeyFile = "./sluice-catalog.key"

    /// A SQLite file, or a PostgreSQL catalog named by its postgres:// URL.
    static func openStore(_ catalog: String, keyFile: String?) async throws -> any CatalogServerStore {
        if catalog.hasPrefix("postgres://") || catalog.hasPrefix("postgresql://") {
            return try await PostgresCatalogStore(url: catalog, keyFile: keyFile ?? defaultPostgresKeyFile)
        }
        if let keyFile { return try SQLiteCatalogStore(path: catalog, keyFile: keyFile) }
        return try SQLiteCatalogStore(path: catalog)
    }
}

/// The outcome of the server's task, waited for by the synchronous command.
private final class BlockingResult: @unchecked Sendable {
    // Guarded by `done`: written once before the signal, read after the wait.
    private var error: (any Error)?
    private let done = DispatchSemaphore(value: 0)

    func finish(_ error: (any Error)?) {
        self.error = error
        done.signal()
    }

    func wait() -> (any Error)? {
        done.wait()
        return error
    }
}
