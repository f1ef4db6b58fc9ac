/// Builds a ``DataFlow`` in code, giving each output column the next lineage id and resolving
/// the columns an input uses by name.
///
/// ```swift
/// var b = DataFlowBuilder()
/// let read = b.add("Read orders", component: "sluice.flatFileSource", properties: [("connection", "Orders")])
/// let rows = b.addOutput(to: read, columns: [.init("id", .i4), .init("name", .wstr, length: 50)])
/// let upper = b.add("Upper", component: "sluice.characterMap")
/// let input = try b.connect(rows, to: upper, columns: ["name"])
/// let passed = b.addOutput(to: upper, synchronousInput: input, columns: [.init("NAME", .wstr, length: 50)])
/// let write = b.add("Write", component: "sluice.flatFileDestination")
/// try b.connect(passed, to: write, columns: ["id", "NAME"])
/// let task = Executable.dataFlow("Load orders", b.dataFlow)
/// ```
public struct DataFlowBuilder: Sendable {
    /// A component added to the builder.
    public struct ComponentRef: Sendable, Hashable { public let index: Int }
    /// An output added to the builder.
    public struct OutputRef: Sendable, Hashable { public let component: Int, index: Int }
    /// An input added to the builder (by ``connect(_:to:input:columns:)``).
    public struct InputRef: Sendable, Hashable { public let component: Int, index: Int }

    /// A column to add to an output; the builder gives it its lineage id.
    public struct ColumnSpec: Sendable, Hashable {
        public var name: String
        public var type: DataType
        public var length, precision, scale: Int

        public init(_ name: String, _ type: DataType, length: Int = 0, precision: Int = 0, scale: Int = 0) {
            (self.name, self.type, self.length, self.precision, self.scale) = (name, type, length, precision, scale)
        }
    }

    /// The data flow built so far.
    public private(set) var dataFlow: DataFlow
    private var nextLineageID: Int
    /// The output each input made by `connect` is attached to.
    private var sourceOfInput: [InputRef: OutputRef] = [:]

    /// - Parameter dataFlow: a data flow to extend; new lineage ids start after its largest.
    public init(_ dataFlow: DataFlow = DataFlow()) {
        self.dataFlow = dataFlow
        let used = dataFlow.components.lazy.flatMap(\.outputs).flatMap(\.columns).map(\.lineageID).max() ?? 0
        nextLineageID = used + 1
    }

    public mutating func add(_ name: String, component: String, properties: [(String, JSONValue)] = []) -> ComponentRef {
        dataFlow.components.append(DataFlowComponent(name, component: component, properties: JSONObject(properties)))
        return ComponentRef(index: dataFlow.components.count - 1)
    }

    /// Adds an output whose columns get fresh lineage ids.
    public mutating func addOutput(
        _ name: String = "Output", to component: ComponentRef, synchronousInput: InputRef? = nil,
        isErrorOutput: Bool = false, exclusionGroup: Int = 0, columns: [ColumnSpec] = []
    ) -> OutputRef {
        let made = columns.map { c -> DataFlowColumn in
            defer { nextLineageID += 1 }
            return DataFlowColumn(c.name, lineageID: nextLineageID, type: c.type, length: c.length, precision: c.precision, scale: c.scale)
        }
        let sync = synchronousInput.map { dataFlow.components[$0.component].inputs[$0.index].name }
        dataFlow.components[component.index].outputs.append(
            DataFlowOutput(name, columns: made, synchronousInput: sync, isErrorOutput: isErrorOutput, exclusionGroup: exclusionGroup))
        return OutputRef(component: component.index, index: dataFlow.components[component.index].outputs.count - 1)
    }

    /// Adds an input to `component`, a path from `output` to it, and the named columns, found
    /// among the columns that reach the input (the output's own, then those its synchronous
    /// inputs pass on, nearest first).
    /// - Throws: `SLUICE_E_DATAFLOW_COLUMN_MISSING` for a name that does not reach the input.
    @discardableResult
    public mutating func connect(
        _ output: OutputRef, to component: ComponentRef, input: String = "Input", required: Bool = true, columns: [String] = []
    ) throws -> InputRef {
        let visible = visibleColumns(of: output)
        let target = dataFlow.components[component.index]
        var used: [DataFlowInputColumn] = []
        for name in columns {
            guard let column = visible.first(where: { $0.name == name }) else {
                throw SluiceError(.dataFlowColumnMissing, [
                    "dataFlow": "the builder's data flow", "component": target.name, "input": input, "column": name,
                ])
            }
            used.append(DataFlowInputColumn(lineageID: column.lineageID))
        }
        dataFlow.components[component.index].inputs.append(DataFlowInput(input, required: required, columns: used))
        let source = dataFlow.components[output.component]
        dataFlow.paths.append(DataFlowPath(from: source.name, output: source.outputs[output.index].name, to: target.name, input: input))
        let made = InputRef(component: component.index, index: dataFlow.components[component.index].inputs.count - 1)
        sourceOfInput[made] = output
        return made
    }

    /// The lineage id the builder gave a column of `output` (its own columns only).
    public func lineageID(of column: String, in output: OutputRef) -> Int? {
        dataFlow.components[output.component].outputs[output.index].columns.first { $0.name == column }?.lineageID
    }

    /// The columns reaching an input attached to `output`, nearest first: a loop up the chain
    /// of synchronous outputs (made by this builder, so it cannot cycle), not recursion.
    private func visibleColumns(of output: OutputRef) -> [DataFlowColumn] {
        var columns: [DataFlowColumn] = []
        var current: OutputRef? = output
        while let o = current {
            let component = dataFlow.components[o.component]
            let out = component.outputs[o.index]
            columns += out.columns
            current = out.synchronousInput
                .flatMap { sync in component.inputs.firstIndex { $0.name == sync } }
                .flatMap { sourceOfInput[InputRef(component: o.component, index: $0)] }
        }
        return columns
    }
}
