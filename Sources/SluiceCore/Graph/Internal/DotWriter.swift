/// Writes the DOT text of one package: an explicit stack instead of recursion, clusters opened
/// and closed in document order, edges collected and written last (an edge written inside a
/// cluster would pull its nodes into that cluster).
struct DotWriter {
    /// Where an edge starts or ends: a node, or a cluster through its anchor node.
    struct Endpoint {
        var node: String
        var cluster: String?
    }

    /// One executable to draw, with the id given to it when its parent was entered.
    struct Item {
        var executable: Executable
        var id: Int
        var depth: Int
        /// Its path as a run names it (`\\Package\\Load\\Copy`, `….EventHandlers[OnError]`): how
        /// a run's events find it when the package file keeps no ids.
        var path: String
        /// For the body of an event handler: its event and the task it belongs to (nil for a
        /// container's own handlers, drawn inside the container).
        var handler: (event: EventKind, owner: Endpoint?)?
    }

    private enum Step {
        case draw(Item)
        case close(depth: Int)
    }

    let overlay: GraphOverlay
    private var text = ""
    private var edges = ""
    private var lastID = 0
    private var stack: [Step] = []

    init(overlay: GraphOverlay) { self.overlay = overlay }

    mutating func draw(_ package: Package) {
        text += "digraph \(DotText.quoted(package.name)) {\n"
        text += "  graph [compound=true, rankdir=TB, fontname=\"Helvetica\", fontsize=11, labelloc=t, label="
            + DotText.quoted(label(package.root, path: Self.rootPath, kind: "Package")) + "];\n"
        text += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];\n"
        text += "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        enterChildren(of: package.root, depth: 1, path: Self.rootPath)
        while let step = stack.popLast() {
            switch step {
            case .close(let depth): line(depth, "}")
            case .draw(let item): drawItem(item)
            }
        }
    }

    func finish() -> String { text + edges + "}\n" }

    // MARK: - Executables

    private mutating func drawItem(_ item: Item) {
        let e = item.executable
        if let handler = item.handler {
            openCluster(item, label: "\(handler.event.rawValue)\nevent handler", style: "rounded,dashed", color: "#8e24aa")
            if let owner = handler.owner {
                edge(from: owner, to: anchor(item.id), ["style=dashed", "color=\"#8e24aa\"", "arrowhead=odot"])
            }
            enterChildren(of: e, depth: item.depth + 1, path: item.path)
            return
        }
        switch e.kind {
        case .task(let component):
            var attributes = ["label=" + DotText.quoted(label(e, path: item.path, kind: component))]
            attributes += overlayStyle(e, path: item.path, filled: true)
            line(item.depth, "n\(item.id) [\(attributes.joined(separator: ", "))];")
        case .dataFlow(let flow):
            openCluster(item, label: label(e, path: item.path, kind: "Data Flow"), style: "rounded,filled", color: "#1565c0", fill: "#e3f2fd")
            drawDataFlow(flow, of: e, path: item.path, id: item.id, depth: item.depth + 1)
            line(item.depth, "}")
        case .sequence, .forLoop, .foreachLoop:
            openCluster(item, label: label(e, path: item.path, kind: Self.kindName(e.kind)), style: "rounded", color: "#607d8b")
            enterChildren(of: e, depth: item.depth + 1, path: item.path)
        }
    }

    /// Opens `subgraph cluster_ID` with its anchor node, and pushes its closing brace
    /// (a Data Flow task closes its own, having no children to wait for).
    private mutating func openCluster(_ item: Item, label text: String, style: String, color: String, fill: String? = nil) {
        let d = item.depth
        line(d, "subgraph cluster_\(item.id) {")
        var attributes = ["label=" + DotText.quoted(text), "style=\"\(style)\"", "color=\"\(color)\"", "fontcolor=\"#263238\""]
        if let fill { attributes.append("fillcolor=\"\(fill)\"") }
        if item.handler == nil { attributes += overlayStyle(item.executable, path: item.path, filled: false) }
        line(d + 1, "graph [\(attributes.joined(separator: ", "))];")
        line(d + 1, "a\(item.id) [shape=point, style=invis, width=0, height=0, label=\"\"];")
        if case .dataFlow = item.executable.kind { return }
        stack.append(.close(depth: d))
    }

    /// Gives each child (and each handler) its id, writes the container's constraints, and
    /// pushes the children so they are drawn in order inside the cluster just opened.
    /// The root's path in every run (ExecutableNode.rootPath).
    static let rootPath = "\\Package"

    private mutating func enterChildren(of container: Executable, depth: Int, path: String) {
        var endpoints: [String: Endpoint] = [:]
        endpoints.reserveCapacity(container.executables.count)
        var items: [Item] = []
        for child in container.executables {
            lastID += 1
            let id = lastID
            let endpoint = child.isContainer || child.dataFlow != nil ? anchor(id) : Endpoint(node: "n\(id)")
            if endpoints[child.name] == nil { endpoints[child.name] = endpoint }
            let childPath = path + "\\" + child.name
            items.append(Item(executable: child, id: id, depth: depth, path: childPath))
            for handler in child.isContainer ? [] : child.eventHandlers {
                lastID += 1
                items.append(Item(
                    executable: handler.container, id: lastID, depth: depth,
                    path: childPath + ".EventHandlers[\(handler.event.rawValue)]", handler: (handler.event, endpoint)))
            }
        }
        for handler in container.eventHandlers {
            lastID += 1
            items.append(Item(
                executable: handler.container, id: lastID, depth: depth, path: path + ".EventHandlers[\(handler.event.rawValue)]",
                handler: (handler.event, nil)))
        }
        for constraint in container.constraints {
            let from = endpoints[constraint.from] ?? missing(constraint.from, depth: depth)
            let to = endpoints[constraint.to] ?? missing(constraint.to, depth: depth)
            edge(from: from, to: to, Self.constraintAttributes(constraint))
        }
        stack.append(contentsOf: items.reversed().map(Step.draw))
    }

    // MARK: - Pieces shared with the data flow

    /// A red node standing for a name that a constraint or path refers to but nothing has.
    mutating func missing(_ name: String, depth: Int) -> Endpoint {
        lastID += 1
        line(depth, "m\(lastID) [label=\(DotText.quoted("missing: " + name)), style=\"dashed\", color=\"#c62828\", fontcolor=\"#c62828\"];")
        return Endpoint(node: "m\(lastID)")
    }

    func anchor(_ id: Int) -> Endpoint { Endpoint(node: "a\(id)", cluster: "cluster_\(id)") }

    mutating func edge(from: Endpoint, to: Endpoint, _ attributes: [String]) {
        var all = attributes
        if let c = from.cluster { all.append("ltail=\(c)") }
        if let c = to.cluster { all.append("lhead=\(c)") }
        edges += "  \(from.node) -> \(to.node) [\(all.joined(separator: ", "))];\n"
    }

    mutating func line(_ depth: Int, _ content: String) {
        // Indentation stops growing past a few levels: a deep package must not cost quadratic text.
        text += String(repeating: "  ", count: min(depth, 8))
        text += content
        text += "\n"
    }

    /// Name, kind and (with an overlay) what the last run did.
    private func label(_ e: Executable, path: String, kind: String) -> String {
        var parts = [e.name, e.disabled ? "\(kind) (disabled)" : kind]
        if !overlay.isEmpty {
            parts.append(overlay.execution(id: e.id, path: path).map(GraphOverlay.describe) ?? "not run")
        }
        return parts.joined(separator: "\n")
    }

    private func overlayStyle(_ e: Executable, path: String, filled: Bool) -> [String] {
        var attributes: [String] = []
        if e.disabled { attributes += ["fontcolor=\"#9e9e9e\"", filled ? "style=\"rounded,filled,dashed\"" : "style=\"rounded,dashed\""] }
        guard let run = overlay.execution(id: e.id, path: path) else { return attributes }
        let color = Self.resultColor(run.result)
        return attributes + (filled ? ["fillcolor=\"\(color)\""] : ["penwidth=2", "bgcolor=\"\(color)\""])
    }

    static func resultColor(_ result: ExecutionResult) -> String {
        switch result {
        case .success: "#c8e6c9"
        case .failure: "#ffcdd2"
        case .completion: "#fff9c4"
        case .canceled: "#e0e0e0"
        }
    }

    static func kindName(_ kind: Executable.Kind) -> String {
        switch kind {
        case .task(let component): component
        case .sequence: "Sequence"
        case .forLoop: "For Loop"
        case .foreachLoop: "Foreach Loop"
        case .dataFlow: "Data Flow"
        }
    }

    /// SSIS's look: green success, red failure, blue completion; dashed when the constraints
    /// into the executable combine with OR; the expression in the label.
    static func constraintAttributes(_ c: PrecedenceConstraint) -> [String] {
        let color = switch c.value {
        case .success: "#2e7d32"
        case .failure: "#c62828"
        case .completion: "#1565c0"
        }
        let fx = "fx: " + (c.expression ?? "")
        let label = switch c.evaluation {
        case .constraint: c.value.rawValue
        case .expression: fx
        case .expressionAndConstraint: "\(c.value.rawValue) and \(fx)"
        case .expressionOrConstraint: "\(c.value.rawValue) or \(fx)"
        }
        var attributes = ["color=\"\(color)\"", "fontcolor=\"\(color)\"", "label=" + DotText.quoted(label)]
        if !c.logicalAnd { attributes.append("style=dashed") }
        return attributes
    }
}
