/// Whether a copy, move or rename would put its target on top of its own source: the shapes
/// that lose data when a target is replaced (deleting a target that holds the source deletes
/// the source) or that never end (copying a directory into itself).
///
/// ```swift
/// FileOverlap(source: "/d/x/x", target: "/d/x", directories: true).problem
/// // "the destination contains the source"
/// ```
///
/// Both paths have their directories resolved (``RealPath/locate(_:)``); the comparison is by
/// ``FileIdentity``, so `..` after a symbolic link, hard links and bind mounts are all seen
/// through. A source that is a symbolic link counts as what it points at.
struct FileOverlap {
    let source: String
    let target: String
    /// True for directory operations, where one path can lie inside the other.
    let directories: Bool

    /// Why the paths may not be used together, or nil when they do not meet.
    var problem: String? {
        let sourceID = FileIdentity.of(source)
        let targetID = FileIdentity.of(target)
        if source == target || (sourceID != nil && sourceID == targetID) {
            return directories
                ? "the destination is the source directory itself"
                : "the destination is the source file itself (the same path, a hard link or a symbolic link to it)"
        }
        guard directories, let sourceID else { return nil }
        if FileIdentity.chain(from: RealPath.parent(of: target)).contains(sourceID) {
            return "the destination lies inside the source directory"
        }
        guard let targetID else { return nil }
        // Where the source is written (a link's own directory) and where its data really is.
        var holders = FileIdentity.chain(from: RealPath.parent(of: source))
        if let real = RealPath.resolve(source) { holders.formUnion(FileIdentity.chain(from: RealPath.parent(of: real))) }
        if holders.contains(targetID) { return "the destination contains the source directory" }
        return nil
    }
}
