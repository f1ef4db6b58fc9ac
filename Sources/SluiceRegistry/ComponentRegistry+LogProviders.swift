import SluiceCore

extension ComponentRegistry {
    /// Registers a log provider kind with a factory that makes one writer per package log
    /// provider and run (the built-in text and JSON-lines providers come through here).
    /// - Throws: `SLUICE_E_COMPONENT_DUPLICATE_ID` when the id is taken.
    public func register(
        _ descriptor: ComponentDescriptor, makeLogWriter: @escaping @Sendable (LogProviderSettings) throws -> any LogWriter
    ) throws {
        try register([ComponentEntry(descriptor: descriptor, factory: .logProvider(makeLogWriter))])
    }

    /// Makes the writer of a package's log provider from the component its `kind` names,
    /// built-in or plugin. Nothing is opened yet.
    ///
    /// A plugin provider receives the package's `path` as its `path` property when it declares
    /// one and the package does not set it.
    /// - Throws: `SLUICE_E_LOG_PROVIDER_UNKNOWN` for a kind that is not a registered log
    ///   provider; property errors; a plugin's failing `create` or `set_property`.
    public func makeLogWriter(for provider: LogProvider) throws -> any LogWriter {
        guard let entry = entry(for: provider.kind) else {
            throw SluiceError(.logProviderUnknown, ["name": provider.name, "reason": "has kind \"\(provider.kind)\", which is not registered"])
        }
        guard entry.descriptor.kind == .logProvider else {
            throw SluiceError(.logProviderUnknown, [
                "name": provider.name, "reason": "has kind \"\(provider.kind)\", which is a \(entry.descriptor.kind.rawValue)",
            ])
        }
        var properties = provider.properties
        // An empty path is no path: a provider that requires one says so.
        if properties["path"] == nil, !provider.path.isEmpty, entry.descriptor.property(named: "path") != nil {
            properties["path"] = .string(provider.path)
        }
        guard case .logProvider(let make) = entry.factory else {
            throw SluiceError(.logProviderUnknown, ["name": provider.name, "reason": "has kind \"\(provider.kind)\", which cannot make a log provider"])
        }
        let resolved = try PropertyResolver.resolve(properties, for: entry.descriptor, owner: provider.name)
        return try make(LogProviderSettings(name: provider.name, path: provider.path, properties: resolved))
    }
}
