import SluiceCore

/// Builds a ``FlowGraph`` in code: components by name, then paths by output and input position.
///
/// ```swift
/// var flow = FlowBuilder()
/// let source = flow.add("Source", MySource())
/// let split = flow.add("Split", try ConditionalSplit(name: "Split", conditions: [("Big", "[Qty] > 10")]))
/// flow.connect(source, to: split)
/// flow.connect(split, output: 1, to: flow.add("Rest", MySink()))
/// let graph = try flow.build()
/// ```
public struct FlowBuilder {
    private var names: [String] = []
    private var components: [any FlowComponent] = []
    private var connections: [(from: ComponentID, output: Int, to: ComponentID, input: Int)] = []

    public init() {}

    /// Adds a component under a name (unique in the flow, checked by ``build()``).
    @discardableResult
    public mutating func add(_ name: String, _ component: any FlowComponent) -> ComponentID {
        names.append(name)
        components.append(component)
        return ComponentID(index: components.count - 1)
    }

    /// Connects output `output` of `from` to input `input` of `to` (checked by ``build()``).
    public mutating func connect(_ from: ComponentID, output: Int = 0, to: ComponentID, input: Int = 0) {
        connections.append((from, output, to, input))
    }

    /// Checks the graph: unique names, paths between existing outputs and inputs, each input fed
    /// by exactly one path and each output feeding at most one, no cycle. Linear in the size of
    /// the graph.
    /// - Throws: `SLUICE_E_DATAFLOW_COMPONENT_DUPLICATE`, `…_PATH_INVALID`, `…_INPUT_UNCONNECTED`, `…_CYCLE`.
    public func build() throws -> FlowGraph {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { throw SluiceError(.dataFlowComponentDuplicate, ["component": name]) }
        var inputs = components.map { [Int?](repeating: nil, count: max($0.inputCount, 0)) }
        var outputs = components.map { [Int?](repeating: nil, count: $0.outputs.count) }
        var paths: [FlowPath] = []
        for c in connections {
            let fromName = name(c.from, "Output", c.output)
            let toName = name(c.to, "Input", c.input)
            func invalid(_ reason: String) -> SluiceError { SluiceError(.dataFlowPathInvalid, ["from": fromName, "to": toName, "reason": reason]) }
            guard components.indices.contains(c.from.index), components.indices.contains(c.to.index) else { throw invalid("no such component") }
            guard outputs[c.from.index].indices.contains(c.output) else { throw invalid("the component has no such output") }
            guard inputs[c.to.index].indices.contains(c.input) else { throw invalid("the component has no such input") }
            guard outputs[c.from.index][c.output] == nil else { throw invalid("the output already feeds another path") }
            guard inputs[c.to.index][c.input] == nil else { throw invalid("the input is already fed by another path") }
            outputs[c.from.index][c.output] = paths.count
            inputs[c.to.index][c.input] = paths.count
            paths.append(FlowPath(from: c.from, output: c.output, to: c.to, input: c.input, name: "\(fromName) -> \(toName)"))
        }
        var connectedInputs: [[Int]] = []
        for (i, list) in inputs.enumerated() {
            if let missing = list.firstIndex(where: { $0 == nil }) {
                throw SluiceError(.dataFlowInputUnconnected, ["component": names[i], "input": String(missing)])
            }
            connectedInputs.append(list.compactMap { $0 })
        }
        let order = try topologicalOrder(paths)
        return FlowGraph(names: names, components: components, paths: paths, order: order, inputs: connectedInputs, outputs: outputs)
    }

    /// Kahn's algorithm: linear, no recursion.
    private func topologicalOrder(_ paths: [FlowPath]) throws -> [Int] {
        var indegree = [Int](repeating: 0, count: components.count)
        var successors = [[Int]](repeating: [], count: components.count)
        for p in paths {
            indegree[p.to.index] += 1
            successors[p.from.index].append(p.to.index)
        }
        var ready = indegree.indices.filter { indegree[$0] == 0 }
        var order: [Int] = []
        order.reserveCapacity(components.count)
        while let next = ready.popLast() {
            order.append(next)
            for s in successors[next] {
                indegree[s] -= 1
                if indegree[s] == 0 { ready.append(s) }
            }
        }
        if order.count < components.count, let stuck = indegree.indices.first(where: { indegree[$0] > 0 }) {
            throw SluiceError(.dataFlowGraphCycle, ["component": names[stuck]])
        }
        return order
    }

    private func name(_ id: ComponentID, _ side: String, _ index: Int) -> String {
        "\(names.indices.contains(id.index) ? names[id.index] : "#\(id.index)").\(side)[\(index)]"
    }
}
