/// Structural checks of a package that need no registry: names, scopes, constraints, cycles.
///
/// ```swift
/// let problems = PackageStructure.problems(in: package)   // [] when the structure is sound
/// ```
/// Component ids and properties are checked later by the runtime, against the registry.
public enum PackageStructure {
    public static func problems(in package: Package) -> [SluiceError] {
        var problems: [SluiceError] = []
        checkUnique(package.parameters.map(\.name), kind: "parameter", container: { "the package" }, into: &problems)
        checkUnique(package.connections.map(\.name), kind: "connection manager", container: { "the package" }, into: &problems)
        for p in package.parameters where !(p.value.isNull || (try? p.value.converted(to: p.type)) != nil) {
            problems.append(SluiceError(.typeMismatch, ["value": p.value.description, "type": p.type.rawValue, "reason": "parameter \(p.name)"]))
        }
        checkContainer(package.root, path: { "\\" + package.name }, into: &problems)
        problems += DataReaderDestinations.problems(in: package)
        return problems
    }

    /// Throws the first problem, if any.
    public static func check(_ package: Package) throws {
        if let first = problems(in: package).first { throw first }
    }

    /// - Parameter path: the container's path (`\Package\Load`), made only when a problem names it:
    ///   most executables are tasks with nothing to report, and building every path cost more
    ///   than checking them.
    private static func checkContainer(_ c: Executable, path: () -> String, into problems: inout [SluiceError]) {
        checkName(c.name, kind: "executable", into: &problems)
        // One index of the children by name serves the duplicate check, the constraints'
        // endpoints and the cycle search (hashing each name once, not three times).
        var index: [String: Int] = [:]
        if c.executables.count > 1 || !c.constraints.isEmpty {
            index = Dictionary(c.executables.indices.map { (c.executables[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
            if index.count < c.executables.count {  // rare: report each repeated name, in order
                checkUnique(c.executables.indices.map { c.executables[$0].name }, kind: "executable", container: path, into: &problems)
            }
        }
        if c.variables.count > 1 {
            checkUnique(c.variables.map { $0.qualifiedName.description }, kind: "variable", container: path, into: &problems)
        }
        for v in c.variables {
            if v.namespace == Variable.systemNamespace {
                problems.append(SluiceError(.reservedNamespace, ["name": v.qualifiedName.description]))
            }
            checkName(v.name, kind: "variable", into: &problems)
        }
        if !c.constraints.isEmpty {
            var successors = [[Int]](repeating: [], count: c.executables.count)
            for k in c.constraints {
                let from = index[k.from]
                let to = index[k.to]
                if from == nil { problems.append(SluiceError(.constraintEndpointMissing, ["container": path(), "name": k.from])) }
                if to == nil { problems.append(SluiceError(.constraintEndpointMissing, ["container": path(), "name": k.to])) }
                if let from, let to { successors[from].append(to) }
            }
            if let cycle = findCycle(in: c, successors: successors) {
                problems.append(SluiceError(.constraintCycle, ["container": path(), "cycle": cycle.joined(separator: " → ")]))
            }
        }
        // By index, and the closure takes the name only: a `for child in` loop, or a closure
        // holding `c`, copies every executable (a retain per field, and a release after). A
        // child with nothing inside (a task) has only its name to check, so it is not even
        // passed on.
        for i in c.executables.indices {
            let name = c.executables[i].name
            if case .dataFlow(let flow) = c.executables[i].kind {
                problems += DataFlowValidation.problems(in: flow, named: path() + "\\" + name, deferringInferredColumns: true)
            }
            if c.executables[i].isEmptyInside {
                checkName(name, kind: "executable", into: &problems)
            } else {
                checkContainer(c.executables[i], path: { path() + "\\" + name }, into: &problems)
            }
        }
        for h in c.eventHandlers {
            checkContainer(h.container, path: { path() + ".EventHandlers[\(h.event.rawValue)]" }, into: &problems)
        }
    }

    /// Names may not contain the characters property paths use as separators.
    private static func checkName(_ name: String, kind: String, into problems: inout [SluiceError]) {
        // One pass over the bytes decides both questions for ASCII names; blank means only tabs
        // and space separators (as CharacterSet.whitespaces), which beyond ASCII needs the
        // scalars' properties, looked at only when nothing ASCII already ruled it out.
        var maybeBlank = true
        var hasBad = false
        for b in name.utf8 {
            switch b {
            case UInt8(ascii: "\\"), UInt8(ascii: "["), UInt8(ascii: "]"): hasBad = true; maybeBlank = false
            case UInt8(ascii: " "), UInt8(ascii: "\t"): break
            case ..<0x80: maybeBlank = false
            default: break
            }
        }
        let blank = maybeBlank && name.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        let reason: String? =
            if blank { "it is empty" }
            else if hasBad, let bad = name.first(where: { "\\[]".contains($0) }) { "it contains '\(bad)'" }
            else { nil }
        if let reason { problems.append(SluiceError(.nameInvalid, ["kind": kind, "name": name, "reason": reason])) }
    }

    private static func checkUnique(_ names: [String], kind: String, container: () -> String, into problems: inout [SluiceError]) {
        var seen = Set<String>(minimumCapacity: names.count)
        for n in names where !seen.insert(n).inserted {
            problems.append(SluiceError(.duplicateName, ["kind": kind, "name": n, "container": container()]))
        }
    }

    /// A cycle of precedence constraints as a list of names (first name repeated at the end).
    /// - Parameter successors: for each executable (by index), the executables constrained to
    ///   follow it (constraints to names that do not exist are reported elsewhere).
    static func findCycle(in c: Executable, successors: [[Int]]) -> [String]? {
        var state = [UInt8](repeating: 0, count: c.executables.count)  // 1 = on the path, 2 = done
        var path: [(node: Int, next: Int)] = []  // iterative DFS: no recursion depth limit
        for root in c.executables.indices where state[root] == 0 {
            state[root] = 1
            path.append((root, 0))
            while let top = path.last {
                let succ = successors[top.node]
                if top.next == succ.count {
                    state[top.node] = 2
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let s = succ[top.next]
                if state[s] == 1, let start = path.firstIndex(where: { $0.node == s }) {
                    return path[start...].map { c.executables[$0.node].name } + [c.executables[s].name]
                }
                if state[s] == 0 {
                    state[s] = 1
                    path.append((s, 0))
                }
            }
        }
        return nil
    }
}

private extension Executable {
    /// No executables, variables, constraints or handlers: `checkContainer` would check the name only.
    var isEmptyInside: Bool { executables.isEmpty && variables.isEmpty && constraints.isEmpty && eventHandlers.isEmpty }
}
