import Foundation

/// Which executable raised an event: the same four facts in every output (the console, the
/// log providers, `--events-json`, server workers), so no reader has to guess whether `source`
/// is a name or a path.
public struct EventSource: Sendable, Hashable {
    public var name: String
    public var id: UUID
    /// The container path, `\Package\Load\Copy`: unique in a run, unlike the name.
    public var path: String
    public var kind: EventSourceKind
    /// The task's component id (`sluice.setVariable`, `acme.copy`); nil for containers.
    public var component: String?

    public init(name: String, id: UUID, path: String, kind: EventSourceKind, component: String? = nil) {
        self.name = name
        self.id = id
        self.path = path
        self.kind = kind
        self.component = component
    }
}

/// What kind of executable raised an event; the names are the package file's `type` values,
/// plus the package itself and the root of an event handler.
public enum EventSourceKind: String, Sendable, CaseIterable {
    case package
    case task
    case sequence
    case forLoop
    case foreachLoop
    case eventHandler
}
