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
        let names = Set(c.executables.map(\.name))
        for k in c.constraints {
            for end in [k.from, k.to] where !names.contains(end) {
                problems.append(SluiceError(.constraintEndpointMissing, ["container": path, "name": end]))
            }
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
        let reason: String? =
            if name.trimmingCharacters(in: .whitespaces).isEmpty { "it is empty" }
            else if let bad = name.first(where: { "\\[]".contains($0) }) { "it contains '\(bad)'" }
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
        var successors: [String: [String]] = [:]
        for k in c.constraints { successors[k.from, default: []].append(k.to) }
        var state: [String: Int] = [:]  // 1 = on the stack, 2 = done
        var stack: [String] = []
        func visit(_ n: String) -> [String]? {
            state[n] = 1
            stack.append(n)
            for s in successors[n] ?? [] {
                if state[s] == 1, let start = stack.firstIndex(of: s) { return Array(stack[start...]) + [s] }
                if state[s] == nil, let cycle = visit(s) { return cycle }
            }
            stack.removeLast()
            state[n] = 2
            return nil
        }
        for e in c.executables where state[e.name] == nil {
            if let cycle = visit(e.name) { return cycle }
        }
        return nil
    }
}
