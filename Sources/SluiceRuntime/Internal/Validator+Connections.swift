import SluiceCore
import SluiceRegistry

/// Connection managers at validation: what `sluice validate` and `sluice run` both check, so
/// that validate refuses what run would.
extension Validator {
    /// Checks every connection manager of the package: its kind is a registered connection
    /// manager kind and its properties are ones the kind declares (the checks a task's
    /// properties get); one whose kind makes connection managers (a plugin's) is made through
    /// the registry (create, set_property with the connection string as `ConnectionString`) and
    /// validated by its component. Returns those, which the run acquires and releases, or nil
    /// when there are none.
    func validateConnections(_ fail: (any Error) -> Void) -> RunConnections? {
        let context = ExecutionContext(run: run, node: run.root)
        var lifetimes: [ConnectionLifetime] = []
        for c in run.package.connections {
            guard let entry = run.registry.entry(for: c.kind), entry.descriptor.kind == .connectionManager else {
                fail(SluiceError(.connectionKindUnknown, ["name": c.name, "kind": c.kind]))
                continue
            }
            do {
                guard run.registry.makesConnections(ofKind: c.kind) else {
                    _ = try PropertyResolver.resolve(c.properties, for: entry.descriptor, owner: c.name)
                    continue
                }
                // `--conn` and a ConnectionString expression applied, as the run will see it.
                let manager = try context.connection(named: c.name)
                let connection = try run.registry.makeConnection(for: manager)
                try connection.validate(in: context)
                lifetimes.append(ConnectionLifetime(connection, of: manager, registry: run.registry))
            } catch {
                fail(error)
            }
        }
        return lifetimes.isEmpty ? nil : RunConnections(lifetimes, root: run.root)
    }
}
