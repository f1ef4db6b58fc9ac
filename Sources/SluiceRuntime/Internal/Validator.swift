import SluiceCore
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
        func fail(_ error: SluiceError, at node: ExecutableNode) {
            ok = false
            run.raise(RuntimeEvent(.error, source: node.source, code: error.code, message: error.description), at: node)
        }
        run.raise(RuntimeEvent(.preValidate, source: root.source), at: root)
        for problem in PackageStructure.problems(in: run.package) { fail(problem, at: root) }
        for p in run.package.parameters where p.required && run.parameters[p.name]?.value.isNull != false {
            fail(SluiceError(.parameterRequired, ["name": p.name]), at: root)
        }
        for c in run.package.connections {
            if run.registry.entry(for: c.kind)?.descriptor.kind != .connectionManager {
                fail(SluiceError(.connectionKindUnknown, ["name": c.name, "kind": c.kind]), at: root)
            }
        }
        if let reason = Validator.expressionUse(in: root.model) { fail(reason, at: root) }
        for child in root.children { ok = validate(child) && ok }
        for handler in root.handlers.values { ok = validate(handler) && ok }
        run.raise(RuntimeEvent(.postValidate, source: root.source, result: ok ? .success : .failure), at: root)
        return ok
    }

    private func validate(_ node: ExecutableNode) -> Bool {
        if node.model.disabled { return true }
        run.raise(RuntimeEvent(.preValidate, source: node.source, inHandler: node.isHandler), at: node)
        var ok = true
        let context = ExecutionContext(run: run, node: node)
        func fail(_ error: any Error) {
            ok = false
            context.raise(error: error)
        }
        if let reason = Validator.expressionUse(in: node.model) { fail(reason) }
        if let id = node.model.componentID {
            do {
                node.task = try makeTask(id, for: node)
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
        run.raise(
            RuntimeEvent(.postValidate, source: node.source, result: ok ? .success : .failure, inHandler: node.isHandler),
            at: node)
        return ok
    }

    private func makeTask(_ id: String, for node: ExecutableNode) throws -> any TaskComponent {
        guard let entry = run.registry.entry(for: id) else {
            throw SluiceError(.componentUnknown, ["executable": node.model.name, "id": id])
        }
        guard case .task(let make) = entry.factory else {
            throw SluiceError(.componentKindMismatch, [
                "executable": node.model.name, "id": id, "expected": "task", "actual": entry.descriptor.kind.rawValue,
            ])
        }
        let properties = try PropertyResolver.resolve(node.model.properties, for: entry.descriptor, owner: node.model.name)
        return try make(properties)
    }

    /// Expressions are parsed by the expression language, which is not part of this build yet:
    /// a package that relies on them is refused at validation rather than run half-configured.
    static func expressionUse(in e: Executable) -> SluiceError? {
        let what: String? =
            if !e.propertyExpressions.isEmpty { "property expressions" }
            else if e.constraints.contains(where: { $0.evaluation != .constraint }) { "expression precedence constraints" }
            else if e.variables.contains(where: { $0.expression != nil }) { "variables evaluated as expressions" }
            else { nil }
        return what.map {
            SluiceError(.validationFailed, [
                "executable": e.name, "reason": "it uses \($0), which need the SSIS expression language (not in this build yet)",
            ])
        }
    }
}
