import CSluiceABI

/// What a task sees of the run while it is validated or executed: variables, connections,
/// events, the log and the cancellation flag (SSIS's `IDTSComponentEvents` and `VariableDispenser`).
///
/// A context wraps the host's function table and the `sluice_context` handle of **one call**. It is
/// valid only during the call that received it (`validate`, a task's `execute`, an enumerator's
/// `begin` or `next`, a log provider's `open`, a connection manager's `acquire`), and only on that
/// call's thread: never store it, capture it in a closure that outlives the
/// call, or hand it to another thread. (It is not `Sendable`, so the compiler refuses to send it to
/// another concurrency domain; storing it in a property is only forbidden by this contract.)
///
/// ```swift
/// func execute(_ context: PluginContext) throws -> PluginValue? {
///     let name = try context.variable("User::Name").stringValue ?? "world"
///     context.fireProgress(50, "greeting \(name)")
///     try context.setVariable("User::Greeting", .string("Hello, \(name)!"))
///     return nil
/// }
/// ```
public struct PluginContext {
    /// The host's service table; valid for the life of the process.
    let host: UnsafePointer<sluice_host_api>
    /// The host's handle for this call; valid only during the call.
    let handle: OpaquePointer?

    init(host: UnsafePointer<sluice_host_api>, handle: OpaquePointer?) {
        self.host = host
        self.handle = handle
    }

    // MARK: Events

    /// Raises OnError on the current executable.
    ///
    /// - Parameters:
    ///   - message: What went wrong.
    ///   - code: A Sluice message code, or 0.
    public func fireError(_ message: String, code: Int32 = 0) {
        guard let fire = host.pointee.fire_error else { return }
        message.withCString { fire(handle, code, $0) }
    }

    /// Raises OnWarning on the current executable.
    public func fireWarning(_ message: String, code: Int32 = 0) {
        guard let fire = host.pointee.fire_warning else { return }
        message.withCString { fire(handle, code, $0) }
    }

    /// Raises OnInformation on the current executable.
    public func fireInformation(_ message: String, code: Int32 = 0) {
        guard let fire = host.pointee.fire_information else { return }
        message.withCString { fire(handle, code, $0) }
    }

    /// Raises OnProgress.
    ///
    /// ```swift
    /// context.fireProgress(step * 100 / steps, "step \(step) of \(steps)")
    /// ```
    /// - Parameters:
    ///   - percent: 0 through 100; other values are clamped.
    ///   - message: What is happening.
    public func fireProgress(_ percent: Int, _ message: String) {
        guard let fire = host.pointee.fire_progress else { return }
        let clamped = Int32(min(max(percent, 0), 100))
        message.withCString { fire(handle, clamped, $0) }
    }

    /// Raises a task-defined event named `eventName` with free text.
    public func fireCustom(_ eventName: String, _ text: String) {
        guard let fire = host.pointee.fire_custom else { return }
        eventName.withCString { name in text.withCString { fire(handle, name, $0) } }
    }

    /// Writes a line to the run's log at `level` (every level kept): a `PluginLog` custom log
    /// entry reading `LEVEL: message`; it raises no information, warning or error event and
    /// counts no error.
    public func log(_ message: String, level: PluginLogLevel = .info) {
        guard let write = host.pointee.write_log else { return }
        message.withCString { write(handle, level.cLevel, $0) }
    }

    // MARK: Variables and connections

    /// Reads a variable by qualified (`User::Greeting`) or plain name; the value is copied at once.
    ///
    /// ```swift
    /// let started = try context.variable("System::StartTime")
    /// ```
    /// - Throws: ``PluginError`` with ``PluginError/Status/notFound`` for an unknown variable, or the
    ///   host's status and message for any other failure.
    public func variable(_ name: String) throws -> PluginValue {
        guard let get = host.pointee.variable_get else {
            throw PluginError(.unsupported, "the host does not offer variable_get")
        }
        var value = sluice_value()
        var error = sluice_error()
        let status = name.withCString { get(handle, $0, &value, &error) }
        try HostStatus.check(status, error, "reading variable '\(name)'")
        // The host's string or byte data is borrowed until the next host call: copy it now.
        guard let copied = PluginValue(copying: value) else {
            throw PluginError(.typeMismatch, "variable '\(name)' has value kind \(value.kind), unknown to this SDK")
        }
        return copied
    }

    /// Writes a variable; the host converts the value to the variable's declared type.
    ///
    /// ```swift
    /// try context.setVariable("User::Greeting", .string("Hello, world!"))
    /// ```
    /// - Throws: ``PluginError`` with ``PluginError/Status/notFound``,
    ///   ``PluginError/Status/readOnly`` (all of `System::`) or ``PluginError/Status/typeMismatch``.
    public func setVariable(_ name: String, _ value: PluginValue) throws {
        guard let set = host.pointee.variable_set else {
            throw PluginError(.unsupported, "the host does not offer variable_set")
        }
        var error = sluice_error()
        let status = name.withCString { cName in value.withCValue { set(handle, cName, $0, &error) } }
        try HostStatus.check(status, error, "writing variable '\(name)'")
    }

    /// Gives the connection string of the package's connection manager `name`, copied.
    ///
    /// - Throws: ``PluginError`` with ``PluginError/Status/notFound`` for an unknown connection.
    public func connectionString(_ name: String) throws -> String {
        guard let get = host.pointee.connection_string else {
            throw PluginError(.unsupported, "the host does not offer connection_string")
        }
        var text: UnsafePointer<CChar>?
        var error = sluice_error()
        let status = name.withCString { get(handle, $0, &text, &error) }
        try HostStatus.check(status, error, "reading connection '\(name)'")
        guard let text else { return "" }
        return String(cString: text)
    }

    /// The package's connection `name`, acquired (ABI 1.1 `connection_acquire`): for a
    /// connection manager of this plugin library, the handle its `acquire` returned (read the
    /// Swift object with ``PluginConnection/object(as:)``) and the string it was acquired with;
    /// for a built-in kind, no handle and the current string. A connection the package does not
    /// name in one of the task's connection properties stays acquired until the run ends.
    ///
    /// ```swift
    /// let store = try context.acquireConnection(connection).object(as: MemoryStore.self)
    /// ```
    /// - Throws: ``PluginError`` with ``PluginError/Status/unsupported`` when the host's table
    ///   has no `connection_acquire` (a host of ABI 1.0: use ``connectionString(_:)``),
    ///   ``PluginError/Status/notFound`` for an unknown connection,
    ///   ``PluginError/Status/typeMismatch`` for another plugin library's connection, and the
    ///   host's status and message when the connection manager's `acquire` failed.
    public func acquireConnection(_ name: String) throws -> PluginConnection {
        // The reading rule: a member exists only when the host's table is long enough for it.
        let offset = MemoryLayout<sluice_host_api>.offset(of: \.connection_acquire) ?? Int.max
        let end = offset.addingReportingOverflow(MemoryLayout<UnsafeRawPointer>.size)
        guard !end.overflow, Int(host.pointee.struct_size) >= end.partialValue, let acquire = host.pointee.connection_acquire
        else {
            let version = "\(host.pointee.abi_major).\(host.pointee.abi_minor)"
            throw PluginError(.unsupported, "the host (ABI \(version)) does not offer connection_acquire; read connection '\(name)' with connectionString")
        }
        var handle: UnsafeMutableRawPointer?
        var text: UnsafePointer<CChar>?
        var error = sluice_error()
        let status = name.withCString { acquire(self.handle, $0, &handle, &text, &error) }
        try HostStatus.check(status, error, "acquiring connection '\(name)'")
        // The string is borrowed until the next host call: copy it now.
        return PluginConnection(handle: handle, connectionString: text.map { String(cString: $0) } ?? "")
    }

    // MARK: Cancellation

    /// `true` once the run has been asked to stop (SSIS's QueryCancel). Long work polls it and
    /// throws `PluginError(.canceled, …)` promptly.
    public var isCanceled: Bool {
        guard let query = host.pointee.is_canceled else { return false }
        return query(handle) != 0
    }
}

/// A context belongs to one call on one thread; the compiler must not let it cross threads.
@available(*, unavailable)
extension PluginContext: Sendable {}
