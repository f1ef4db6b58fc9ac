import Foundation
import SluiceCore
import SluiceExpressions
import SluiceRegistry

/// One executable of a run, prepared: its model, scope, place in the tree, successors and
/// (for tasks) the component instance made during validation.
final class ExecutableNode: @unchecked Sendable {
    let model: Executable
    let path: String
    weak var parent: ExecutableNode?
    let scope: VariableScope
    let children: [ExecutableNode]
    let handlers: [EventKind: ExecutableNode]
    /// For each child index, the constraints into it and the children it leads to.
    let incoming: [[(from: Int, constraint: PrecedenceConstraint)]]
    let outgoing: [[Int]]
    /// True when this node or an ancestor has a handler for the event kind: lets the hot path
    /// skip the walk up the tree for events nobody handles.
    private(set) var handledKinds: Set<EventKind> = []
    let isHandler: Bool
    /// The root of an event handler's tree: events stop bubbling here.
    private(set) var isHandlerRoot = false

    /// Compiled at validation: the expression of each constraint into each child (nil for
    /// plain constraints), the property expressions, and a loop's expressions.
    var constraintConditions: [[CompiledExpression?]] = []
    var propertyExpressions: [(property: String, expression: CompiledExpression)] = []
    var loop: LoopPlan?

    /// Set during validation (tasks only); used by one thread at a time.
    var task: (any TaskComponent)?
    var validated = false
    /// Errors raised by this executable and everything inside it, during execution.
    var errorCount = 0
    /// Serializes runs of a handler: its scope holds per-invocation system variables.
    let handlerLock = NSLock()

    var source: EventSource { EventSource(name: model.name, id: model.id, path: path) }

    init(_ model: Executable, path: String, parentScope: VariableScope?, lock: NSLock, isHandler: Bool = false) {
        self.model = model
        self.path = path
        self.isHandler = isHandler
        // Tasks without variables of their own share their parent's scope: one scope fewer per task.
        let scope =
            if let parentScope, model.variables.isEmpty, model.componentID != nil { parentScope }
            else { VariableScope(owner: path, parent: parentScope, lock: lock, variables: model.variables) }
        self.scope = scope
        children = model.executables.map {
            ExecutableNode($0, path: path + "\\" + $0.name, parentScope: scope, lock: lock, isHandler: isHandler)
        }
        let index = Dictionary(model.executables.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var incoming = Array(repeating: [(from: Int, constraint: PrecedenceConstraint)](), count: children.count)
        var outgoing = Array(repeating: [Int](), count: children.count)
        for c in model.constraints {
            guard let f = index[c.from], let t = index[c.to] else { continue }  // structure check reports these
            incoming[t].append((f, c))
            outgoing[f].append(t)
        }
        self.incoming = incoming
        self.outgoing = outgoing
        var handlers: [EventKind: ExecutableNode] = [:]
        for h in model.eventHandlers where handlers[h.event] == nil {
            handlers[h.event] = ExecutableNode(
                h.container, path: path + ".EventHandlers[\(h.event.rawValue)]", parentScope: scope, lock: lock,
                isHandler: true)
        }
        self.handlers = handlers
    }
}

extension ExecutableNode {
    /// Links children and handlers to this node and computes which events have handlers.
    /// A handler's tree does not inherit its owner's handlers: events inside a handler stop at
    /// the handler's root, so a handler can never trigger itself.
    func link(inheriting: Bool = true) {
        handledKinds = Set(handlers.keys).union(inheriting ? parent?.handledKinds ?? [] : [])
        for child in children {
            child.parent = self
            child.link()
        }
        for handler in handlers.values {
            handler.parent = self
            handler.isHandlerRoot = true
            handler.link(inheriting: false)
        }
    }

    /// Every node of the tree below this one (handlers included), depth first.
    func forEachNode(_ body: (ExecutableNode) throws -> Void) rethrows {
        try body(self)
        for child in children { try child.forEachNode(body) }
        for handler in handlers.values { try handler.forEachNode(body) }
    }
}
