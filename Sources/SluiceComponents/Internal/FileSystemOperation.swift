/// The operations of the File System task, named as in SSIS.
enum FileSystemOperation: String, CaseIterable, Sendable {
    case copyFile, moveFile, renameFile, deleteFile
    case createDirectory, deleteDirectory, copyDirectory, moveDirectory, deleteDirectoryContent

    /// Whether the operation writes to a second path.
    var needsDestination: Bool {
        switch self {
        case .copyFile, .moveFile, .renameFile, .copyDirectory, .moveDirectory: true
        case .deleteFile, .createDirectory, .deleteDirectory, .deleteDirectoryContent: false
        }
    }

    /// What the source must be; createDirectory's source is the directory to create.
    var sourceKind: FileItem {
        switch self {
        case .copyFile, .moveFile, .renameFile, .deleteFile: .file
        case .createDirectory, .deleteDirectory, .copyDirectory, .moveDirectory, .deleteDirectoryContent: .directory
        }
    }
}
