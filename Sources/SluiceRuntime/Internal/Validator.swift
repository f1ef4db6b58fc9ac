import SluiceCore
import SluiceExpressions
import SluiceRegistry

/// Validates a prepared run before anything executes: the package's structure, parameters and
/// connection kinds, then every executable: its component exists and is a task, its properties
/// match the declarations, its instance can be made, and its own validation passes (unless it
/// delays validation). Every problem is raised as an OnError event at the executable.
struct Validator {
    let run: Run

    /// Returns true when the package is valid.
    func validate() -> Bool {
        let root = run.root
        var ok = true
        func fail(_ error: any Error, at node: ExecutableNode) {
            ok = false
            ExecutionContext(run: run, node: node).raise(error: error)
        }
        do {
            let router = try LogRouter(run: run)
            if !router.isEmpty {
                router.open(in: ExecutionContext(run: run, node: root))
                run.logRouter = router
            }
        } catch {
            fail(error, at: root)
        }
        run.raise(.preValidate, at: root)
        for problem in PackageStructure.problems(in: run.package) { fail(problem, at: root) }
        for p in run.package.parameters where p.required && run.parameters[p.name]?.value.isNull != false {
            fail(SluiceError(.parameterRequired, ["name": p.name]), at: root)
        }
        for error in projectProblems() { fail(error, at: root) }
        for error in prepareExpressions(root) { fail(error, at: root) }
        for error in prepareConnectionExpressions() { fail(error, at: root) }
        run.pluginConnections = validateConnections { fail($0, at: root) }
        for child in root.children { ok = validate(child) && ok }
        for handler in root.handlers.values { ok = validate(handler) && ok }
        run.raise(.postValidate, at: root, result: ok ? .success : .failure)
        return ok
    }

    private func validate(_ node: ExecutableNode) -> Bool {
        if node.model.disabled { return true }
        run.raise(.preValidate, at: node)
        var ok = true
        let context = ExecutionContext(run: run, node: node)
        func fail(_ error: any Error) {
            ok = false
            context.raise(error: error)
        }
        for error in prepareExpressions(node) { fail(error) }
        for error in taskSettingProblems(node) { fail(error) }
        if let id = node.model.componentID {
            do {
                node.task = try run.makeTask(id, for: node, properties: node.model.properties)
                if !node.model.delayValidation {
                    try node.task!.validate(in: context)
                    node.validated = true
                }
            } catch {
                fail(error)
            }
        }
        for child in node.children { ok = validate(child) && ok }
        for handler in node.handlers.values { ok = validate(handler) && ok }
        run.raise(.postValidate, at: node, result: ok ? .success : .failure)
        return ok
    }

    /// Compiles every expression of the node: its variables evaluated as expressions, the
    /// expressions of the constraints into its children, its property expressions and its loop.
    /// Returns the problems; an expression that compiles here cannot fail to parse or type-check
    /// at run time.
    private func prepareExpressions(_ node: ExecutableNode) -> [any Error] {
        // Most nodes are tasks with nothing to compile: no scope of their own (so no variables
        // and no loop: only tasks share their parent's), no children to constrain, no
        // property expressions.
        if !node.ownsScope, node.children.isEmpty, node.model.propertyExpressions.isEmpty { return [] }
        var problems: [any Error] = []
        func attempt(_ body: () throws -> Void) {
            do { try body() } catch { problems.append(error) }
        }
        let environment = ScopeEnvironment(run: run, node: node)
        if node.ownsScope {
            for (key, text) in node.scope.expressionVariables {
                attempt { node.scope.setExpression(key, try environment.compile(text)) }
            }
        }
        // Plain constraints (on the predecessor's outcome only, the usual kind) compile nothing:
        // the table stays empty unless some constraint evaluates an expression.
        let needsConditions = node.incoming.contains { $0.contains { $0.constraint.evaluation != .constraint } }
        if needsConditions {
            node.constraintConditions = node.incoming.map { constraints in
                constraints.map { incoming in
                    guard incoming.constraint.evaluation != .constraint else { return nil }
                    guard let text = incoming.constraint.expression, !text.isEmpty else {
                        problems.append(SluiceError(.validationFailed, [
                            "executable": node.model.name,
                            "reason": "the constraint \(incoming.constraint.from) → \(incoming.constraint.to) evaluates an expression but has none",
                        ]))
                        return nil
                    }
                    do {
                        return try environment.compileCondition(text, what: "a precedence constraint expression")
                    } catch {
                        problems.append(error)
                        return nil
                    }
                }
            }
        }
        node.propertyExpressions = node.model.propertyExpressions.sorted { $0.key < $1.key }.compactMap { property, text in
            do {
                return (property, try environment.compile(text))
            } catch {
                problems.append(error)
                return nil
            }
        }
        switch node.model.kind {
        case .forLoop(let spec):
            attempt {
                node.loop = .forLoop(
                    initialize: try spec.initExpression.map { try CompiledAssignment($0, environment: environment) },
                    condition: try environment.compileCondition(spec.evalExpression, what: "the For Loop's evalExpression"),
                    assign: try spec.assignExpression.map { try CompiledAssignment($0, environment: environment) })
            }
        case .foreachLoop(let spec):
            problems += ForeachValidation(run: run, node: node, spec: spec).problems()
            node.loop = .foreachLoop(spec)
        default:
            break
        }
        return problems
    }

    /// Connection managers' property expressions (`ConnectionString`) in the package's scope.
    private func prepareConnectionExpressions() -> [any Error] {
        var problems: [any Error] = []
        let environment = ScopeEnvironment(run: run, node: run.root)
        for c in run.package.connections {
            for (property, text) in c.propertyExpressions {
                guard property == "ConnectionString" else {
                    problems.append(SluiceError(.validationFailed, [
                        "executable": c.name, "reason": "connection managers take expressions for ConnectionString only, not \(property)",
                    ]))
                    continue
                }
                do {
                    run.connectionExpressions[c.name] = try environment.compile(text)
                } catch {
                    problems.append(error)
                }
            }
        }
        return problems
    }
}
