import SluiceCore

extension Validator {
    /// What the project adds to a package's validation: required project parameters without a
    /// value, and package connection managers named like a project one.
    func projectProblems() -> [SluiceError] {
        guard let project = run.project else { return [] }
        var problems: [SluiceError] = []
        for p in project.scope.project.parameters where p.required && project.parameters[p.name]?.value.isNull != false {
            problems.append(SluiceError(.parameterRequired, ["name": ProjectBinding.prefix + p.name]))
        }
        for name in project.connectionConflicts {
            problems.append(SluiceError(.projectConnectionConflict, ["package": run.package.name, "name": name]))
        }
        return problems
    }
}
