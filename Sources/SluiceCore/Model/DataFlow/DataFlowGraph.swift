/// The indices ``DataFlowValidation`` builds over a data flow, and its passes. Inputs and
/// outputs are numbered across the whole flow (`inputs`, `outputs`), so every table is a flat
/// array indexed by those numbers.
struct DataFlowGraph {
    private struct PortKey: Hashable { var component: Int, name: String }
    private struct ColumnRef { var output: Int, column: Int }

    let flow: DataFlow
    let name: String
    var problems: [SluiceError] = []

    private var componentIndex: [String: Int] = [:]
    private var inputIndex: [PortKey: Int] = [:]
    private var outputIndex: [PortKey: Int] = [:]
    /// Global input / output number → (component, index in the component).
    private var inputs: [(component: Int, index: Int)] = []
    private var outputs: [(component: Int, index: Int)] = []
    /// The global input number of each output's synchronous input, or -1 (asynchronous).
    private var synchronousInput: [Int] = []
    /// The first column with each lineage id; later ones only where ids repeat.
    private var producer: [Int: ColumnRef] = [:]
    private var moreProducers: [Int: [ColumnRef]] = [:]
    /// The output attached to each input, or -1; whether each output is attached.
    private var source: [Int] = []
    private var outputAttached: [Bool] = []

    init(_ flow: DataFlow, name: String) {
        self.flow = flow
        self.name = name
    }

    private mutating func report(_ message: SluiceMessage, _ inserts: [String: String]) {
        var all = inserts
        all["dataFlow"] = name
        problems.append(SluiceError(message, all))
    }

    mutating func indexComponentsAndPorts() {
        componentIndex.reserveCapacity(flow.components.count)
        for (c, component) in flow.components.enumerated() {
            if !Self.insertFirst(c, for: component.name, into: &componentIndex) {
                report(.dataFlowDuplicateComponent, ["component": component.name])
            }
            for (i, input) in component.inputs.enumerated() {
                if !Self.insertFirst(inputs.count, for: PortKey(component: c, name: input.name), into: &inputIndex) {
                    report(.dataFlowDuplicatePort, ["component": component.name, "kind": "input", "name": input.name])
                }
                inputs.append((c, i))
            }
            for (o, output) in component.outputs.enumerated() {
                if !Self.insertFirst(outputs.count, for: PortKey(component: c, name: output.name), into: &outputIndex) {
                    report(.dataFlowDuplicatePort, ["component": component.name, "kind": "output", "name": output.name])
                }
                outputs.append((c, o))
            }
        }
        synchronousInput = outputs.map { ref in
            let output = flow.components[ref.component].outputs[ref.index]
            guard let sync = output.synchronousInput else { return -1 }
            guard let i = inputIndex[PortKey(component: ref.component, name: sync)] else {
                report(.dataFlowSynchronousInputMissing, [
                    "component": flow.components[ref.component].name, "output": output.name, "input": sync,
                ])
                return -1
            }
            return i
        }
    }

    /// Keeps the first index under a repeated key (paths then reach the first of two
    /// same-named components, as the duplicate is reported anyway); false when the key was taken.
    private static func insertFirst<Key: Hashable>(_ value: Int, for key: Key, into index: inout [Key: Int]) -> Bool {
        guard index[key] == nil else { return false }
        index[key] = value
        return true
    }

    mutating func indexLineage() {
        for (g, ref) in outputs.enumerated() {
            let output = flow.components[ref.component].outputs[ref.index]
            for (k, column) in output.columns.enumerated() {
                let here = ColumnRef(output: g, column: k)
                if producer[column.lineageID] == nil {
                    producer[column.lineageID] = here
                } else {
                    moreProducers[column.lineageID, default: []].append(here)
                    report(.dataFlowDuplicateLineage, [
                        "component": flow.components[ref.component].name, "output": output.name,
                        "column": column.name, "lineageId": String(column.lineageID),
                    ])
                }
            }
        }
    }

    mutating func attachPaths() {
        source = Array(repeating: -1, count: inputs.count)
        outputAttached = Array(repeating: false, count: outputs.count)
        for path in flow.paths {
            let from = componentIndex[path.from]
            let to = componentIndex[path.to]
            let output = from.flatMap { outputIndex[PortKey(component: $0, name: path.output)] }
            let input = to.flatMap { inputIndex[PortKey(component: $0, name: path.input)] }
            if from == nil { report(.dataFlowPathEndpointMissing, ["kind": "component", "name": path.from, "component": path.from]) }
            if to == nil { report(.dataFlowPathEndpointMissing, ["kind": "component", "name": path.to, "component": path.to]) }
            if from != nil, output == nil {
                report(.dataFlowPathEndpointMissing, ["kind": "output", "name": path.output, "component": path.from])
            }
            if to != nil, input == nil {
                report(.dataFlowPathEndpointMissing, ["kind": "input", "name": path.input, "component": path.to])
            }
            guard let output, let input else { continue }
            if source[input] >= 0 {
                report(.dataFlowInputTwoPaths, ["component": path.to, "input": path.input])
            } else {
                source[input] = output
            }
            if outputAttached[output] {
                report(.dataFlowOutputTwoPaths, ["component": path.from, "output": path.output])
            }
            outputAttached[output] = true
        }
    }

    mutating func checkRequiredInputs() {
        for (g, ref) in inputs.enumerated() where source[g] < 0 {
            let input = flow.components[ref.component].inputs[ref.index]
            if input.required {
                report(.dataFlowInputUnattached, ["component": flow.components[ref.component].name, "input": input.name])
            }
        }
    }

    /// Reports one cycle of paths between components, if there is one; returns whether it did.
    mutating func reportCycle() -> Bool {
        let count = flow.components.count
        // Successors of each component, as one flat array (CSR): no array per component.
        var degree = [Int](repeating: 0, count: count + 1)
        for output in source where output >= 0 { degree[outputs[output].component + 1] += 1 }
        for c in 0..<count { degree[c + 1] += degree[c] }
        var fill = degree
        var successors = [Int](repeating: 0, count: degree[count])
        for (input, output) in source.enumerated() where output >= 0 {
            let c = outputs[output].component
            successors[fill[c]] = inputs[input].component
            fill[c] += 1
        }
        var state = [UInt8](repeating: 0, count: count)  // 1 = on the path, 2 = done
        var onPath: [(node: Int, next: Int)] = []
        for root in 0..<count where state[root] == 0 {
            state[root] = 1
            onPath.append((root, degree[root]))
            while let top = onPath.last {
                if top.next == degree[top.node + 1] {
                    state[top.node] = 2
                    onPath.removeLast()
                    continue
                }
                onPath[onPath.count - 1].next += 1
                let s = successors[top.next]
                if state[s] == 1, let start = onPath.firstIndex(where: { $0.node == s }) {
                    let names = onPath[start...].map { flow.components[$0.node].name } + [flow.components[s].name]
                    report(.dataFlowCycle, ["cycle": names.joined(separator: " → ")])
                    return true
                }
                if state[s] == 0 {
                    state[s] = 1
                    onPath.append((s, degree[s]))
                }
            }
        }
        return false
    }

    /// Checks every input column against the columns that reach its input.
    mutating func checkInputColumns() {
        let (enter, exit) = numberOutputForest()
        // Output `a` is `b` or feeds it through synchronous outputs: `a` is an ancestor of `b`.
        func reaches(_ a: Int, _ b: Int) -> Bool { enter[a] <= enter[b] && exit[b] <= exit[a] }
        for (g, ref) in inputs.enumerated() {
            let component = flow.components[ref.component]
            let input = component.inputs[ref.index]
            let attached = source[g]
            for used in input.columns {
                var found: [ColumnRef] = []
                if attached >= 0 {
                    if let first = producer[used.lineageID], reaches(first.output, attached) { found.append(first) }
                    for more in moreProducers[used.lineageID] ?? [] where reaches(more.output, attached) { found.append(more) }
                }
                let inserts = ["component": component.name, "input": input.name]
                guard let hit = found.first else {
                    report(.dataFlowColumnMissing, inserts.merging(["column": "with lineage id \(used.lineageID)"]) { a, _ in a })
                    continue
                }
                let column = self.column(hit)
                if found.count > 1 {
                    let producers = found.map { "\(describe(output: $0.output)).\(self.column($0).name)" }.joined(separator: ", ")
                    report(.dataFlowColumnAmbiguous, inserts.merging([
                        "column": "\"\(column.name)\" (lineage id \(used.lineageID))", "producers": producers,
                    ]) { a, _ in a })
                    continue
                }
                checkType(used, against: column, inserts)
            }
        }
    }

    private mutating func checkType(_ used: DataFlowInputColumn, against column: DataFlowColumn, _ inserts: [String: String]) {
        let declared = (used.type ?? column.type, used.length ?? column.length, used.precision ?? column.precision, used.scale ?? column.scale)
        guard declared != (column.type, column.length, column.precision, column.scale) else { return }
        report(.dataFlowColumnTypeMismatch, inserts.merging([
            "column": column.name,
            "declared": DataFlowColumn.describe(declared.0, length: declared.1, precision: declared.2, scale: declared.3),
            "actual": column.typeDescription,
        ]) { a, _ in a })
    }

    private func column(_ ref: ColumnRef) -> DataFlowColumn {
        let o = outputs[ref.output]
        return flow.components[o.component].outputs[o.index].columns[ref.column]
    }

    private func describe(output g: Int) -> String {
        let o = outputs[g]
        return "\(flow.components[o.component].name).\(flow.components[o.component].outputs[o.index].name)"
    }

    /// Entry and exit numbers of each output in a depth-first walk of the forest whose edges
    /// go from the output feeding a synchronous input to the outputs synchronous to it.
    /// Iterative; the forest is acyclic because the paths are (checked before).
    private func numberOutputForest() -> (enter: [Int], exit: [Int]) {
        let count = outputs.count
        var parent = [Int](repeating: -1, count: count)
        var childCount = [Int](repeating: 0, count: count + 1)
        for o in 0..<count where synchronousInput[o] >= 0 && source[synchronousInput[o]] >= 0 {
            parent[o] = source[synchronousInput[o]]
            childCount[parent[o] + 1] += 1
        }
        for o in 0..<count { childCount[o + 1] += childCount[o] }
        var fill = childCount
        var children = [Int](repeating: 0, count: childCount[count])
        for o in 0..<count where parent[o] >= 0 {
            children[fill[parent[o]]] = o
            fill[parent[o]] += 1
        }
        var enter = [Int](repeating: 0, count: count)
        var exit = [Int](repeating: 0, count: count)
        var clock = 0
        var stack: [(node: Int, next: Int)] = []
        for root in 0..<count where parent[root] < 0 {
            enter[root] = clock; clock += 1
            stack.append((root, childCount[root]))
            while let top = stack.last {
                if top.next == childCount[top.node + 1] {
                    exit[top.node] = clock; clock += 1
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let child = children[top.next]
                enter[child] = clock; clock += 1
                stack.append((child, childCount[child]))
            }
        }
        return (enter, exit)
    }
}
