/// What every data flow component written in Swift has: its inputs and outputs, schema
/// negotiation, and the optional calls around a run. Conform to one of its kinds instead:
/// ``PluginFlowSource``, ``PluginSynchronousTransform``, ``PluginAsynchronousTransform`` or
/// ``PluginFlowDestination``.
///
/// The host calls, in order: `setProperty` for each value, `validate`, ``inputs`` / ``outputs``
/// (again after any later `setProperty`), ``negotiate(_:)`` (again when an upstream schema
/// changes), then per run ``preExecute(_:)``, the batches, and ``postExecute(_:)``. One instance
/// is called by one thread at a time. Batches cross as Arrow C structs; the SDK moves, checks
/// and releases them by Arrow's rules, so a component sees only ``FlowBatch`` and
/// ``FlowOutputBatch``.
public protocol PluginFlowComponent: PluginComponent {
    /// The inputs, in order. Defaults: none for a source, one named "Input" otherwise.
    var inputs: [FlowInput] { get }
    /// The outputs, in order. Defaults: one asynchronous "Output" for a source and an
    /// asynchronous transform, one "Output" synchronous to input 0 for a synchronous transform,
    /// none for a destination.
    var outputs: [FlowOutput] { get }

    /// Given the schema of every input (one array of fields per input, in order), returns the
    /// schema of every output. A synchronous output lists the input's columns it passes on,
    /// then its own; an error output ends with int32 `ErrorCode` and `ErrorColumn`.
    /// - Throws: ``PluginError`` (say which column and why) when the inputs cannot be handled.
    func negotiate(_ inputs: [[FlowField]]) throws -> [[FlowField]]

    /// Once per run before the first batch (open files, allocate). Defaults to nothing.
    func preExecute(_ context: PluginContext) throws
    /// Once per run after the last batch, whenever ``preExecute(_:)`` succeeded (on failure
    /// and cancel too). Defaults to nothing.
    func postExecute(_ context: PluginContext) throws
}

extension PluginFlowComponent {
    public func preExecute(_ context: PluginContext) throws {}
    public func postExecute(_ context: PluginContext) throws {}
}

/// A source: makes rows. ``produce(_:)`` is called until it returns true; each call emits any
/// number of batches (``PluginContext/emit(_:to:)``) to any output.
///
/// ```swift
/// func produce(_ context: PluginContext) throws -> Bool {
///     let ids = Int64ColumnBuilder()
///     for id in next..<next + 1000 { ids.append(id) }
///     var batch = FlowOutputBatch(rowCount: 1000)
///     batch.add(ids)
///     try context.emit(batch, to: 0)
///     next += 1000
///     return next > last
/// }
/// ```
public protocol PluginFlowSource: PluginFlowComponent {
    /// Emits the next batches; returns true at the end of the data.
    func produce(_ context: PluginContext) throws -> Bool
}

extension PluginFlowSource {
    public var inputs: [FlowInput] { [] }
    public var outputs: [FlowOutput] { [FlowOutput("Output")] }
}

/// A synchronous transform: one batch out per batch in, on the output synchronous to input 0
/// (SSIS's synchronous outputs: Derived Column, Data Conversion). ``transform(_:_:)`` returns
/// the batch for output 0, usually the input's columns passed on (``FlowOutputBatch/pass(_:)``)
/// plus new ones; nil emits nothing (it emitted itself, e.g. to an error output).
public protocol PluginSynchronousTransform: PluginFlowComponent {
    func transform(_ batch: FlowBatch, _ context: PluginContext) throws -> FlowOutputBatch?
}

extension PluginSynchronousTransform {
    public var inputs: [FlowInput] { [FlowInput("Input")] }
    public var outputs: [FlowOutput] { [FlowOutput("Output", synchronousInput: 0)] }
}

/// An asynchronous transform: reads batches and emits new rows when it likes, typically at
/// ``endOfInput(_:_:)`` (SSIS's Sort and Aggregate). A batch may be kept past the call: it is
/// released when the last reference to it goes.
public protocol PluginAsynchronousTransform: PluginFlowComponent {
    func process(_ batch: FlowBatch, input: Int, _ context: PluginContext) throws
    /// No more batches will come on `input`: flush now. Defaults to nothing.
    func endOfInput(_ input: Int, _ context: PluginContext) throws
}

extension PluginAsynchronousTransform {
    public var inputs: [FlowInput] { [FlowInput("Input")] }
    public var outputs: [FlowOutput] { [FlowOutput("Output")] }
    public func endOfInput(_ input: Int, _ context: PluginContext) throws {}
}

/// A destination: takes batches and writes them somewhere. It has no outputs unless it
/// declares an error output.
public protocol PluginFlowDestination: PluginFlowComponent {
    func consume(_ batch: FlowBatch, input: Int, _ context: PluginContext) throws
    /// No more batches will come on `input`. Defaults to nothing.
    func endOfInput(_ input: Int, _ context: PluginContext) throws
}

extension PluginFlowDestination {
    public var inputs: [FlowInput] { [FlowInput("Input")] }
    public var outputs: [FlowOutput] { [] }
    /// A destination without outputs negotiates nothing.
    public func negotiate(_ inputs: [[FlowField]]) throws -> [[FlowField]] { [] }
    public func endOfInput(_ input: Int, _ context: PluginContext) throws {}
}
