import SluiceCore
import SluiceRegistry

/// What validation checks of a Foreach Loop, so that a run cannot fail half-way on something a
/// look at the package would have shown:
///
/// - every mapping names a writable variable and an index in ``VariableMapping/indexRange``;
/// - literal items (`items`) have every mapped value, and each converts to its variable's type
///   (`{"x":1}` into a DT_I4 is `SLUICE_E_FOREACH_ITEM_INVALID`, not a silent NULL);
/// - a files enumerator has a folder and a pattern; a variable enumerator walks a declared
///   DT_OBJECT variable; a plugin enumerator exists, is an enumerator, takes its properties and
///   passes its own validation (unless the loop delays validation).
///
/// Values that only exist at run time (files, rows, plugin items) are checked as they come,
/// with the same codes (``ForeachMapping``).
struct ForeachValidation {
    let run: Run
    let node: ExecutableNode
    let spec: ForeachLoopSpecification

    func problems() -> [any Error] {
        var problems: [any Error] = []
        var types: [Int: DataType] = [:]  // mapping position → variable type, for the usable mappings
        for (position, mapping) in spec.variableMappings.enumerated() {
            guard let (_, variable, writable) = node.scope.declaration(of: mapping.variable) else {
                problems.append(SluiceError(.variableNotFound, ["name": mapping.variable, "container": node.path]))
                continue
            }
            if !writable { problems.append(SluiceError(.variableReadOnly, ["name": mapping.variable])) }
            do {
                try ForeachMapping(mapping: mapping, loop: node.model.name).checkIndex()
                types[position] = variable.type
            } catch {
                problems.append(error)
            }
        }
        switch spec.enumerator {
        case .items(let rows):
            problems += itemProblems(rows, types: types)
        case .files(let folder, let pattern, _, _, _):
            if folder.isEmpty { problems.append(unusable("the files enumerator has an empty folder")) }
            if pattern.isEmpty { problems.append(unusable("the files enumerator's pattern is empty and matches no file")) }
        case .variable(let name):
            if let problem = variableProblem(name) { problems.append(problem) }
        case .plugin(let component, let properties):
            if node.model.delayValidation { break }
            do {
                let context = ExecutionContext(run: run, node: node)
                let enumerator = try run.registry.makeEnumerator(component, properties: properties, owner: node.model.name)
                try enumerator.validate(in: context)
            } catch {
                problems.append(error)
            }
        }
        return problems
    }

    /// The first problem of each usable mapping over the literal items (one error per mapping,
    /// however many items repeat it).
    private func itemProblems(_ rows: [[JSONValue]], types: [Int: DataType]) -> [any Error] {
        var problems: [any Error] = []
        for (position, mapping) in spec.variableMappings.enumerated() {
            guard let type = types[position] else { continue }
            let reader = ForeachMapping(mapping: mapping, loop: node.model.name)
            for (offset, row) in rows.enumerated() {
                do {
                    let value = try reader.value(in: row, itemNumber: offset + 1).foreachValue
                    _ = try reader.converted(value, to: type, itemNumber: offset + 1)
                } catch {
                    problems.append(error)
                    break
                }
            }
        }
        return problems
    }

    private func variableProblem(_ name: String) -> (any Error)? {
        guard let (_, variable, _) = node.scope.declaration(of: name) else {
            return SluiceError(.variableNotFound, ["name": name, "container": node.path])
        }
        guard variable.type == .object else {
            return unusable("the variable enumerator walks a DT_OBJECT variable; \(name) is \(variable.type.rawValue)")
        }
        return nil
    }

    private func unusable(_ reason: String) -> SluiceError {
        SluiceError(.foreachEnumeratorInvalid, ["executable": node.model.name, "reason": reason])
    }
}
