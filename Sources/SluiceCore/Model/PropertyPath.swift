/// A property path in dtexec's `/Set` syntax, applied to a package before it runs.
///
/// ```swift
/// try PropertyPath.apply(#"\Package.Variables[User::Limit].Value"#, value: "10", to: &package)
/// try PropertyPath.apply(#"\Package\Load\Copy.Properties[source]"#, value: "/in.csv", to: &package)
/// ```
/// Supported targets: `Variables[NS::Name].Value`, `Connections[Name].ConnectionString`,
/// `Parameters[Name].Value` (package only), `Properties[name]` (tasks), and the executable
/// properties `Disable`, `DelayValidation`, `FailPackageOnFailure`, `FailParentOnFailure`,
/// `MaximumErrorCount`, `ForceExecutionResult`, `MaxConcurrentExecutables` (package only),
/// `Description`. The container part is `\Package` followed by `\Child` names.
public enum PropertyPath {
    public static func apply(_ path: String, value text: String, to package: inout Package) throws {
        let invalid = { (reason: String) in SluiceError(.propertyPathInvalid, ["path": path, "reason": reason]) }
        let notFound = { (reason: String) in SluiceError(.propertyPathNotFound, ["path": path, "reason": reason]) }

        guard path.hasPrefix("\\Package") else { throw invalid("it must start with \\Package") }
        // Split "\Package\A\B.Member[...].Rest" at the first '.' that is not inside brackets.
        let (containerPart, memberPart) = splitMember(String(path.dropFirst()))
        guard let memberPart, !memberPart.isEmpty else { throw invalid("no property after the container path") }
        var names = containerPart.split(separator: "\\", omittingEmptySubsequences: false).map(String.init)
        guard names.first == "Package" else { throw invalid("it must start with \\Package") }
        names.removeFirst()
        if names.contains("") { throw invalid("empty executable name") }

        let (member, key, rest) = try parseMember(memberPart, invalid: invalid)
        if names.isEmpty {
            switch member {
            case "Connections":
                guard let key, rest == "ConnectionString" else { throw invalid("use Connections[Name].ConnectionString") }
                guard let i = package.connections.firstIndex(where: { $0.name == key }) else {
                    throw notFound("no connection manager \"\(key)\"")
                }
                package.connections[i].connectionString = text
                return
            case "Parameters":
                guard let key, rest == "Value" else { throw invalid("use Parameters[Name].Value") }
                guard let i = package.parameters.firstIndex(where: { $0.name == key }) else { throw notFound("no parameter \"\(key)\"") }
                package.parameters[i].value = try Value.parse(text, as: package.parameters[i].type)
                return
            case "LocaleID":
                guard let n = Int(text) else { throw invalid("LocaleID takes an integer LCID such as 1033") }
                package.locale = try PackageLocale(id: n)
                return
            case "MaxConcurrentExecutables":
                guard let n = Int(text) else { throw invalid("MaxConcurrentExecutables takes an integer") }
                package.maxConcurrentExecutables = n
                return
            default: break
            }
        }
        try modify(&package.root, along: names[...], notFound: notFound) { e in
            try setMember(member, key: key, rest: rest, text: text, on: &e, invalid: invalid, notFound: notFound)
        }
    }

    private static func modify(
        _ e: inout Executable, along names: ArraySlice<String>, notFound: (String) -> SluiceError,
        _ body: (inout Executable) throws -> Void
    ) throws {
        guard let first = names.first else { return try body(&e) }
        guard let i = e.executables.firstIndex(where: { $0.name == first }) else {
            throw notFound("\"\(e.name)\" has no executable \"\(first)\"")
        }
        try modify(&e.executables[i], along: names.dropFirst(), notFound: notFound, body)
    }

    private static func setMember(
        _ member: String, key: String?, rest: String?, text: String, on e: inout Executable,
        invalid: (String) -> SluiceError, notFound: (String) -> SluiceError
    ) throws {
        func bool() throws -> Bool {
            switch text.lowercased() {
            case "true", "1", "-1": return true
            case "false", "0": return false
            default: throw SluiceError(.typeMismatch, ["value": "\"\(text)\"", "type": "DT_BOOL", "reason": "expected True or False"])
            }
        }
        switch member {
        case "Variables":
            guard let key, rest == "Value" else { throw invalid("use Variables[Namespace::Name].Value") }
            let q = QualifiedName(parsing: key)
            // The runtime creates System variables, so they are never declared, and always read-only.
            if q.namespace == Variable.systemNamespace { throw SluiceError(.variableReadOnly, ["name": key]) }
            guard let i = e.variables.firstIndex(where: { q.matches(namespace: $0.namespace, name: $0.name) }) else {
                throw notFound("\"\(e.name)\" declares no variable \"\(key)\"")
            }
            // dtexec refuses to /Set a read-only variable; so does Sluice (and a checkpoint never saves one).
            if e.variables[i].namespace == Variable.systemNamespace || e.variables[i].readOnly {
                throw SluiceError(.variableReadOnly, ["name": key])
            }
            e.variables[i].value = try Value.parse(text, as: e.variables[i].type)
        case "Properties":
            guard let key, rest == nil else { throw invalid("use Properties[name]") }
            guard e.componentID != nil else { throw notFound("\"\(e.name)\" is a container and has no task properties") }
            e.properties[key] = .string(text)
        case "Disable": e.disabled = try bool()
        case "DelayValidation": e.delayValidation = try bool()
        case "FailPackageOnFailure": e.failPackageOnFailure = try bool()
        case "FailParentOnFailure": e.failParentOnFailure = try bool()
        case "Description": e.description = text
        case "MaximumErrorCount":
            guard let n = Int(text) else {
                throw SluiceError(.typeMismatch, ["value": "\"\(text)\"", "type": "DT_I4", "reason": "not an integer"])
            }
            e.maximumErrorCount = n
        case "ForceExecutionResult":
            guard let r = ForcedExecutionResult(rawValue: text) else {
                throw invalid("ForceExecutionResult is None, Success, Failure or Completion")
            }
            e.forceExecutionResult = r
        default:
            throw notFound("unknown property \"\(member)\"")
        }
    }

    /// Splits at the first '.' outside brackets.
    private static func splitMember(_ s: String) -> (String, String?) {
        var depth = 0
        for i in s.indices {
            switch s[i] {
            case "[": depth += 1
            case "]": depth -= 1
            case "." where depth == 0: return (String(s[..<i]), String(s[s.index(after: i)...]))
            default: break
            }
        }
        return (s, nil)
    }

    /// `Variables[User::X].Value` → ("Variables", "User::X", "Value").
    private static func parseMember(_ s: String, invalid: (String) -> SluiceError) throws -> (String, String?, String?) {
        guard let open = s.firstIndex(of: "[") else {
            if s.contains(".") { throw invalid("unexpected '.' in \"\(s)\"") }
            return (s, nil, nil)
        }
        guard let close = s.lastIndex(of: "]"), close > open else { throw invalid("unbalanced brackets") }
        let member = String(s[..<open])
        let key = String(s[s.index(after: open)..<close])
        let after = s[s.index(after: close)...]
        if after.isEmpty { return (member, key, nil) }
        guard after.hasPrefix(".") else { throw invalid("expected '.' after ']'") }
        return (member, key, String(after.dropFirst()))
    }
}
