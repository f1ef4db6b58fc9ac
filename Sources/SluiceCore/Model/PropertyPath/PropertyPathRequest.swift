/// One `--set path=value`: finds what the path names and sets it, converting the text.
struct PropertyPathRequest {
    let path: String
    let text: String
    /// `$Sensitive::` was written: the value is never shown.
    let sensitive: Bool
    let specs: PropertyPath.PropertySpecs?

    func invalid(_ reason: String) -> SluiceError { SluiceError(.propertyPathInvalid, ["path": path, "reason": reason]) }
    func notFound(_ reason: String) -> SluiceError { SluiceError(.propertyPathNotFound, ["path": path, "reason": reason]) }

    /// The value does not convert to `type`. A hidden value is not named, nor is a reason that
    /// quotes it.
    func notConvertible(_ type: String, _ reason: String, hidden: Bool = false) -> SluiceError {
        let hide = hidden || sensitive
        let safeReason = hide && !text.isEmpty && reason.contains(text) ? "not a \(type) value" : reason
        return SluiceError(.setValueNotConvertible, [
            "path": path, "value": hide ? "the sensitive value" : "\"\(text)\"", "type": type, "reason": safeReason,
        ])
    }

    /// The text as a value of `type`, SSIS's conversions (`Value.parse`).
    func value(as type: DataType, hidden: Bool = false) throws -> Value {
        do {
            return try Value.parse(text, as: type)
        } catch let error as SluiceError {
            throw notConvertible(type.rawValue, error.inserts["reason"] ?? "not convertible", hidden: hidden)
        }
    }

    /// Refuses `$Sensitive::` on what cannot keep a value secret.
    func requireNotSensitive(_ target: String) throws {
        if sensitive { throw SluiceError(.setSensitiveTarget, ["path": path, "target": target]) }
    }

    func apply(
        _ syntax: PropertyPathSyntax, to package: inout Package, project: inout [Parameter]?,
        projectConnections: inout [ConnectionManager]?
    ) throws {
        guard let first = syntax.members.first else { throw invalid("no property after the container path") }
        let rest = syntax.members.dropFirst()
        let atPackage = syntax.executables.isEmpty

        if first.isCollection("Variables"), let key = first.key, let reference = ParameterReference(key) {
            guard atPackage else { throw invalid("parameters belong to the package: write \\Package.Variables[\(key)]") }
            guard rest.isEmpty || Self.isValue(rest) else { throw invalid("use Variables[\(key)] or Variables[\(key)].Value") }
            return try setParameter(reference, in: &package, project: &project)
        }
        if first.isCollection("Parameters"), let key = first.key {
            guard atPackage, Self.isValue(rest) else { throw invalid("use \\Package.Parameters[Name].Value") }
            return try setParameter(ParameterReference(scope: .package, name: key), in: &package, project: &project)
        }
        if first.isCollection("Variables"), let key = first.key {
            guard Self.isValue(rest) else { throw invalid("use Variables[Namespace::Name].Value") }
            try requireNotSensitive("a variable")
            let at = try locate(syntax.executables, in: package)
            return try setVariable(key, on: &package[keyPath: at])
        }
        if first.isCollection("Connections"), let key = first.key {
            guard atPackage else { throw invalid("connections belong to the package: write \\Package.Connections[\(key)]") }
            guard rest.count == 1, let property = rest.first.flatMap(Self.propertyName) else {
                throw invalid("use Connections[Name].Properties[Property] or Connections[Name].ConnectionString")
            }
            try requireNotSensitive("a connection manager's property")
            // The package's own first; else the project's of that name (project connections
            // join every package of the project).
            if NearbyNames.index(of: key, in: package.connections, by: \.name) != nil || projectConnections == nil {
                return try setConnectionProperty(property, ofConnection: key, in: &package.connections)
            }
            var shared = projectConnections ?? []
            try setConnectionProperty(property, ofConnection: key, in: &shared, alsoKnown: package.connections.map(\.name))
            projectConnections = shared
            return
        }
        guard let property = Self.propertyName(first) else {
            throw invalid("\"\(first.written)\" is not Variables[…], Properties[…], Connections[…] or a property name")
        }
        if let extra = rest.first { throw invalid("unexpected '.\(extra.written)' after \(first.written)") }
        try requireNotSensitive("an executable's property")
        let at = try locate(syntax.executables, in: package)
        if atPackage, try setPackageProperty(property, of: &package) { return }
        try setExecutableProperty(property, on: &package[keyPath: at], atPackage: atPackage)
    }

    /// `.Value` or `.Properties[Value]`, the two spellings of a variable's value.
    private static func isValue(_ members: ArraySlice<PropertyPathSyntax.Member>) -> Bool {
        guard members.count == 1, let m = members.first else { return false }
        return m.is("Value") || (m.isCollection("Properties") && m.key?.lowercased() == "value")
    }

    /// `Properties[P]` or a bare `P`.
    private static func propertyName(_ m: PropertyPathSyntax.Member) -> String? {
        if m.isCollection("Properties") { return m.key }
        return m.key == nil ? m.name : nil
    }

    /// The executable the names lead to, found by a loop (never recursion) so that a deep
    /// package or a long path costs no stack. Names match exactly, else by case when unique.
    private func locate(_ names: [String], in package: Package) throws -> WritableKeyPath<Package, Executable> {
        var path: WritableKeyPath<Package, Executable> = \Package.root
        var current = package.root
        for name in names {
            guard let i = NearbyNames.index(of: name, in: current.executables, by: \.name) else {
                let hint = NearbyNames.hint(for: name, among: current.executables.map(\.name))
                throw notFound("\"\(current.name)\" has no executable \"\(name)\"\(hint)")
            }
            path = path.appending(path: \Executable.executables[i])
            current = current.executables[i]
        }
        return path
    }
}

/// `$Package::Name` or `$Project::Name` inside `Variables[…]`.
struct ParameterReference {
    enum Scope: String { case package = "$Package", project = "$Project" }
    var scope: Scope
    var name: String

    init(scope: Scope, name: String) {
        self.scope = scope
        self.name = name
    }

    init?(_ key: String) {
        let lower = key.lowercased()
        for scope in [Scope.package, .project] where lower.hasPrefix(scope.rawValue.lowercased() + "::") {
            self.init(scope: scope, name: String(key.dropFirst(scope.rawValue.count + 2)))
            return
        }
        return nil
    }
}
