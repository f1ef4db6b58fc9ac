/// A log provider of the package: where log entries go. `kind` is a registered log provider
/// id: `sluice.log.text`, `sluice.log.jsonl`, or a plugin's.
///
/// Which events reach which providers is chosen per container with ``LoggingOptions``.
public struct LogProvider: Sendable, Hashable {
    public var name: String
    public var kind: String
    /// The file the built-in providers append to; plugin providers receive it as `path`.
    public var path: String
    /// Further properties, for plugin providers.
    public var properties: JSONObject

    public init(_ name: String, kind: String, path: String, properties: JSONObject = JSONObject()) {
        self.name = name
        self.kind = kind
        self.path = path
        self.properties = properties
    }
}

/// Logging of one container (SSIS `LoggingMode` with its provider and event selection).
public struct LoggingOptions: Sendable, Hashable {
    public enum Mode: String, Sendable, CaseIterable { case enabled = "Enabled", disabled = "Disabled", useParentSetting = "UseParentSetting" }

    public var mode: Mode
    /// Names of the package's log providers that receive this container's events.
    public var providers: [String]
    /// The events logged; empty means every event.
    public var events: [EventKind]

    public init(_ mode: Mode = .enabled, providers: [String] = [], events: [EventKind] = []) {
        self.mode = mode
        self.providers = providers
        self.events = events
    }
}

/// Restart after failure: where progress is saved and when it is used (SSIS checkpoints).
public struct CheckpointSettings: Sendable, Hashable {
    public enum Usage: String, Sendable, CaseIterable { case never = "Never", ifExists = "IfExists", always = "Always" }

    public var fileName: String
    public var usage: Usage
    /// Whether the run writes the file as executables complete.
    public var save: Bool

    public init(fileName: String, usage: Usage = .ifExists, save: Bool = true) {
        self.fileName = fileName
        self.usage = usage
        self.save = save
    }
}
