import SluiceCore
import SluicePluginHost
import SluiceRegistry

/// The components every Sluice host has: the stock tasks, the built-in connection kinds and
/// the built-in log providers.
/// They register through the same registry door as plugins.
public enum BuiltInComponents {
    /// Connection manager kinds whose connections the stock tasks open themselves.
    public static let connectionKinds: [ComponentDescriptor] = [
        ComponentDescriptor(
            id: "sluice.file", kind: .connectionManager, displayName: "File",
            description: "A file or folder path; the connection string is the path.", version: "1.0.0"),
        ComponentDescriptor(
            id: "sluice.sqlite", kind: .connectionManager, displayName: "SQLite",
            description: "A SQLite database; the connection string is the database file path (or :memory:).",
            version: "1.0.0"),
        ComponentDescriptor(
            id: "sluice.postgres", kind: .connectionManager, displayName: "PostgreSQL",
            description: "A PostgreSQL server; the connection string is a postgres://user:password@host:port/database URL, "
                + "and the properties, when given, win over its parts.",
            version: "1.0.0",
            properties: [
                PropertySpec("host", .string, "Host name or address (default 127.0.0.1)."),
                PropertySpec("port", .integer, "TCP port (default 5432)."),
                PropertySpec("database", .string, "Database name (default: the user name)."),
                PropertySpec("user", .string, "User name (default postgres)."),
                PropertySpec("password", .string, "Password; prefer a ConnectionString expression over a sensitive parameter."),
                PropertySpec("connectTimeoutSeconds", .integer, "How long connecting may take (default 10)."),
            ]),
    ]

    public static func register(into registry: ComponentRegistry) throws {
        for task in StockTasks.all {
            try registry.register(task.descriptor) { properties in try task.init(properties) }
        }
        // Execute Package runs children with the same components as its parent.
        try registry.register(ExecutePackageTask.descriptor) { [unowned registry] properties in
            try ExecutePackageTask(properties, registry: registry)
        }
        // The Data Flow task binds plugin data flow components from the same registry.
        try registry.register(DataFlowTask.descriptor) { [unowned registry] properties in DataFlowTask(properties, registry: registry) }
        for kind in connectionKinds { try registry.registerDeclaration(kind) }
        try registry.register(TextLogWriter.descriptor) { settings in TextLogWriter(settings) }
        try registry.register(JSONLinesLogWriter.descriptor) { settings in JSONLinesLogWriter(settings) }
    }

    /// A registry with the built-in components, then the plugins found in `pluginDirectories`
    /// (scanned by `scanner` unless `cache` knows them; see ``ComponentRegistry/loadPlugins(from:scanner:cache:)``).
    public static func makeRegistry(
        pluginDirectories: [String], scanner: PluginScanner = .inProcess, cache: PluginCache? = nil
    ) -> (ComponentRegistry, ComponentRegistry.LoadReport) {
        let registry = ComponentRegistry()
        // Built-in ids are distinct by construction; a clash is a programming error caught by tests.
        try! register(into: registry)
        let report = registry.loadPlugins(from: pluginDirectories, scanner: scanner, cache: cache)
        return (registry, report)
    }
}
