/// The bounds a project archive must keep to be read. Every one is checked against what the
/// archive really holds (the bytes inflated are counted as they come), not only against what
/// its headers declare: a zip bomb's headers lie. docs/projects.md lists them.
public struct ArchiveLimits: Sendable, Hashable {
    /// The archive file itself.
    public var maxArchiveBytes: Int
    /// Entries in the central directory: a project file and its packages.
    public var maxEntries: Int
    /// One entry, inflated.
    public var maxEntryBytes: Int
    /// All entries together, inflated.
    public var maxTotalBytes: Int
    /// Inflated bytes per compressed byte of one entry. Deflate's own best is about 1032:1; JSON
    /// packages compress some 5-20:1, and the writer stores an entry that would compress further.
    public var maxCompressionRatio: Int
    /// An entry name, in UTF-8 bytes (NAME_MAX on Linux).
    public var maxNameBytes: Int

    /// 64 MiB archive, 1024 entries, 16 MiB per entry, 64 MiB in all, 200:1, 255-byte names.
    public static let standard = ArchiveLimits(
        maxArchiveBytes: 64 << 20, maxEntries: 1024, maxEntryBytes: 16 << 20, maxTotalBytes: 64 << 20,
        maxCompressionRatio: 200, maxNameBytes: 255)

    public init(maxArchiveBytes: Int, maxEntries: Int, maxEntryBytes: Int, maxTotalBytes: Int, maxCompressionRatio: Int, maxNameBytes: Int) {
        self.maxArchiveBytes = maxArchiveBytes
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxNameBytes = maxNameBytes
    }
}
