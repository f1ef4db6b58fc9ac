import SluiceCatalogClient
import SluiceCommandLine
import SluiceCore

/// Runs one catalog command: builds the client, runs the async work, closes the client, and
/// turns a ``CatalogClientError`` into the printed coded error and the exit status.
enum CatalogRunner {
    static func withClient<T: Sendable>(
        _ configuration: CatalogClientConfiguration, _ work: @escaping @Sendable (CatalogClient) async throws -> T
    ) throws -> T {
        do {
            return try AsyncBridge.run {
                let client = try CatalogClient(configuration)
                do {
                    let value = try await work(client)
                    await client.close()
                    return value
                } catch {
                    await client.close()
                    throw error
                }
            }
        } catch let error as CatalogClientError {
            Console.emit("\(CatalogErrors.sluiceError(error))\n")
            for item in error.items.prefix(50) {
                Console.emit("  \(Printable.escaped(item.name)) (\(item.code)): \(Printable.escaped(item.message))\n")
            }
            if !error.missingComponents.isEmpty {
                Console.emit("  missing components: \(Printable.escaped(error.missingComponents.prefix(50).joined(separator: ", ")))\n")
            }
            throw CatalogErrors.exitStatus(error)
        }
    }

    /// The same, with the connection taken from `parsed` (flags, environment, stored credentials).
    static func run<T: Sendable>(_ parsed: ParsedCommand, _ work: @escaping @Sendable (CatalogClient) async throws -> T) throws -> T {
        try withClient(try CatalogConnection.configuration(parsed), work)
    }
}
