extension DotWriter {
    private struct PortKey: Hashable {
        var component: String
        var output: String
    }

    /// The components of a Data Flow task as nodes inside its cluster, and its paths as edges
    /// labelled `output → input` (and the rows that passed, when the overlay knows them).
    mutating func drawDataFlow(_ flow: DataFlow, of task: Executable, path taskPath: String, id: Int, depth: Int) {
        var nodes: [String: Endpoint] = [:]
        var errorOutputs: Set<PortKey> = []
        nodes.reserveCapacity(flow.components.count)
        for (k, component) in flow.components.enumerated() {
            let node = "n\(id)_\(k)"
            if nodes[component.name] == nil { nodes[component.name] = Endpoint(node: node) }
            for output in component.outputs where output.isErrorOutput {
                errorOutputs.insert(PortKey(component: component.name, output: output.name))
            }
            let label = DotText.quoted(component.name + "\n" + component.component)
            line(depth, "\(node) [label=\(label), style=\"filled\", fillcolor=\"#fffde7\"];")
        }
        for path in flow.paths {
            let from = nodes[path.from] ?? missing(path.from, depth: depth)
            let to = nodes[path.to] ?? missing(path.to, depth: depth)
            var label = "\(path.output) → \(path.input)"
            if let rows = overlay.rows(of: path, inDataFlow: task.id, at: taskPath) {
                label += "\n\(rows) rows"
            }
            var attributes = ["label=" + DotText.quoted(label)]
            if errorOutputs.contains(PortKey(component: path.from, output: path.output)) {
                attributes += ["color=\"#c62828\"", "fontcolor=\"#c62828\"", "style=dashed"]
            }
            edge(from: from, to: to, attributes)
        }
    }
}
