import SluiceCore

/// Copies, moves, renames, creates and deletes files and directories, like SSIS's File System
/// task. The rules (where a copy lands, when a destination may be replaced, which overlapping
/// paths are refused, what a killed run can leave behind) are those of ``FileOperator`` and
/// docs/file-operations.md.
///
/// A path may come from a `sluice.file` connection manager, built-in or a plugin's that follows
/// sluice.file: it is acquired before the operation, so a plugin's `acquire` may produce the file.
///
/// The execution value is the path the operation produced (or removed), as `.string`.
public final class FileSystemTask: StockTask {
    public static let descriptor = ComponentDescriptor(
        id: "sluice.fileSystem", kind: .task, displayName: "File System",
        description: "Copies, moves, renames, creates or deletes files and directories.", version: "1.0.0",
        properties: [
            PropertySpec(
                "operation", .string, required: true,
                "One of " + FileSystemOperation.allCases.map(\.rawValue).joined(separator: ", ") + "."),
            PropertySpec(
                "source", .string,
                "Path the operation works on (for createDirectory, the directory to create). "
                    + "Give source, sourceVariable or sourceConnection."),
            PropertySpec(
                "destination", .string,
                "Target path of copy, move and rename operations. Copying or moving into an existing directory "
                    + "puts the item inside it; renameFile resolves a relative destination against the source's "
                    + "directory. Give destination, destinationVariable or destinationConnection."),
            PropertySpec("sourceVariable", .string, "Variable holding the source path, instead of source."),
            PropertySpec(
                "destinationVariable", .string, "Variable holding the destination path, instead of destination."),
            PropertySpec(
                "sourceConnection", .string,
                "A sluice.file connection manager (or a plugin's that follows it) holding the source path, "
                    + "acquired before the operation; instead of source."),
            PropertySpec(
                "destinationConnection", .string,
                "A sluice.file connection manager (or a plugin's that follows it) holding the destination path, "
                    + "acquired before the operation; instead of destination."),
            PropertySpec(
                "overwriteDestination", .boolean, default: .bool(false),
                "Replace an existing destination of the same kind (file or directory). For createDirectory: "
                    + "accept a directory that already exists instead of failing."),
        ])

    let operation: FileSystemOperation
    let source: PathSetting
    let destination: PathSetting?
    let overwriteDestination: Bool

    public init(_ properties: ResolvedProperties) throws {
        let name = try properties.string("operation")
        guard let operation = FileSystemOperation(rawValue: name) else {
            let names = FileSystemOperation.allCases.map(\.rawValue).joined(separator: ", ")
            throw properties.wrongValue("operation", expected: "one of \(names)", found: "\"\(name)\"")
        }
        self.operation = operation
        guard let source = try PathSetting(properties, path: "source") else {
            throw SluiceError(.propertyRequired, ["property": "source", "executable": properties.owner])
        }
        self.source = source
        destination = try PathSetting(properties, path: "destination")
        if operation.needsDestination, destination == nil {
            throw SluiceError(.propertyRequired, ["property": "destination", "executable": properties.owner])
        }
        overwriteDestination = properties.bool("overwriteDestination", default: false)
    }

    public func validate(in context: any TaskContext) throws {
        try source.check(in: context)
        try destination?.check(in: context)
        if !operation.needsDestination, destination != nil {
            let message = "\(operation.rawValue) does not use a destination; it is ignored."
            context.raise(.warning(code: 0, message: message))
        }
    }

    public func execute(in context: any TaskContext) throws -> TaskOutcome {
        if context.isCanceled { return .canceled }
        let sourcePath = try source.resolve(in: context)
        let destinationPath = operation.needsDestination ? try destination?.resolve(in: context) : nil
        let report = try FileOperator(operation: operation, overwrite: overwriteDestination)
            .perform(source: sourcePath, destination: destinationPath)
        context.raise(.information(code: 0, message: report.message))
        if let warning = report.warning { context.raise(.warning(code: warning.code, message: warning.description)) }
        return .success(.string(report.path))
    }
}
