import Foundation
import SluiceCore
import SluiceRegistry
import SluiceRuntime

/// The Execute Package task: runs a child package from a file in this process, binding parent
/// variables to the child's parameters and variables. The child's events come back to the
/// parent as events of this task; canceling the parent cancels the child.
///
/// With `useProjectReference` the child is another package of the same project, named by
/// `packageName` (SSIS's ReferenceType "Project Reference"), and it sees the project's
/// parameters, with this run's values, and connection managers.
public final class ExecutePackageTask: TaskComponent, @unchecked Sendable {
    public static let descriptor = ComponentDescriptor(
        id: "sluice.executePackage", kind: .task, displayName: "Execute Package",
        description: "Runs a child package file, passing parent variables to its parameters and variables.",
        version: "1.0.0",
        properties: [
            PropertySpec("packagePath", .string, "The child package file."),
            PropertySpec(
                "connection", .string,
                "A sluice.file connection manager (or a plugin's that follows it) holding the child's path, "
                    + "instead of packagePath."),
            PropertySpec(
                "useProjectReference", .boolean, default: false,
                "Run a package of this package's project, named by packageName (SSIS ReferenceType Project Reference)."),
            PropertySpec("packageName", .string, "The project package to run, e.g. \"Child\" or \"Child.sluice.json\"."),
            PropertySpec(
                "parameterBindings", .stringList,
                "Child parameter = parent variable or parameter, e.g. [\"Region=User::Region\", \"Limit=$Package::Limit\"]."),
            PropertySpec(
                "variableBindings", .stringList,
                "Child package variable = parent variable, e.g. [\"User::RunDate=User::Today\"] (SSIS parent package variables)."),
            PropertySpec(
                "executeOutOfProcess", .boolean, default: false,
                "Run the child in its own sluice process (SSIS ExecuteOutOfProcess); it does not see or write parent variables."),
        ])

    /// Child packages deeper than this are refused: packages that call each other in a loop.
    static let maximumDepth = 16

    private let registry: ComponentRegistry
    private let path: String?
    private let connection: StockConnection?
    /// The project package to run, when the task uses a project reference.
    private let projectPackage: String?
    private let parameterBindings: [(child: String, parent: String)]
    private let variableBindings: [(child: String, parent: String)]
    private let outOfProcess: Bool

    public init(_ properties: ResolvedProperties, registry: ComponentRegistry) throws {
        self.registry = registry
        path = properties.optionalString("packagePath").flatMap { $0.isEmpty ? nil : $0 }
        connection = properties.nonEmptyString("connection").map {
            StockConnection(property: "connection", name: $0, kind: PathSetting.connectionKind)
        }
        let packageName = properties.nonEmptyString("packageName")
        if properties.bool("useProjectReference") {
            guard let packageName, path == nil, connection == nil else {
                throw SluiceError(.packageFieldInvalid, [
                    "location": "\(properties.owner).properties",
                    "reason": "useProjectReference takes packageName, and neither packagePath nor connection",
                ])
            }
            projectPackage = packageName
        } else {
            guard (path == nil) != (connection == nil), packageName == nil else {
                throw SluiceError(.packageFieldInvalid, [
                    "location": "\(properties.owner).properties",
                    "reason": "give exactly one of packagePath and connection (packageName needs useProjectReference)",
                ])
            }
            projectPackage = nil
        }
        parameterBindings = try Self.bindings(properties.stringList("parameterBindings"), owner: properties.owner)
        variableBindings = try Self.bindings(properties.stringList("variableBindings"), owner: properties.owner)
        outOfProcess = properties.bool("executeOutOfProcess")
    }

    private static func bindings(_ items: [String], owner: String) throws -> [(String, String)] {
        try items.map { item in
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw SluiceError(.packageFieldInvalid, ["location": "\(owner).properties", "reason": "binding \"\(item)\" is not CHILD=PARENT"])
            }
            return (parts[0], parts[1])
        }
    }

    public func validate(in context: any TaskContext) throws {
        for (_, parent) in parameterBindings + variableBindings { _ = try read(parent, in: context) }
        let (childPath, loadable) = try pathAtValidation(in: context)
        try checkDepth(childPath, in: context)
        if outOfProcess { _ = try SluiceExecutable.locate() }
        // Out of process, the child sees no parent variables (it validates as run alone).
        let parentScope = outOfProcess ? nil : ParentScope(of: context)
        // A plugin connection's file may exist only once acquired: the child is validated
        // when it runs, as every package run validates first.
        guard loadable else { return }
        let child = try bind(try PackageFile.load(from: childPath), in: context)
        let validations = context.childPackageValidations ?? ChildPackageValidations()
        let problems = validations.problems(of: validationKey(childPath, parentScope)) {
            let found = Locked<[ChildPackageValidations.Problem]>([])
            var options = RunOptions(packageDepth: context.packageDepth + 1)
            options.childPackageValidations = validations
            options.project = childProject(of: context)
            options.parentScope = parentScope
            options.sensitiveTexts = context.sensitiveTexts
            options.eventSink = ClosureEventSink { e in
                guard e.kind == .error || e.kind == .warning else { return }
                found.withLock { $0.append(.init(isError: e.kind == .error, code: e.code, message: e.message)) }
            }
            _ = PackageRunner(registry: registry).validate(child, options: options)
            return found.withLock { $0 }
        }
        guard let problems else {
            context.raise(.warning(code: SluiceMessage.childPackageRecursive.code, message: SluiceError(.childPackageRecursive, [
                "executable": context.executableName, "path": childPath, "limit": String(Self.maximumDepth),
            ]).description))
            return
        }
        for p in problems {
            let message = "child package \(childPath): \(p.message)"
            context.raise(p.isError ? .error(code: p.code, message: message) : .warning(code: p.code, message: message))
        }
        if problems.contains(where: \.isError) { throw FailureAlreadyReported() }
    }

    /// What makes two validations of a child the same: the file (device and inode, so links and
    /// other spellings of the path count once), the names bound into it and the names and types
    /// of the parent variables it sees.
    private func validationKey(_ path: String, _ parentScope: ParentScope?) -> String {
        var info = stat()
        let file = stat(path, &info) == 0 ? "\(info.st_dev):\(info.st_ino)" : path
        let bound = (parameterBindings + variableBindings).map { "\($0.child)=\($0.parent)" }.joined(separator: ",")
        // The same file run by project reference sees `$Project::` parameters; run by path it
        // does not: two validations, or one would vouch for the other.
        let reference = projectPackage == nil ? "path" : "project"
        return file + "|" + bound + "|" + (parentScope?.signature ?? "") + "|" + reference
    }

    public func execute(in context: any TaskContext) throws -> TaskOutcome {
        let depth = context.packageDepth
        let childPath = try acquiredPath(in: context)
        try checkDepth(childPath, in: context)
        let child = try bind(try PackageFile.load(from: childPath), in: context)
        if outOfProcess { return try executeOutOfProcess(child, childPath, in: context) }
        let cancellation = RunCancellation()
        let done = Locked(false)
        // Parent cancel → child cancel: a small watcher, ended when the child finishes.
        Thread.detachNewThread {
            while !done.withLock({ $0 }) {
                if context.isCanceled { cancellation.cancel(reason: "the parent package was canceled") }
                usleep(20_000)
            }
        }
        defer { done.withLock { $0 = true } }
        let sink = ForwardingSink(context: context)
        // The child's own file, so that its checkpoint file can be refused when it names it.
        var options = RunOptions(eventSink: sink, cancellation: cancellation, packageDepth: depth + 1, packageFile: childPath)
        if let validations = context.childPackageValidations { options.childPackageValidations = validations }
        options.project = childProject(of: context)
        options.parentScope = ParentScope(of: context)
        // One redactor for the run tree: the child masks the parent's secrets (bound into its
        // variables, say) in its own log files too, and the parent what the child derives.
        options.sensitiveTexts = context.sensitiveTexts
        let result = PackageRunner(registry: registry).run(child, options: options)
        switch result.result {
        case .success, .completion: return .success()
        case .canceled: return .canceled
        case .failure:
            throw SluiceError(.childPackageFailed, ["path": childPath, "executable": context.executableName, "result": "Failure"])
        }
    }

    /// Runs the bound child in its own `sluice run`: the values bound into it, and this run's
    /// project parameter values, go through the values file; the exit code is the result.
    private func executeOutOfProcess(_ child: Package, _ childPath: String, in context: any TaskContext) throws -> TaskOutcome {
        var parameters = child.parameters.filter { !$0.value.isNull }.map { ($0.name, $0.value.description) }
        var target = OutOfProcessChild.Target.file(childPath)
        if let projectPackage, let project = context.project {
            target = .project(folder: project.folder, package: projectPackage)
            parameters += project.project.parameters.filter { !$0.value.isNull }.map { ("$Project::\($0.name)", $0.value.description) }
        }
        let sets = variableBindings.compactMap { binding -> (String, String)? in
            let q = QualifiedName(parsing: binding.child)
            guard let v = child.variables.first(where: { q.matches(namespace: $0.namespace, name: $0.name) }), !v.value.isNull else { return nil }
            return ("\\Package.Variables[\(v.qualifiedName)].Value", v.value.description)
        }
        var process = OutOfProcessChild(sluice: try SluiceExecutable.locate(), target: target, parameters: parameters, sets: sets)
        process.secrets = context.sensitiveTexts?.all ?? []
        guard let code = try process.run(in: context) else { return .canceled }
        guard code == 0 else {
            throw SluiceError(.childPackageFailed, ["path": childPath, "executable": context.executableName, "result": "exit code \(code)"])
        }
        return .success()
    }

    /// Validation and execution both recurse into the child; a package that runs itself would
    /// never end, so depth is bounded.
    private func checkDepth(_ childPath: String, in context: any TaskContext) throws {
        guard context.packageDepth < Self.maximumDepth else {
            throw SluiceError(.childPackageTooDeep, [
                "executable": context.executableName, "path": childPath, "depth": String(context.packageDepth + 1),
            ])
        }
    }

    /// The child's path at validation, and whether the file can be read then: not for a
    /// plugin connection, which is acquired (and may produce the file) only at execution.
    private func pathAtValidation(in context: any TaskContext) throws -> (path: String, loadable: Bool) {
        if let projectPackage { return (try projectPackagePath(projectPackage, in: context), true) }
        guard let connection else { return (path ?? "", true) }
        let checked = try connection.check(in: context)
        return (checked.manager.connectionString, !checked.isPlugin)
    }

    /// The child's path at execution: `packagePath`, or the connection's once acquired.
    private func acquiredPath(in context: any TaskContext) throws -> String {
        if let projectPackage { return try projectPackagePath(projectPackage, in: context) }
        guard let connection else { return path ?? "" }
        return try connection.acquire(in: context)
    }

    /// The file of a package of the running package's project.
    private func projectPackagePath(_ name: String, in context: any TaskContext) throws -> String {
        guard let project = context.project else {
            throw SluiceError(.projectReferenceOutsideProject, ["executable": context.executableName, "name": name])
        }
        return try project.packagePath(named: name)
    }

    /// The project a child run sees: the parent's, with its values, for a project reference
    /// only (a package file run by path is outside the project, as in SSIS).
    private func childProject(of context: any TaskContext) -> ProjectScope? {
        projectPackage == nil ? nil : context.project
    }

    /// A parent value: a variable, or a parameter written `$Package::Name` or `$Project::Name`.
    private func read(_ name: String, in context: any TaskContext) throws -> TypedValue {
        name.hasPrefix("$") ? try context.parameter(name) : try context.variable(name)
    }

    /// The child with the parent's values bound into its parameters and package variables.
    /// A sensitive parent parameter binds only to a sensitive child parameter: SSIS refuses
    /// the rest ("Sensitive parameters cannot be mapped to non-sensitive parameters", Execute
    /// Package Task Editor), as a variable or plain parameter shows its value in events.
    private func bind(_ child: Package, in context: any TaskContext) throws -> Package {
        var child = child
        let parentScope = ParentScope(of: context)
        func isSensitive(_ parent: String) -> Bool { parent.hasPrefix("$") && parentScope?.isSensitiveParameter(parent) == true }
        for (name, parent) in parameterBindings {
            guard let i = child.parameters.firstIndex(where: { $0.name == name }) else {
                throw SluiceError(.parameterNotFound, ["name": "\(name) (in the child package)"])
            }
            let target = "parameter $Package::\(name)"
            let sensitive = isSensitive(parent)
            if sensitive, !child.parameters[i].sensitive {
                throw SluiceError(.sensitiveBindingToNonSensitive, ["executable": context.executableName, "parent": parent, "target": target])
            }
            child.parameters[i].value = try converted(
                read(parent, in: context), to: child.parameters[i].type, sensitive: sensitive,
                names: (parent, target), in: context)
        }
        for (name, parent) in variableBindings {
            let q = QualifiedName(parsing: name)
            guard let i = child.variables.firstIndex(where: { q.matches(namespace: $0.namespace, name: $0.name) }) else {
                throw SluiceError(.variableNotFound, ["name": name, "container": "the child package"])
            }
            if isSensitive(parent) {
                throw SluiceError(.sensitiveBindingToNonSensitive, [
                    "executable": context.executableName, "parent": parent, "target": "variable \(name)",
                ])
            }
            child.variables[i].value = try read(parent, in: context).value.converted(to: child.variables[i].type)
        }
        return child
    }

    /// A bound value in the child's type; a sensitive one fails without quoting the value (a
    /// conversion error names it).
    private func converted(
        _ value: TypedValue, to type: DataType, sensitive: Bool, names: (parent: String, target: String), in context: any TaskContext
    ) throws -> Value {
        guard sensitive else { return try value.value.converted(to: type) }
        do { return try value.value.converted(to: type) } catch {
            throw SluiceError(.sensitiveBindingConversion, [
                "executable": context.executableName, "parent": names.parent, "type": type.rawValue, "target": names.target,
            ])
        }
    }
}

/// Re-raises a child package's messages as events of the Execute Package task.
private struct ForwardingSink: EventSink {
    let context: any TaskContext

    func receive(_ event: RuntimeEvent) {
        // Events a grandchild's Execute Package task forwarded already name where they began:
        // one origin is enough, however deep the packages go.
        let where_ = event.message.hasPrefix("[\\") ? "" : "[\(event.source.path)] "
        switch event.kind {
        case .error: context.raise(.error(code: event.code, message: where_ + event.message))
        case .warning: context.raise(.warning(code: event.code, message: where_ + event.message))
        case .information: context.raise(.information(code: event.code, message: where_ + event.message))
        case .progress: context.raise(.progress(percent: event.percent ?? 0, message: where_ + event.message))
        case .custom: context.raise(.custom(name: event.customName ?? "", text: where_ + event.message))
        default: break
        }
    }
}
