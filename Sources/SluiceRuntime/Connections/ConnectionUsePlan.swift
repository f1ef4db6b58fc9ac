import SluiceCore

/// Which tasks use which plugin connection managers, and which finished executable ends each
/// use: the plan a run acquires and releases connections by (docs/connections.md).
///
/// The "uses" rule: a task uses a connection manager when one of its properties named
/// `connection`, or ending in `Connection` (`sourceConnection`), has the manager's name as its
/// value in the package, as Execute SQL's `connection` does (a property set by a property
/// expression is not read: its name is known only at run time, when the task asks the host for
/// it, and such a use holds the connection to the end of the run). A use ends when its *user* has
/// finished for good: the task itself, or, for a task inside a loop, the outermost loop around
/// it (a connection is acquired once per run, not per iteration), or, inside an event handler
/// (which may run at any time), the run itself.
///
/// Every node of the tree gets a pre-order position; a node that runs at most once (outside
/// loops and handlers) also gets the range of positions of its subtree, so that a skipped or
/// disabled container ends every use inside it at once. One pass, no recursion.
struct ConnectionUsePlan {
    /// The connection names each task uses, by task node.
    private(set) var usedBy: [ObjectIdentifier: [String]] = [:]
    /// The subtree positions of each node that runs at most once in a run.
    private(set) var ranges: [ObjectIdentifier: Range<Int>] = [:]
    /// Each (user position, connection name) pair once, sorted by position.
    private(set) var users: [(position: Int, connection: String)] = []

    init(root: ExecutableNode, connections: Set<String>) {
        enum Step {
            /// `unit`: the position of the user that repeats around this node (a loop, or the
            /// root for a handler), nil when the node runs at most once.
            case enter(ExecutableNode, unit: Int?)
            case leave(ExecutableNode, start: Int)
        }
        var stack: [Step] = [.enter(root, unit: nil)]
        var next = 0
        var seen = Set<String>()  // "position connection" pairs already in `users`
        while let step = stack.popLast() {
            switch step {
            case .leave(let node, let start):
                ranges[ObjectIdentifier(node)] = start..<next
            case .enter(let node, let inherited):
                let position = next
                next += 1
                let unit = inherited ?? (node.isHandlerRoot ? 0 : nil)
                if unit == nil { stack.append(.leave(node, start: position)) }
                let names = Self.connectionNames(of: node.model, among: connections)
                if !names.isEmpty {
                    usedBy[ObjectIdentifier(node)] = names
                    let user = unit ?? position
                    for name in names where seen.insert("\(user) \(name)").inserted { users.append((user, name)) }
                }
                let inner = unit ?? (node.isLoop ? position : nil)
                for handler in node.handlers.values { stack.append(.enter(handler, unit: inner)) }
                for child in node.children.reversed() { stack.append(.enter(child, unit: inner)) }
            }
        }
        users.sort { $0.position < $1.position }
    }

    /// The connections (among `connections`) a task's properties name, by the rule above.
    static func connectionNames(of model: Executable, among connections: Set<String>) -> [String] {
        guard model.componentID != nil else { return [] }
        var names: [String] = []
        for (key, value) in model.properties.entries where key == "connection" || key.hasSuffix("Connection") {
            if model.propertyExpressions[key] != nil { continue }
            if let name = value.stringValue, connections.contains(name), !names.contains(name) { names.append(name) }
        }
        return names
    }
}

extension ExecutableNode {
    var isLoop: Bool {
        switch model.kind {
        case .forLoop, .foreachLoop: true
        default: false
        }
    }
}
