/// A property path in dtexec's `/Set` syntax, applied to a package before it runs.
///
/// ```swift
/// try PropertyPath.apply(#"\Package.Variables[User::Limit].Value"#, value: "10", to: &package)
/// try PropertyPath.apply(#"\package\Load\Copy.Properties[source]"#, value: "/in.csv", to: &package)
/// try PropertyPath.apply(#"$Sensitive::\Package.Variables[$Package::Password]"#, value: "s3cret", to: &package)
/// ```
/// The forms of Microsoft's "dtexec Utility" (`/Set [$Sensitive::]propertyPath;value`) and
/// "Package Configurations" pages, with the grammar's words in any case:
/// - `Variables[User::X].Value`, `Variables[User::X].Properties[Value]`, `Variables[X].Value`
///   (no namespace: User first, then the one variable of that name) on the package or any
///   container or task: `\Package\Seq\Task.Variables[User::X].Value`;
/// - `Variables[$Package::P]` and `Variables[$Project::P]` (optionally `.Value`): parameters;
///   `Parameters[P].Value` is kept as Sluice's older spelling;
/// - `Properties[P]` or `.P` of an executable: `Disable`, `DelayValidation`,
///   `FailPackageOnFailure`, `FailParentOnFailure`, `Description`, `MaximumErrorCount`,
///   `ForceExecutionResult`, `TransactionOption`, the task's component properties (typed by their declaration when
///   `propertySpecs` knows the component), and on the package `MaxConcurrentExecutables`,
///   `CheckpointFileName`, `CheckpointUsage`, `SaveCheckpoints`;
/// - `Connections[C].Properties[P]`, `Connections[C].P`: `ConnectionString`, `Description` and
///   the connection kind's declared properties.
///
/// `$Sensitive::` (dtexec: "treated as sensitive") is accepted for parameters only, which it
/// marks sensitive; a sensitive value is never part of an error message.
///
/// - Throws: `SLUICE_E_PROPERTY_PATH_INVALID` (syntax), `SLUICE_E_PROPERTY_PATH_NOT_FOUND`
///   (with the nearby names), `SLUICE_E_SET_VALUE_NOT_CONVERTIBLE`, `SLUICE_E_SET_VARIABLE_AMBIGUOUS`,
///   `SLUICE_E_SET_SENSITIVE_TARGET`, `SLUICE_E_VARIABLE_READ_ONLY`. The package is unchanged
///   when it throws.
public enum PropertyPath {
    /// dtexec's prefix for a value to be treated as sensitive.
    public static let sensitivePrefix = "$Sensitive::"

    /// The declared properties of a component or connection kind, by id; nil when unknown.
    public typealias PropertySpecs = (_ componentID: String) -> [PropertySpec]?

    public static func apply(
        _ path: String, value text: String, to package: inout Package, propertySpecs: PropertySpecs? = nil
    ) throws {
        var noProject: [Parameter]?
        try apply(path, value: text, to: &package, projectParameters: &noProject, propertySpecs: propertySpecs)
    }

    /// As above, with the parameters of the project the package was run from (nil: none), which
    /// `Variables[$Project::P]` sets.
    public static func apply(
        _ path: String, value text: String, to package: inout Package, projectParameters: inout [Parameter]?,
        propertySpecs: PropertySpecs? = nil
    ) throws {
        var noConnections: [ConnectionManager]?
        try apply(
            path, value: text, to: &package, projectParameters: &projectParameters, projectConnections: &noConnections,
            propertySpecs: propertySpecs)
    }

    /// As above, with the project's connection managers too: `\Package.Connections[C]` sets the
    /// project's `C` when the package has no connection of that name (as `--conn` does).
    public static func apply(
        _ path: String, value text: String, to package: inout Package, projectParameters: inout [Parameter]?,
        projectConnections: inout [ConnectionManager]?, propertySpecs: PropertySpecs? = nil
    ) throws {
        let sensitive = path.lowercased().hasPrefix(sensitivePrefix.lowercased())
        let bare = sensitive ? String(path.dropFirst(sensitivePrefix.count)) : path
        let request = PropertyPathRequest(path: path, text: text, sensitive: sensitive, specs: propertySpecs)
        let syntax = try PropertyPathSyntax(bare, invalid: request.invalid)
        // Work on copies, so that a failure leaves both unchanged.
        var changed = package
        var project = projectParameters
        var connections = projectConnections
        try request.apply(syntax, to: &changed, project: &project, projectConnections: &connections)
        package = changed
        projectParameters = project
        projectConnections = connections
    }
}
