import Foundation
import SluiceArchive
import SluiceCore
import SluiceRegistry
import SluiceRuntime

/// One `sluice run` / `sluice validate`: load, reconfigure, validate, run, report, exit.
struct Invocation {
    var package: PackageOptions
    let host: HostOptions
    let output: OutputOptions
    let validateOnly: Bool
    let maxConcurrent: Int?
    var checkpointFile: String?
    var restart: CheckpointSettings.Usage?
    /// `--checkpointing on|off` (dtexec `/CheckPointing`); nil keeps the package's setting.
    var checkpointing: Bool?
    /// `--output NAME --format F`: a DataReader destination's rows to standard output.
    var dataOutput: DataOutputOptions?

    func perform() throws {
        let printer = try EventPrinter(output)
        var invocation = self
        if let file = package.valuesFile {
            do { try ValuesFile.apply(file, to: &invocation.package) } catch let error as SluiceError {
                printer.fatal(error)
                throw ExitStatus.badCommandLine
            }
            invocation.package.valuesFile = nil
            return try invocation.perform()
        }
        let registry = RegistryOnce(host: host, printer: printer)
        // One cancellation for the whole invocation: a signal during `validate PROJECT` stops
        // every package left, not only the one being validated.
        let cancellation = RunCancellation()
        if ProjectArchive.isArchivePath(package.file) {
            // Read and checked in memory, then written to a private folder for this run only.
            let extracted = try extractArchive(printer)
            defer { extracted.remove() }
            try perform(project: extracted.scope, printer: printer, registry: registry, cancellation: cancellation)
            return
        }
        guard ProjectFile.isProjectFolder(package.file) else {
            if package.packageName != nil {
                printer.fatal(SluiceError(.projectPackageOptionMisplaced, ["path": package.file]))
                throw ExitStatus.badCommandLine
            }
            try perform(package.file, project: nil, printer: printer, registry: registry, cancellation: cancellation)
            return
        }
        try perform(project: try loadProject(printer), printer: printer, registry: registry, cancellation: cancellation)
    }

    /// A project folder or archive: one package (`--package`), or with `validate` every one.
    private func perform(
        project: ProjectScope, printer: EventPrinter, registry: RegistryOnce, cancellation: RunCancellation
    ) throws {
        if let name = package.packageName {
            try perform(
                try projectPackagePath(name, in: project, printer), project: project, printer: printer, registry: registry,
                cancellation: cancellation)
            return
        }
        guard validateOnly else {
            printer.fatal(SluiceError(.projectPackageOptionMissing, [
                "path": package.file, "packages": project.project.packageNames.joined(separator: ", "),
            ]))
            throw ExitStatus.badCommandLine
        }
        // `validate PROJECT`: every package, each with its own summary; the worst status wins.
        var worst = ExitStatus.success
        for name in project.project.packageNames {
            do {
                try perform(
                    try projectPackagePath(name, in: project, printer), project: project, printer: printer, registry: registry,
                    cancellation: cancellation)
            } catch let status as ExitStatus where status.rawValue > worst.rawValue {
                worst = status
            } catch is ExitStatus {}
            if cancellation.isCanceled { throw ExitStatus.canceled }
        }
        throw worst
    }

    /// Loads, reconfigures, validates and (unless validating) runs one package file.
    private func perform(
        _ file: String, project: ProjectScope?, printer: EventPrinter, registry: RegistryOnce, cancellation: RunCancellation
    ) throws {
        var options = RunOptions(eventSink: printer, maxConcurrentExecutables: maxConcurrent, cancellation: cancellation, packageFile: file)
        options.project = project
        options.sensitiveTexts = printer.secrets
        for text in package.secrets { printer.secrets.add(text) }
        // From here a signal cancels (exit 3) instead of killing the process; installed once.
        SignalCancellation.installOnce(cancellation)
        var loaded = try load(file, printer)
        // Made before --set, whose task and connection properties take their declared types.
        let registry = try registry.get()
        do {
            for assignment in package.sets {
                let (path, value) = try split(assignment, option: "--set", separators: ["=", ";"])
                if path.lowercased().hasPrefix(PropertyPath.sensitivePrefix.lowercased()) { printer.secrets.add(value) }
                var projectParameters = options.project?.project.parameters
                var projectConnections = options.project?.project.connections
                try PropertyPath.apply(
                    path, value: value, to: &loaded, projectParameters: &projectParameters, projectConnections: &projectConnections
                ) { registry.entry(for: $0)?.descriptor.properties }
                if let projectParameters { options.project?.project.parameters = projectParameters }
                if let projectConnections { options.project?.project.connections = projectConnections }
            }
            try applyCheckpointOptions(to: &loaded)
            options.connectionStrings = try pairs(package.connections, option: "--conn")
            options.parameterValues = try pairs(package.parameters, option: "--param")
            for name in options.connectionStrings.keys
            where loaded.connection(named: name) == nil && project?.project.connection(named: name) == nil {
                throw SluiceError(.connectionNotFound, ["name": name])
            }
            for (name, text) in options.parameterValues {
                let parameter: Parameter?
                if name.hasPrefix("$Project::") {
                    // As --set left it: `$Sensitive::` may have made the parameter sensitive.
                    parameter = options.project?.project.parameter(named: String(name.dropFirst(10)))
                } else {
                    parameter = loaded.parameter(named: name.hasPrefix("$Package::") ? String(name.dropFirst(10)) : name)
                }
                guard let parameter else { throw SluiceError(.parameterNotFound, ["name": name]) }
                // The refusal would quote the text: a sensitive value is never shown, even a wrong one.
                _ = try Value.parse(text, as: parameter.type, sensitive: parameter.sensitive)
                if parameter.sensitive { printer.secrets.add(text) }
            }
            for p in loaded.parameters where p.sensitive { printer.secrets.add(p.value) }
            for p in options.project?.project.parameters ?? [] where p.sensitive { printer.secrets.add(p.value) }
            // A --checkpoint-file that names the package file, a log file, a directory or a
            // file that is not a checkpoint is a bad command line: refused before anything runs.
            if checkpointFile != nil, loaded.checkpoint != nil { try PackageRunner.checkCheckpointFile(of: loaded, options: options) }
            if let dataOutput { try DataReaderDestinations.requireOutputs([dataOutput.name], in: loaded) }
        } catch let error as SluiceError {
            printer.fatal(error)
            throw ExitStatus.badCommandLine
        }

        let runner = PackageRunner(registry: registry)
        let dataSink = dataOutput?.makeConsumer()
        if let dataOutput, let dataSink { options.dataReaders = DataReaderOutputs([dataOutput.name: dataSink.consumer]) }
        let result = validateOnly ? runner.validate(loaded, options: options) : runner.run(loaded, options: options)
        var status = ExitStatus(result.result)
        if !validateOnly, let dataSink {
            do { try dataSink.finish() } catch let error as SluiceError {
                printer.fatal(error)
                status = .failure
            }
        }
        if options.cancellation.isCanceled { status = .canceled }
        if output.showVariables { printer.variables(result.variables) }
        printer.summary(package: loaded.name, result: status == .canceled ? .canceled : result.result, validateOnly: validateOnly, duration: result.duration)
        throw status
    }

    /// `--checkpoint-file`, `--restart` and `--checkpointing`, over the package's own settings.
    /// dtexec: "/CheckPointing on" is SaveCheckpoints True and CheckpointUsage Always (a run
    /// fails when the file is missing); an explicit --restart still decides the usage.
    private func applyCheckpointOptions(to loaded: inout Package) throws {
        if let file = checkpointFile {
            loaded.checkpoint = CheckpointSettings(fileName: file, usage: restart ?? .ifExists, save: true)
        } else if let restart, checkpointing != false {
            guard var settings = loaded.checkpoint else {
                throw SluiceError(.commandLineInvalid, ["reason": "--restart needs --checkpoint-file (the package names no checkpoint file)"])
            }
            settings.usage = restart
            loaded.checkpoint = settings
        }
        switch checkpointing {
        case true?:
            guard var settings = loaded.checkpoint, !settings.fileName.isEmpty else { throw SluiceError(.checkpointingNeedsFile) }
            settings.save = true
            settings.usage = restart ?? .always
            loaded.checkpoint = settings
        case false?:
            loaded.checkpoint = nil
        case nil:
            break
        }
    }

    private func load(_ file: String, _ printer: EventPrinter) throws -> Package {
        do {
            return try PackageFile.load(from: file)
        } catch let error as SluiceError {
            printer.fatal(error)
            throw error.message == .packageNotFound ? ExitStatus.packageNotFound : .packageNotLoaded
        }
    }

    /// The project folder's project; a missing one is dtexec's "package not found" (exit 4).
    private func loadProject(_ printer: EventPrinter) throws -> ProjectScope {
        do {
            return try ProjectScope.load(fromFolder: package.file)
        } catch let error as SluiceError {
            printer.fatal(error)
            throw error.message == .projectNotFound ? ExitStatus.packageNotFound : .packageNotLoaded
        }
    }

    /// The archive's project, in a private folder; a missing archive is "package not found"
    /// (exit 4), a refused one "could not be loaded" (exit 5).
    private func extractArchive(_ printer: EventPrinter) throws -> ExtractedProject {
        do {
            return try ProjectArchive.read(fromFile: package.file).extract()
        } catch let error as SluiceError {
            printer.fatal(error)
            throw error.message == .archiveNotFound ? ExitStatus.packageNotFound : .packageNotLoaded
        }
    }

    /// `--package NAME` of the project; a name the project does not list is "package not found".
    private func projectPackagePath(_ name: String, in project: ProjectScope, _ printer: EventPrinter) throws -> String {
        do {
            return try project.packagePath(named: name)
        } catch let error as SluiceError {
            printer.fatal(error)
            throw ExitStatus.packageNotFound
        }
    }

    private func pairs(_ items: [String], option: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for item in items {
            let (k, v) = try split(item, option: option, separators: ["="])
            out[k] = v
        }
        return out
    }

    /// Splits `key=value` at the first separator (dtexec's `/Set path;value` works too).
    private func split(_ item: String, option: String, separators: [Character]) throws -> (String, String) {
        guard let i = item.firstIndex(where: { separators.contains($0) }), i != item.startIndex else {
            // Not quoted: a misspelt `--param '$Project::Password:s3cret'` is all value.
            throw SluiceError(.commandLineInvalid, ["reason": "\(option) expects KEY=VALUE; an argument of \(item.count) characters has no '=' (not shown: it may hold a secret)"])
        }
        return (String(item[..<i]), String(item[item.index(after: i)...]))
    }
}

/// The registry, made on first use and kept: validating every package of a project loads the
/// plugins, and reports the rejected ones, once.
final class RegistryOnce {
    private let host: HostOptions
    private let printer: EventPrinter
    private var made: ComponentRegistry?

    init(host: HostOptions, printer: EventPrinter) {
        self.host = host
        self.printer = printer
    }

    func get() throws -> ComponentRegistry {
        if let made { return made }
        let (registry, report) = try host.makeRegistry()
        for rejected in report.rejected { printer.pluginWarning(rejected) }
        made = registry
        return registry
    }
}
