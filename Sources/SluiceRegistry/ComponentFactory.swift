import SluiceCore

/// How instances of a component are made: one case per kind, each a closure that returns the
/// kind's Swift protocol. Built-in components and plugin components register the same way (the
/// plugin host's closures wrap the C adapters), so nothing above the registry knows which is
/// which.
public enum ComponentFactory: Sendable {
    /// A task: one instance per executable and run.
    case task(@Sendable (ResolvedProperties) throws -> any TaskComponent)
    /// A Foreach Loop enumerator: one instance per loop execution (and one at validation).
    case enumerator(@Sendable (ResolvedProperties) throws -> any ForeachEnumeratorComponent)
    /// A connection manager with a lifetime in the run: one instance per package connection
    /// manager and run (and a fresh one when its connection string changes during the run).
    case connectionManager(@Sendable (ConnectionManagerSettings) throws -> any ConnectionManagerComponent)
    /// A log provider: one writer per package log provider and run.
    case logProvider(@Sendable (LogProviderSettings) throws -> any LogWriter)
    /// Declared only: nothing to instantiate (built-in connection kinds, whose connections the
    /// stock tasks open themselves; plugin data flow kinds until the data flow exists).
    case declaration
}
