import Foundation

/// What is at a path, as the File System task cares: nothing, a directory, or anything else.
enum FileItem: String {
    case missing, file, directory

    /// Follows symbolic links, except that a dangling link counts as a file: it exists (it can be
    /// deleted or overwritten) even though what it points at does not.
    static func at(_ path: String) -> FileItem {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? .directory : .file
        }
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil { return .file }
        return .missing
    }
}
