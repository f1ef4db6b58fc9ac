import SluiceCore
import SluiceDataFlow
import SluiceRegistry

/// A data flow model bound to the engine: every component checked by its class's binder, the
/// columns reaching each input worked out from lineage ids, ready to build a ``FlowGraph``.
///
/// Components are visited in a topological order (Kahn's algorithm, no recursion); the columns
/// reaching an output are those reaching its synchronous input plus its own.
struct FlowPlan {
    let flow: DataFlow
    let name: String
    let bound: [BoundComponent]
    /// Per component, per input: the columns reaching it.
    let reaching: [[[FlowColumn]]]
    /// Per path: (component, output) it leaves, (component, input) it enters.
    let links: [(from: Int, output: Int, to: Int, input: Int)]
    /// Per component, per output: the columns read downstream (nil: all; ``ColumnLiveness``).
    let neededColumns: [[Set<String>?]]

    /// - Throws: the first problem: `SLUICE_E_DATAFLOW_CLASS_UNKNOWN`, `…_PROPERTY_INVALID`,
    ///   `…_COLUMN_UNSUPPORTED` (a plugin component: its own make and negotiate errors), `…_SHAPE_INVALID`, `…_COLUMN_NAME_CLASH`, or a graph problem.
    init(_ flow: DataFlow, name: String, context: any TaskContext, registry: ComponentRegistry? = nil) throws {
        let flow = try FlatFileInference.inferringColumns(flow, dataFlow: name, context: context)
        try DataFlowValidation.check(flow, named: name)
        self.flow = flow
        self.name = name
        let components = flow.components
        var index: [String: Int] = [:]
        for (i, c) in components.enumerated() { index[c.name] = i }
        var links: [(from: Int, output: Int, to: Int, input: Int)] = []
        var source: [[Int?]] = components.map { [Int?](repeating: nil, count: $0.inputs.count) }  // (from, output) packed
        var sourceOutput: [[Int]] = components.map { [Int](repeating: -1, count: $0.inputs.count) }
        var indegree = [Int](repeating: 0, count: components.count)
        var successors = [[Int]](repeating: [], count: components.count)
        for p in flow.paths {
            // DataFlowValidation has checked every endpoint.
            guard let f = index[p.from], let t = index[p.to],
                let o = components[f].outputs.firstIndex(where: { $0.name == p.output }),
                let i = components[t].inputs.firstIndex(where: { $0.name == p.input })
            else { continue }
            links.append((f, o, t, i))
            source[t][i] = f
            sourceOutput[t][i] = o
            indegree[t] += 1
            successors[f].append(t)
        }
        var ready = indegree.indices.filter { indegree[$0] == 0 }
        var order: [Int] = []
        while let next = ready.popLast() {
            order.append(next)
            for s in successors[next] {
                indegree[s] -= 1
                if indegree[s] == 0 { ready.append(s) }
            }
        }
        var outputColumns: [[[FlowColumn]]] = components.map { $0.outputs.map { _ in [] } }
        var reaching: [[[FlowColumn]]] = components.map { $0.inputs.map { _ in [] } }
        var bound: [BoundComponent?] = Array(repeating: nil, count: components.count)
        for c in order {
            let model = components[c]
            for i in model.inputs.indices {
                if let f = source[c][i] { reaching[c][i] = outputColumns[f][sourceOutput[c][i]] }
                try Self.checkNames(reaching[c][i], component: model.name, flow: name)
            }
            for (o, output) in model.outputs.enumerated() {
                var columns: [FlowColumn] = []
                if let sync = output.synchronousInput, let i = model.inputs.firstIndex(where: { $0.name == sync }) { columns = reaching[c][i] }
                columns += output.columns.map(FlowColumn.init)
                try Self.checkNames(columns, component: model.name, flow: name)
                outputColumns[c][o] = columns
            }
            let used = model.inputs.indices.map { i in
                model.inputs[i].columns.compactMap { u in reaching[c][i].first { $0.lineageID == u.lineageID } }
            }
            let site = ComponentSite(
                dataFlow: name, model: model, reaching: reaching[c], used: used, attached: source[c].map { $0 != nil })
            if ComponentBinders.table[model.component] == nil, let registry, PluginBinding.names(model.component, in: registry) {
                bound[c] = try PluginBinding.bind(site, context, registry: registry)
                continue
            }
            guard let binder = ComponentBinders.table[model.component] else {
                throw SluiceError(.dataFlowClassUnknown, [
                    "dataFlow": name, "component": model.name, "class": model.component, "known": ComponentBinders.known,
                ])
            }
            bound[c] = try binder(site, context)
            for (o, found) in (bound[c]?.foundOutputColumns ?? []).enumerated() where model.outputs.indices.contains(o) && model.outputs[o].columns.isEmpty {
                outputColumns[c][o] += found
                try Self.checkNames(outputColumns[c][o], component: model.name, flow: name)
            }
        }
        self.bound = bound.compactMap { $0 }
        guard self.bound.count == components.count else { throw SluiceError(.dataFlowCycle, ["dataFlow": name, "cycle": "?"]) }
        self.reaching = reaching
        self.links = links
        neededColumns = ColumnLiveness.needed(flow, bound: self.bound, links: links, order: order)
    }

    private static func checkNames(_ columns: [FlowColumn], component: String, flow: String) throws {
        var seen: [String: Int] = [:]
        for c in columns {
            if let other = seen.updateValue(c.lineageID, forKey: c.name) {
                throw SluiceError(.dataFlowColumnNameClash, [
                    "dataFlow": flow, "component": component, "column": c.name, "lineageIds": "\(other) and \(c.lineageID)",
                ])
            }
        }
    }
}
