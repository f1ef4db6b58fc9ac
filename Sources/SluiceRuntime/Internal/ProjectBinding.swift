import SluiceCore

/// The project side of one package run: the project's parameters with this run's values, and
/// which of the package's connection managers clash with the project's.
///
/// SSIS resolves `$Project::Name` against the project (Microsoft, "Integration Services (SSIS)
/// Parameters"), and its designer refuses a package connection manager named like a project
/// one; with no designer, Sluice reports the clash at validation as
/// `SLUICE_E_PROJECT_CONNECTION_CONFLICT`.
struct ProjectBinding {
    static let prefix = "$Project::"

    /// The project as the run sees it: parameter values overridden from the command line. A
    /// child package run by project reference receives this, so both see the same values.
    let scope: ProjectScope
    let parameters: [String: TypedValue]
    /// Names of the package's connection managers that the project also has.
    let connectionConflicts: [String]

    /// - Throws: `SLUICE_E_PARAMETER_NOT_FOUND` for a `$Project::` value the project does not
    ///   declare; `SLUICE_E_TYPE_MISMATCH` (or the parse error) for a value of the wrong type.
    ///   A `connectionStrings` entry naming a project connection changes it for the whole
    ///   project, so child packages run by project reference use it too.
    init(_ given: ProjectScope, package: Package, parameterValues: [String: String], connectionStrings: [String: String]) throws {
        var scope = given
        for (rawName, text) in parameterValues {
            guard let name = Self.bareName(rawName) else { continue }
            guard let i = scope.project.parameters.firstIndex(where: { $0.name == name }) else {
                throw SluiceError(.parameterNotFound, ["name": rawName])
            }
            let parameter = scope.project.parameters[i]
            scope.project.parameters[i].value = try Value.parse(text, as: parameter.type, sensitive: parameter.sensitive)
        }
        let own = Set(package.connections.map(\.name))
        for (name, text) in connectionStrings where !own.contains(name) {
            guard let i = scope.project.connections.firstIndex(where: { $0.name == name }) else { continue }
            scope.project.connections[i].connectionString = text
        }
        var parameters: [String: TypedValue] = [:]
        for p in scope.project.parameters { parameters[p.name] = TypedValue(p.type, p.value, sensitive: p.sensitive) }
        self.scope = scope
        self.parameters = parameters
        let projectNames = Set(scope.project.connections.map(\.name))
        connectionConflicts = package.connections.map(\.name).filter(projectNames.contains)
    }

    /// The package with the project's connection managers added, so every part of the run
    /// (connection strings, expressions, plugin connections) treats them as its own. A clashing
    /// name keeps the package's manager; validation reports the clash.
    func packageWithProjectConnections(_ package: Package) -> Package {
        var merged = package
        let own = Set(package.connections.map(\.name))
        merged.connections += scope.project.connections.filter { !own.contains($0.name) }
        return merged
    }

    /// `Name` of `$Project::Name`; nil for any other spelling.
    static func bareName(_ name: String) -> String? {
        name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : nil
    }
}
