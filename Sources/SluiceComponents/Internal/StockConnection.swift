import SluiceCore

/// A connection a stock task takes by name in one of its properties, of one stock kind
/// (`sluice.file`, `sluice.sqlite`): a built-in connection manager of that kind, or a plugin's
/// whose `connection_kind` is that kind (its connection strings follow the stock kind's).
///
/// At validation only the kind is checked: nothing is acquired. At execution the connection is
/// acquired first, so a plugin's `acquire` does its work (creates the database, writes the
/// file, resolves a secret) before the task opens what the connection string names.
///
/// ```swift
/// let source = StockConnection(property: "sourceConnection", name: "Inbox", kind: "sluice.file")
/// _ = try source.check(in: context)            // validate
/// let path = try source.acquire(in: context)   // execute
/// ```
struct StockConnection: Sendable {
    /// The task property naming the connection (`connection`, `sourceConnection`).
    let property: String
    /// The connection manager's name: the property's value.
    let name: String
    /// The stock kind the task needs.
    let kind: String

    /// The error a connection manager of another kind gets; `reason` names both kinds.
    private func refusal(_ manager: ConnectionManager, _ executable: String, _ reason: String) -> SluiceError {
        SluiceError(.connectionKindWrong, [
            "executable": executable, "expected": kind, "property": property, "name": manager.name, "actual": reason,
        ])
    }

    /// The connection manager, once its kind is known to fit.
    struct Checked {
        let manager: ConnectionManager
        /// A plugin's: what its string names may exist only once it is acquired.
        let isPlugin: Bool
    }

    /// Checks that the connection manager follows ``kind``; acquires nothing.
    /// - Throws: `SLUICE_E_CONNECTION_NOT_FOUND`; `SLUICE_E_CONNECTION_KIND_WRONG` for another kind.
    func check(in context: any TaskContext) throws -> Checked {
        let manager = try context.connection(named: name)
        if manager.kind == kind { return Checked(manager: manager, isPlugin: false) }
        let component = try context.connectionComponent(named: name)
        if let component, component.kind == .connectionManager, component.connectionKind == kind {
            return Checked(manager: manager, isPlugin: component.library != nil)
        }
        throw refusal(manager, context.executableName, Self.describe(manager, component))
    }

    /// The connection string to use now: the kind checked again (a property expression may
    /// name another connection at run time), then the connection acquired (a plugin's is held
    /// until its last user finishes, see docs/connections.md).
    /// - Throws: as ``check(in:)``; `SLUICE_E_CONNECTION_ACQUIRE_FAILED` with the plugin's message.
    func acquire(in context: any TaskContext) throws -> String {
        _ = try check(in: context)
        // nil: the host's own code, which uses the string and never the plugin's handle.
        return try context.acquireConnection(named: name, for: nil).connectionString
    }

    /// What the connection manager is, for a refusal: its kind and, for a plugin's, the stock
    /// kind it follows.
    static func describe(_ manager: ConnectionManager, _ component: ComponentDescriptor?) -> String {
        let base = "has kind \"\(manager.kind)\""
        guard let component, component.library != nil else { return base }
        let follows = component.connectionKind.map { "follows \($0)" } ?? "follows no stock kind"
        return base + ", a plugin connection manager that " + follows
    }
}
