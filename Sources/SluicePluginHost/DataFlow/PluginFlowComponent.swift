import CSluiceABI
import SluiceCore
import SluiceDataFlow
import SluiceRegistry

/// A data flow plugin component (a C `sluice_dataflow_vtable`) as the engine drives it: one
/// plugin call per batch, never per row, and batches crossing the boundary without a copy.
///
/// ```swift
/// let upper = try PluginFlowComponent.make(
///     registry: registry, componentID: "fixtures.dataflow.upper", name: "Upper",
///     properties: ["column": "name"], inputSchemas: [[PluginFlowColumn("id", .i8), PluginFlowColumn("name", .wstr)]],
///     context: taskContext)
/// flow.connect(source, to: flow.add("Upper", upper))
/// ```
///
/// The calls: create and set_property, validate, ports and negotiate (in ``make``); then
/// pre_execute before the first batch; produce (or the Arrow stream) for a source, process and
/// end_of_input for the others; post_execute once the data ends, or when the component goes
/// after a failure or cancel; destroy last. Engine batches are exported with ``ArrowExport``;
/// what the plugin emits is imported with ``ArrowImport`` against the negotiated schema of its
/// output, so a malformed batch fails the flow with its own code.
public final class PluginFlowComponent: FlowComponent {
    public let inputCount: Int
    public let outputs: [OutputDescription]

    let name: String
    private let instance: PluginInstance
    private let vtable: sluice_dataflow_vtable
    private let context: any TaskContext
    package let ports: DataFlowPorts
    /// Each input's columns as negotiated (name and Arrow format): every batch must match.
    let inputColumns: [[(name: String, format: String)]]
    /// Each output's negotiated schema: emitted batches are imported against it.
    private let outputSchemas: [DataFlowNegotiation.Output]
    /// Each output's negotiated columns with their Sluice types (strings as DT_WSTR, the widest).
    package var outputColumns: [[(name: String, type: ArrowFormat.ColumnType)]] { outputSchemas.map(\.columns) }
    private var started = false
    private var finished = false
    private var endedInputs = 0
    private var stream: PluginArrowStream?

    /// Creates the plugin component `componentID` from `registry` for the flow, configured and
    /// negotiated: ready to run.
    /// - Parameters:
    ///   - name: the component's name in the flow, used in every message.
    ///   - properties: the package's values, checked against the declarations (defaults filled).
    ///   - inputSchemas: the columns of each input, in input order (empty for a source).
    ///   - context: what the plugin's calls reach through `sluice_context` (variables, events, cancel).
    /// - Throws: `SLUICE_E_COMPONENT_UNKNOWN`, `SLUICE_E_DATAFLOW_PLUGIN_NOT_DATAFLOW`, property
    ///   errors, `SLUICE_E_PLUGIN_CALL_FAILED` (create, set_property, validate, negotiate),
    ///   `SLUICE_E_DATAFLOW_PORTS_INVALID`, `SLUICE_E_DATAFLOW_PLUGIN_INPUT_SCHEMAS`, Arrow schema errors.
    public static func make(
        registry: ComponentRegistry, componentID: String, name: String, properties: JSONObject = JSONObject(),
        inputSchemas: [[PluginFlowColumn]] = [], context: any TaskContext
    ) throws -> PluginFlowComponent {
        guard let descriptor = registry.entry(for: componentID)?.descriptor else {
            throw SluiceError(.componentUnknown, ["id": componentID])
        }
        guard [.source, .transform, .destination].contains(descriptor.kind), let component = registry.pluginComponent(componentID) else {
            throw SluiceError(.dataFlowPluginNotDataFlow, ["component": name, "id": componentID, "reason": "a \(descriptor.kind.rawValue) from \(descriptor.library ?? "the built-in components")"])
        }
        let resolved = try PropertyResolver.resolve(properties, for: descriptor, owner: name)
        let instance = try PluginInstance(component: component, descriptor: descriptor, properties: resolved)
        return try PluginFlowComponent(name: name, instance: instance, inputSchemas: inputSchemas, context: context)
    }

    private init(name: String, instance: PluginInstance, inputSchemas: [[PluginFlowColumn]], context: any TaskContext) throws {
        self.name = name
        self.instance = instance
        self.context = context
        vtable = instance.vtable(as: sluice_dataflow_vtable.self).pointee
        try instance.validate(in: context, failure: .pluginCallFailed, details: ["component": name, "function": "validate"])
        ports = try DataFlowPorts.query(vtable, instance: instance.raw, kind: instance.descriptor.kind, component: name)
        inputColumns = try Self.checkedInputColumns(inputSchemas, ports: ports, component: name)
        outputSchemas = try Self.negotiate(vtable, instance, ports, inputColumns, component: name)
        inputCount = ports.inputs.count
        outputs = ports.outputs.map { port in
            OutputDescription(
                port.name, kind: port.synchronousInput.map { .synchronous(input: $0) } ?? .asynchronous,
                isError: port.isErrorOutput, exclusionGroup: port.exclusionGroup == 0 ? nil : port.exclusionGroup)
        }
    }

    deinit {
        // post_execute runs whenever pre_execute succeeded: here when the flow failed or was canceled.
        if started && !finished { try? postExecute() }
    }

    // MARK: - FlowComponent

    public func produce(_ emitter: BatchEmitter) throws -> Bool {
        try start()
        if vtable.open_stream != nil && outputs.count == 1 { return try produceFromStream(emitter) }
        guard let produce = vtable.produce else { return try finish() }
        var done: Int32 = 0
        let raw = instance.raw
        try call("produce", emitter) { produce(raw, $0, &done, $1) }
        return done == 0 ? true : try finish()
    }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        try start()
        try checkColumns(of: batch, input: input)
        guard let process = vtable.process else { return }
        var array = ArrowArray()
        ArrowExport.array(of: batch, into: &array)
        // The plugin may move the batch (release NULL); otherwise the host releases it.
        defer { if let release = array.release { release(&array) } }
        let raw = instance.raw
        try call("process", emitter) { process(raw, $0, Int32(input), &array, $1) }
    }

    public func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws {
        try start()
        if let endOfInput = vtable.end_of_input {
            let raw = instance.raw
            try call("end_of_input", emitter) { endOfInput(raw, $0, Int32(input), $1) }
        }
        endedInputs += 1
        if endedInputs == inputCount { _ = try finish() }
    }

    // MARK: - Calls

    private func start() throws {
        guard !started else { return }
        if let preExecute = vtable.pre_execute {
            let raw = instance.raw
            try call("pre_execute", nil) { preExecute(raw, $0, $1) }
        }
        started = true
    }

    /// Ends the run of the component: post_execute once. Returns false (a source's "no more").
    private func finish() throws -> Bool {
        guard started, !finished else { return false }
        finished = true
        stream = nil
        try postExecute()
        return false
    }

    private func postExecute() throws {
        guard let postExecute = vtable.post_execute else { return }
        let raw = instance.raw
        try call("post_execute", nil) { postExecute(raw, $0, $1) }
    }

    private func produceFromStream(_ emitter: BatchEmitter) throws -> Bool {
        if stream == nil {
            guard let openStream = vtable.open_stream else { return try finish() }
            var opened = ArrowArrayStream()
            let raw = instance.raw
            // Taken whatever the status, so a stream filled before a failure is still released.
            defer { if let release = opened.release { release(&opened) } }
            try call("open_stream", nil) { openStream(raw, $0, &opened, $1) }
            stream = try PluginArrowStream(moving: &opened, origin: origin(output: 0))
        }
        guard let owner = try stream?.next() else { return try finish() }
        try emitter.emit(try ArrowImport.batch(owner, schema: outputSchemas[0].schema.schema, origin: origin(output: 0)), to: 0)
        return true
    }

    /// One plugin call with `emit` routed to `emitter`. The first error met while importing an
    /// emitted batch is the call's failure (a malformed batch fails with its own code, whatever
    /// status the plugin returned after it).
    private func call(
        _ function: String, _ emitter: BatchEmitter?,
        _ body: (OpaquePointer, UnsafeMutablePointer<sluice_error>) -> sluice_status
    ) throws {
        var emitFailure: (any Error)?
        let sink: ((Int32, ArrowArrayOwner) throws -> Void)? = emitter.map { emitter in
            { [self] output, owner in
                do {
                    try route(owner, to: Int(output), emitter)
                } catch {
                    if emitFailure == nil { emitFailure = error }
                    throw error
                }
            }
        }
        do {
            try instance.call(context, function, failure: .pluginCallFailed, details: ["component": name], emitSink: sink, body)
        } catch is CancellationError {
            throw SluiceError(.dataFlowCanceled)
        } catch {
            throw emitFailure ?? error
        }
        if let emitFailure { throw emitFailure }  // the plugin ignored a refused emit
    }

    private func route(_ owner: ArrowArrayOwner, to output: Int, _ emitter: BatchEmitter) throws {
        if context.isCanceled { throw SluiceError(.runCanceled) }
        guard outputSchemas.indices.contains(output) else {
            throw SluiceError(.dataFlowPluginOutputInvalid, ["component": name, "output": String(output), "count": String(outputSchemas.count)])
        }
        let batch = try ArrowImport.batch(owner, schema: outputSchemas[output].schema.schema, origin: origin(output: output))
        try emitter.emit(batch, to: output)
    }

    private func origin(output: Int) -> ArrowOrigin {
        ArrowOrigin(component: name, place: "output \"\(ports.outputs[output].name)\"")
    }
}
