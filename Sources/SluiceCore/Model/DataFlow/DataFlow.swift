/// The pipeline of a Data Flow task: components joined by paths into a directed acyclic graph.
///
/// SSIS's pipeline is the model. Each component is an instance of a component class
/// (`sluice.flatFileSource`, a plugin id, …) with inputs and outputs; each output declares typed
/// columns, each with a lineage id unique in the data flow; an input names the columns it uses
/// by the lineage id of the upstream column; a path joins one output to one input.
/// ``DataFlowBuilder`` makes lineage ids for you; ``DataFlowValidation`` checks the graph.
///
/// ```swift
/// var flow = DataFlow()
/// flow.components = [
///     DataFlowComponent("Read", component: "sluice.flatFileSource",
///                       outputs: [DataFlowOutput("Output", columns: [DataFlowColumn("id", lineageID: 1, type: .i4)])]),
///     DataFlowComponent("Write", component: "sluice.flatFileDestination",
///                       inputs: [DataFlowInput("Input", columns: [DataFlowInputColumn(lineageID: 1)])]),
/// ]
/// flow.paths = [DataFlowPath(from: "Read", output: "Output", to: "Write", input: "Input")]
/// ```
public struct DataFlow: Sendable, Hashable {
    /// SSIS's default `DefaultBufferMaxRows`.
    public static let standardBufferMaxRows = 10_000
    /// The component id under which the runtime looks up the engine that runs a data flow
    /// (SSIS's `Microsoft.Pipeline`).
    public static let taskComponentID = "sluice.dataFlow"

    /// The most rows in one batch (SSIS `DefaultBufferMaxRows`).
    public var defaultBufferMaxRows = DataFlow.standardBufferMaxRows
    public var components: [DataFlowComponent] = []
    public var paths: [DataFlowPath] = []

    public init(components: [DataFlowComponent] = [], paths: [DataFlowPath] = [], defaultBufferMaxRows: Int = DataFlow.standardBufferMaxRows) {
        self.components = components
        self.paths = paths
        self.defaultBufferMaxRows = defaultBufferMaxRows
    }
}

/// One component of a data flow: an instance of a component class with its properties.
public struct DataFlowComponent: Sendable, Hashable {
    public var name: String
    /// The registered id of the component class, e.g. `sluice.flatFileSource`.
    public var component: String
    public var description = ""
    /// The component's own properties, as its class declares them (checked by the class, not here).
    public var properties = JSONObject()
    public var inputs: [DataFlowInput]
    public var outputs: [DataFlowOutput]

    public init(
        _ name: String, component: String, properties: JSONObject = JSONObject(),
        inputs: [DataFlowInput] = [], outputs: [DataFlowOutput] = []
    ) {
        self.name = name
        self.component = component
        self.properties = properties
        self.inputs = inputs
        self.outputs = outputs
    }
}

/// An input of a component: the upstream columns it uses, by lineage id.
public struct DataFlowInput: Sendable, Hashable {
    public var name: String
    /// A required input must be attached by a path (the default, as in SSIS); an optional one
    /// (e.g. a second input of Union All) may be left without.
    public var required = true
    public var columns: [DataFlowInputColumn]

    public init(_ name: String, required: Bool = true, columns: [DataFlowInputColumn] = []) {
        self.name = name
        self.required = required
        self.columns = columns
    }
}

/// A column an input uses: the lineage id of an upstream output column, and optionally the type
/// the component expects (checked against the upstream column's where given).
public struct DataFlowInputColumn: Sendable, Hashable {
    public var lineageID: Int
    public var type: DataType?
    public var length: Int?
    public var precision: Int?
    public var scale: Int?

    public init(lineageID: Int, type: DataType? = nil, length: Int? = nil, precision: Int? = nil, scale: Int? = nil) {
        self.lineageID = lineageID
        self.type = type
        self.length = length
        self.precision = precision
        self.scale = scale
    }
}

/// An output of a component and the columns it adds.
///
/// A synchronous output (`synchronousInput` names an input of the same component) passes on the
/// rows of that input: downstream sees the input's columns plus the output's own. An
/// asynchronous output (no synchronous input) starts new rows with its own columns only.
public struct DataFlowOutput: Sendable, Hashable {
    public var name: String
    public var isErrorOutput = false
    /// Synchronous outputs of one input that share a non-zero group get each row exactly once
    /// (Conditional Split); 0 = no group.
    public var exclusionGroup = 0
    /// The name of the input whose rows this output passes on, or nil for an asynchronous output.
    public var synchronousInput: String?
    public var columns: [DataFlowColumn]

    public init(
        _ name: String, columns: [DataFlowColumn] = [], synchronousInput: String? = nil,
        isErrorOutput: Bool = false, exclusionGroup: Int = 0
    ) {
        self.name = name
        self.columns = columns
        self.synchronousInput = synchronousInput
        self.isErrorOutput = isErrorOutput
        self.exclusionGroup = exclusionGroup
    }
}

/// A typed column an output produces.
public struct DataFlowColumn: Sendable, Hashable {
    public var name: String
    /// Unique in the data flow: how inputs downstream find the column.
    public var lineageID: Int
    public var type: DataType
    /// Characters (DT_WSTR, DT_STR) or bytes (DT_BYTES); 0 when the type has no length.
    public var length = 0
    public var precision = 0
    public var scale = 0

    public init(_ name: String, lineageID: Int, type: DataType, length: Int = 0, precision: Int = 0, scale: Int = 0) {
        self.name = name
        self.lineageID = lineageID
        self.type = type
        self.length = length
        self.precision = precision
        self.scale = scale
    }

    /// The type as SSIS writes it in a cast: `DT_WSTR(50)`, `DT_NUMERIC(18,2)`, `DT_I4`.
    public var typeDescription: String {
        DataFlowColumn.describe(type, length: length, precision: precision, scale: scale)
    }

    static func describe(_ type: DataType, length: Int, precision: Int, scale: Int) -> String {
        if precision != 0 || scale != 0 { return "\(type.rawValue)(\(precision),\(scale))" }
        if length != 0 { return "\(type.rawValue)(\(length))" }
        return type.rawValue
    }
}

/// A path: one output of one component to one input of another.
public struct DataFlowPath: Sendable, Hashable {
    public var from: String
    public var output: String
    public var to: String
    public var input: String

    public init(from: String, output: String, to: String, input: String) {
        self.from = from
        self.output = output
        self.to = to
        self.input = input
    }
}
