/// Structural checks of a package that need no registry: names, scopes, constraints, cycles.
///
/// ```swift
/// let problems = PackageStructure.problems(in: package)   // [] when the structure is sound
/// ```
/// Component ids and properties are checked later by the runtime, against the registry.
public enum PackageStructure {
    public static func problems(in package: Package) -> [SluiceError] {
        var problems: [SluiceError] = []
        checkUnique(package.parameters.map(\.name), kind: "parameter", container: "the package", into: &problems)
        checkUnique(package.connections.map(\.name), kind: "connection manager", container: "the package", into: &problems)
        for p in package.parameters where !(p.value.isNull || (try? p.value.converted(to: p.type)) != nil) {
            problems.append(SluiceError(.typeMismatch, ["value": p.value.description, "type": p.type.rawValue, "reason": "parameter \(p.name)"]))
        }
        checkContainer(package.root, path: "\\" + package.name, into: &problems)
        return problems
    }

    /// Throws the first problem, if any.
    public static func check(_ package: Package) throws {
        if let first = problems(in: package).first { throw first }
    }

    private static func checkContainer(_ c: Executable, path: String, into problems: inout [SluiceError]) {
        checkName(c.name, kind: "executable", into: &problems)
        checkUnique(c.executables.map(\.name), kind: "executable", container: path, into: &problems)
        checkUnique(c.variables.map { $0.qualifiedName.description }, kind: "variable", container: path, into: &problems)
        for v in c.variables {
            if v.namespace == Variable.systemNamespace {
                problems.append(SluiceError(.reservedNamespace, ["name": v.qualifiedName.description]))
            }
            checkName(v.name, kind: "variable", into: &problems)
        }
        var names = Set<String>(minimumCapacity: c.executables.count)
        for e in c.executables { names.insert(e.name) }
        for k in c.constraints {
            if !names.contains(k.from) { problems.append(SluiceError(.constraintEndpointMissing, ["container": path, "name": k.from])) }
            if !names.contains(k.to) { problems.append(SluiceError(.constraintEndpointMissing, ["container": path, "name": k.to])) }
        }
        if let cycle = findCycle(c) {
            problems.append(SluiceError(.constraintCycle, ["container": path, "cycle": cycle.joined(separator: " → ")]))
        }
        for child in c.executables {
            checkContainer(child, path: path + "\\" + child.name, into: &problems)
        }
        for h in c.eventHandlers {
            checkContainer(h.container, path: path + ".EventHandlers[\(h.event.rawValue)]", into: &problems)
        }
    }

    /// Names may not contain the characters property paths use as separators.
    private static func checkName(_ name: String, kind: String, into problems: inout [SluiceError]) {
        // Pure Swift (no NSString bridge): blank = only tabs and space separators, as CharacterSet.whitespaces.
        let blank = name.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        let hasBad = name.utf8.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }
        let reason: String? =
            if blank { "it is empty" }
            else if hasBad, let bad = name.first(where: { "\\[]".contains($0) }) { "it contains '\(bad)'" }
            else { nil }
        if let reason { problems.append(SluiceError(.nameInvalid, ["kind": kind, "name": name, "reason": reason])) }
    }

    private static func checkUnique(_ names: [String], kind: String, container: String, into problems: inout [SluiceError]) {
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted {
            problems.append(SluiceError(.duplicateName, ["kind": kind, "name": n, "container": container]))
        }
    }

    /// A cycle of precedence constraints as a list of names (first name repeated at the end).
    static func findCycle(_ c: Executable) -> [String]? {
        // Executables by index; constraints to names that do not exist are reported elsewhere.
        var index = [String: Int](minimumCapacity: c.executables.count)
        for (i, e) in c.executables.enumerated() where index[e.name] == nil { index[e.name] = i }
        var successors = [[Int]](repeating: [], count: c.executables.count)
        for k in c.constraints {
            if let f = index[k.from], let t = index[k.to] { successors[f].append(t) }
        }
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
