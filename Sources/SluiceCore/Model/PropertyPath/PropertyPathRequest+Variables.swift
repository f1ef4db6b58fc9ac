/// Variables and parameters.
extension PropertyPathRequest {
    /// `Variables[User::X]`, or `Variables[X]`: SSIS looks in User first; a bare name declared
    /// only in other namespaces is taken when there is one, and refused when there are several.
    func setVariable(_ key: String, on executable: inout Executable) throws {
        let wanted = QualifiedName(parsing: key)
        // The runtime creates System variables, so they are never declared, and always read-only.
        if wanted.namespace == Variable.systemNamespace { throw SluiceError(.variableReadOnly, ["name": key]) }
        let variables = executable.variables
        var found: Int?
        if let namespace = wanted.namespace {
            found = variables.firstIndex { $0.namespace == namespace && $0.name == wanted.name }
        } else if let user = variables.firstIndex(where: { $0.namespace == Variable.userNamespace && $0.name == wanted.name }) {
            found = user
        } else {
            let others = variables.indices.filter { variables[$0].name == wanted.name }
            if others.count > 1 {
                let names = others.map { "\(variables[$0].namespace)::\(variables[$0].name)" }
                throw SluiceError(.setVariableAmbiguous, [
                    "path": path, "executable": executable.name, "name": wanted.name,
                    "candidates": names.joined(separator: ", "), "example": names[0],
                ])
            }
            found = others.first
        }
        guard let i = found else {
            // A bare name is compared with bare names, a qualified one with qualified names.
            let names = variables.map { wanted.namespace == nil ? $0.name : "\($0.namespace)::\($0.name)" }
            let hint = NearbyNames.hint(for: key, among: names, noun: "it declares")
            throw notFound("\"\(executable.name)\" declares no variable \"\(key)\"\(hint)")
        }
        // dtexec refuses to /Set a read-only variable; so does Sluice (and a checkpoint never saves one).
        if variables[i].namespace == Variable.systemNamespace || variables[i].readOnly {
            throw SluiceError(.variableReadOnly, ["name": key])
        }
        executable.variables[i].value = try value(as: variables[i].type)
    }

    /// `Variables[$Package::P]` / `Variables[$Project::P]`. `$Sensitive::` marks the parameter
    /// sensitive; a sensitive parameter's value is never shown, with or without it.
    func setParameter(_ reference: ParameterReference, in package: inout Package, project: inout [Parameter]?) throws {
        switch reference.scope {
        case .package:
            try setParameter(reference, in: &package.parameters)
        case .project:
            guard var parameters = project else {
                throw notFound("the package was not run from a project, so it has no $Project:: parameters")
            }
            try setParameter(reference, in: &parameters)
            project = parameters
        }
    }

    private func setParameter(_ reference: ParameterReference, in parameters: inout [Parameter]) throws {
        guard let i = NearbyNames.index(of: reference.name, in: parameters, by: \.name) else {
            let hint = NearbyNames.hint(for: reference.name, among: parameters.map(\.name), noun: "it has")
            throw notFound("there is no \(reference.scope.rawValue)::\(reference.name) parameter\(hint)")
        }
        parameters[i].value = try value(as: parameters[i].type, hidden: parameters[i].sensitive)
        if sensitive { parameters[i].sensitive = true }
    }
}
