import Foundation
import SluiceCore
import SluiceExpressions
import SluiceRegistry
import Synchronization

/// One executable of a run, prepared: its model, scope, place in the tree, successors and
/// (for tasks) the component instance made during validation.
final class ExecutableNode: @unchecked Sendable {
    let model: Executable
    let path: String
    weak var parent: ExecutableNode?
    let scope: VariableScope
    let children: [ExecutableNode]
    let handlers: [EventKind: ExecutableNode]
    /// For each child index, the constraints into it, and the constraints out of it (as the
    /// successor's index and the constraint's position in that successor's `incoming`).
    let incoming: [[(from: Int, constraint: PrecedenceConstraint)]]
    let outgoing: [[(to: Int, k: Int)]]
    /// For each child index, whether its incoming constraints combine with OR (any OR constraint
    /// makes the set an OR, as SSIS draws it).
    let joinsWithOr: [Bool]
    /// True when this node or an ancestor has a handler for the event kind: lets the hot path
    /// skip the walk up the tree for events nobody handles.
    private(set) var handledKinds: Set<EventKind> = []
    let isHandler: Bool
    /// The root of an event handler's tree: events stop bubbling here.
    let isHandlerRoot: Bool
    /// For a handler's root, the event it handles (which system variables it has).
    let handlerKind: EventKind?
    /// True when the node declares its own scope (containers, tasks with variables); other
    /// tasks share their parent's.
    let ownsScope: Bool

    /// Compiled at validation: the expression of each constraint into each child (nil for
    /// plain constraints; the whole table is left empty when every constraint is plain), the
    /// property expressions, and a loop's expressions.
    var constraintConditions: [[CompiledExpression?]] = []
    var propertyExpressions: [(property: String, expression: CompiledExpression)] = []
    var loop: LoopPlan?
    /// What the node's task evaluates through its context, compiled once (no allocation until used).
    let taskExpressions = TaskExpressionCache()

    /// Set during validation (tasks only); used by one thread at a time.
    var task: (any TaskComponent)?
    var validated = false
    /// Errors raised by this executable and everything inside it, during execution.
    var errorCount = 0
    /// Serializes runs of a handler: its scope holds per-invocation system variables. Handler
    /// roots only (a lock per node cost an allocation and a mutex for every task).
    let handlerLock: NSLock?
    /// When the executable last started (System::ContainerStartTime); set before it runs, so
    /// nothing reads the initial value (a constant: a clock read per node cost time for nothing).
    let containerStartTime = Mutex(SystemVariables.zeroDate)
    /// The transaction this executable started (TransactionOption Required with none above),
    /// while it runs; nil otherwise.
    let startedTransaction = Mutex<Transaction?>(nil)

    /// The path of a package's root, in every run.
    static let rootPath = "\\Package"

    var source: EventSource {
        EventSource(name: model.name, id: model.id, path: path, kind: sourceKind, component: model.componentID)
    }

    private var sourceKind: EventSourceKind {
        if isHandlerRoot { return .eventHandler }
        if path == Self.rootPath { return .package }
        switch model.kind {
        case .task, .dataFlow: return .task
        case .sequence: return .sequence
        case .forLoop: return .forLoop
        case .foreachLoop: return .foreachLoop
        }
    }

    /// The compiled expression of the `k`th constraint into child `child`, if it has one.
    func condition(into child: Int, _ k: Int) -> CompiledExpression? {
        constraintConditions.isEmpty ? nil : constraintConditions[child][k]
    }

    init(
        _ model: Executable, path: String, parentScope: VariableScope?, isHandler: Bool = false,
        isHandlerRoot: Bool = false, handlerKind: EventKind? = nil
    ) {
        self.path = path
        self.handlerKind = handlerKind
        self.isHandler = isHandler
        self.isHandlerRoot = isHandlerRoot
        handlerLock = isHandlerRoot ? NSLock() : nil
        // Tasks without variables of their own share their parent's scope: one scope fewer per task.
        let scope =
            if let parentScope, model.variables.isEmpty, model.componentID != nil { parentScope }
            else { VariableScope(owner: path, parent: parentScope, variables: model.variables) }
        self.scope = scope
        ownsScope = scope !== parentScope
        // A loop rather than `map`: through the closure each executable was copied twice.
        var children: [ExecutableNode] = []
        children.reserveCapacity(model.executables.count)
        for i in model.executables.indices {
            let child = model.executables[i]
            children.append(
                ExecutableNode(child, path: Self.childPath(path, child.name), parentScope: scope, isHandler: isHandler))
        }
        self.children = children
        var incoming = Array(repeating: [(from: Int, constraint: PrecedenceConstraint)](), count: children.count)
        var outgoing = Array(repeating: [(to: Int, k: Int)](), count: children.count)
        var joinsWithOr = Array(repeating: false, count: children.count)
        if !model.constraints.isEmpty {
            let index = Dictionary(
                model.executables.indices.map { (model.executables[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
            for c in model.constraints {
                guard let f = index[c.from], let t = index[c.to] else { continue }  // structure check reports these
                outgoing[f].append((t, incoming[t].count))
                incoming[t].append((f, c))
                if !c.logicalAnd { joinsWithOr[t] = true }
            }
        }
        self.incoming = incoming
        self.outgoing = outgoing
        self.joinsWithOr = joinsWithOr
        var handlers: [EventKind: ExecutableNode] = [:]
        for h in model.eventHandlers where handlers[h.event] == nil {
            handlers[h.event] = ExecutableNode(
                h.container, path: path + ".EventHandlers[\(h.event.rawValue)]", parentScope: scope, isHandler: true, isHandlerRoot: true,
                handlerKind: h.event)
        }
        self.handlers = handlers
        // Last, so that the model moves in rather than being copied (a copy is a retain per
        // field now and a release per field when the run ends).
        self.model = model
    }

    /// `parent\name`, copied byte by byte into one new string (appending the parts, which
    /// allocates twice, was a quarter of the cost of making a node).
    private static func childPath(_ parent: String, _ name: String) -> String {
        var parent = parent
        var name = name
        return parent.withUTF8 { p in
            name.withUTF8 { n in
                String(unsafeUninitializedCapacity: p.count + 1 + n.count) { out in
                    var i = 0
                    for b in p { out[i] = b; i += 1 }
                    out[i] = UInt8(ascii: "\\")
                    i += 1
                    for b in n { out[i] = b; i += 1 }
                    return i
                }
            }
        }
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
