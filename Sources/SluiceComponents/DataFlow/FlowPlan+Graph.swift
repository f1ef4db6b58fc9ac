import SluiceCore
import SluiceDataFlow

/// The engine graph of one run, with what the task needs around it.
struct BuiltFlow {
    let graph: FlowGraph
    let components: [any FlowComponent]
    /// Per engine path: how events name it ("Split.Big → Write.Input"), nil for plumbing.
    let pathLabels: [String?]
}

extension FlowPlan {
    /// Makes every engine component and joins them as the model's paths say, with an
    /// ``ErrorColumnLineage`` after each attached error output and a ``ColumnProjection``
    /// before each Union All input.
    func build(_ setup: FlowRunSetup) throws -> BuiltFlow {
        var builder = FlowBuilder()
        var made: [any FlowComponent] = []
        var ids: [ComponentID] = []
        for (c, b) in bound.enumerated() {
            var setup = setup
            setup.neededColumns = neededColumns[c]
            let component = try b.make(setup)
            made.append(component)
            ids.append(builder.add(flow.components[c].name, component))
        }
        var labels: [String?] = []
        for link in links {
            let from = flow.components[link.from]
            let to = flow.components[link.to]
            let output = from.outputs[link.output]
            let label = GraphOverlay.label(of: DataFlowPath(from: from.name, output: output.name, to: to.name, input: to.inputs[link.input].name))
            guard let engineOutput = bound[link.from].outputs[link.output] else {
                throw SluiceError(.dataFlowShapeInvalid, ["dataFlow": name, "component": from.name, "reason": "output \"\(output.name)\" cannot be attached"])
            }
            let engineInput = bound[link.to].inputs?[link.input] ?? link.input
            var tail = (id: ids[link.from], output: engineOutput)
            var first = true
            func hop(_ component: any FlowComponent, _ suffix: String) {
                let id = builder.add("\(from.name).\(output.name) \(suffix)", component)
                builder.connect(tail.id, output: tail.output, to: id)
                labels.append(first ? label : nil)
                first = false
                tail = (id, 0)
            }
            // A source has no input columns to map: its error output gives lineage ids itself.
            if output.isErrorOutput, !from.inputs.isEmpty {
                let input = from.inputs.firstIndex { $0.name == output.synchronousInput } ?? 0
                hop(ErrorColumnLineage(reaching[link.from].indices.contains(input) ? reaching[link.from][input] : []), "(error lineage)")
            }
            if bound[link.to].projections.indices.contains(link.input), let mapping = bound[link.to].projections[link.input] {
                hop(ColumnProjection(component: to.name, mapping), "(columns for \(to.name))")
            }
            builder.connect(tail.id, output: tail.output, to: ids[link.to], input: engineInput)
            labels.append(first ? label : nil)
        }
        return BuiltFlow(graph: try builder.build(), components: made, pathLabels: labels)
    }
}
