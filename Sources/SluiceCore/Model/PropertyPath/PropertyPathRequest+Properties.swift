/// Properties of executables, of the package and of connection managers.
extension PropertyPathRequest {
    /// The properties every executable has (SSIS's `DtsContainer`/`TaskHost`), in the case the
    /// error messages show.
    static let executableProperties = [
        "Disable", "DelayValidation", "FailPackageOnFailure", "FailParentOnFailure", "Description",
        "MaximumErrorCount", "ForceExecutionResult", "TransactionOption",
    ]
    static let packageProperties = ["MaxConcurrentExecutables", "CheckpointFileName", "CheckpointUsage", "SaveCheckpoints", "LocaleID"]

    /// A package-only property; false when `name` is not one.
    func setPackageProperty(_ name: String, of package: inout Package) throws -> Bool {
        switch name.lowercased() {
        case "maxconcurrentexecutables":
            // dtexec /MaxConcurrent: -1 (processors + 2) or a positive number.
            guard let n = Int(text), n == -1 || n > 0 else {
                throw notConvertible("DT_I4", "MaxConcurrentExecutables is -1 (processors + 2) or a positive number")
            }
            package.maxConcurrentExecutables = n
        case "localeid":
            guard let n = Int(text) else { throw notConvertible("DT_I4", "LocaleID is an integer LCID such as 1033") }
            package.locale = try PackageLocale(id: n)
        case "checkpointfilename":
            // A package without checkpoints gets SSIS's defaults: SaveCheckpoints False, CheckpointUsage Never.
            var settings = package.checkpoint ?? CheckpointSettings(fileName: text, usage: .never, save: false)
            settings.fileName = text
            package.checkpoint = settings
        case "checkpointusage":
            guard var settings = package.checkpoint else { throw needsCheckpointFile(name) }
            settings.usage = try checkpointUsage()
            package.checkpoint = settings
        case "savecheckpoints":
            guard var settings = package.checkpoint else { throw needsCheckpointFile(name) }
            settings.save = try bool()
            package.checkpoint = settings
        default:
            return false
        }
        return true
    }

    private func needsCheckpointFile(_ name: String) -> SluiceError {
        invalid("set \\Package.Properties[CheckpointFileName] before \(name): the package names no checkpoint file")
    }

    /// An executable's own property, else its component's declared one.
    func setExecutableProperty(_ name: String, on e: inout Executable, atPackage: Bool) throws {
        let declared: [PropertySpec]? = e.componentID.flatMap { id in self.specs?(id) }
        // A component property spelled exactly wins over a like-named executable property.
        if let declared, let spec = declared.first(where: { $0.name == name }) {
            e.properties[spec.name] = try converted(spec)
            return
        }
        switch name.lowercased() {
        case "disable": e.disabled = try bool()
        case "delayvalidation": e.delayValidation = try bool()
        case "failpackageonfailure": e.failPackageOnFailure = try bool()
        case "failparentonfailure": e.failParentOnFailure = try bool()
        case "description": e.description = text
        case "maximumerrorcount":
            guard let n = Int32(text.trimmingSpaces) else { throw notConvertible("DT_I4", "not an integer") }
            e.maximumErrorCount = Int(n)
        case "forceexecutionresult": e.forceExecutionResult = try forcedResult()
        case "transactionoption":
            // DTSTransactionOption: NotSupported (0), Supported (1), Required (2).
            guard let option = TransactionOption(ssisText: text) else {
                throw notConvertible("DTSTransactionOption", "TransactionOption is NotSupported, Supported or Required")
            }
            e.transactionOption = option
        default:
            try setComponentProperty(name, on: &e, specs: declared, atPackage: atPackage)
        }
    }

    private func setComponentProperty(_ name: String, on e: inout Executable, specs: [PropertySpec]?, atPackage: Bool) throws {
        let own = Self.executableProperties + (atPackage ? Self.packageProperties : [])
        guard let id = e.componentID else {
            let hint = NearbyNames.hint(for: name, among: own, noun: "its properties are")
            throw notFound("\"\(e.name)\" is a container and has no property \"\(name)\"\(hint)")
        }
        guard let specs else {
            // A component the host does not know: validation reports it and the property.
            e.properties[name] = .string(text)
            return
        }
        guard let i = NearbyNames.index(of: name, in: specs, by: \.name) else {
            let hint = NearbyNames.hint(for: name, among: specs.map(\.name) + own, noun: "its properties are")
            throw notFound("\"\(e.name)\" (\(id)) has no property \"\(name)\"\(hint)")
        }
        e.properties[specs[i].name] = try converted(specs[i])
    }

    /// `ConnectionString`, `Description`, or a property the connection kind declares.
    /// - Parameter alsoKnown: names of other connections the run has, for the suggestion.
    func setConnectionProperty(
        _ name: String, ofConnection key: String, in connections: inout [ConnectionManager], alsoKnown: [String] = []
    ) throws {
        guard let c = NearbyNames.index(of: key, in: connections, by: \.name) else {
            let hint = NearbyNames.hint(for: key, among: connections.map(\.name) + alsoKnown)
            throw notFound("no connection manager \"\(key)\"\(hint)")
        }
        switch name.lowercased() {
        case "connectionstring": connections[c].connectionString = text
        case "description": connections[c].description = text
        default:
            let connection = connections[c]
            guard let specs = specs?(connection.kind) else {
                connections[c].properties[name] = .string(text)
                return
            }
            guard let i = NearbyNames.index(of: name, in: specs, by: \.name) else {
                let hint = NearbyNames.hint(for: name, among: ["ConnectionString", "Description"] + specs.map(\.name), noun: "its properties are")
                throw notFound("connection manager \"\(connection.name)\" (\(connection.kind)) has no property \"\(name)\"\(hint)")
            }
            connections[c].properties[specs[i].name] = try converted(specs[i])
        }
    }

    // MARK: Conversions

    /// The text as the declared kind of a component property.
    private func converted(_ spec: PropertySpec) throws -> JSONValue {
        if let v = spec.kind.coerce(.string(text)) { return v }
        let reason: String =
            switch spec.kind {
            case .integer: "not an integer"
            case .real: "not a number"
            case .boolean: "expected True or False"
            case .string, .stringList: "not text"
            }
        throw notConvertible(spec.kind.rawValue, reason)
    }

    /// SSIS Boolean text: True or False in any case; 1, -1 and 0 as numbers convert.
    private func bool() throws -> Bool {
        switch text.trimmingSpaces.lowercased() {
        case "true", "1", "-1": return true
        case "false", "0": return false
        default: throw notConvertible("DT_BOOL", "expected True or False")
        }
    }

    /// `DTSForcedExecResult`: None (-1), Success (0), Failure (1), Completion (2).
    private func forcedResult() throws -> ForcedExecutionResult {
        let t = text.trimmingSpaces.lowercased()
        let numbered: [String: ForcedExecutionResult] = ["-1": .none, "0": .success, "1": .failure, "2": .completion]
        if let r = numbered[t] ?? ForcedExecutionResult.allCases.first(where: { $0.rawValue.lowercased() == t }) { return r }
        throw notConvertible("DTSForcedExecResult", "ForceExecutionResult is None, Success, Failure or Completion")
    }

    /// `DTSCheckpointUsage`: Never (0), IfExists (1), Always (2).
    private func checkpointUsage() throws -> CheckpointSettings.Usage {
        let t = text.trimmingSpaces.lowercased()
        let numbered: [String: CheckpointSettings.Usage] = ["0": .never, "1": .ifExists, "2": .always]
        if let u = numbered[t] ?? CheckpointSettings.Usage.allCases.first(where: { $0.rawValue.lowercased() == t }) { return u }
        throw notConvertible("DTSCheckpointUsage", "CheckpointUsage is Never, IfExists or Always")
    }
}

extension String {
    /// Without the spaces and tabs around it (no Foundation needed).
    fileprivate var trimmingSpaces: String {
        let isSpace = { (c: Character) in c == " " || c == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
