// MARK: - 10110-10129 project archives (.sluiceproj, SluiceArchive), 50074-50079 `sluice project pack`

extension MessageCatalog {
    static let projectArchiveMessages: [SluiceMessage] = [
        .archiveNotFound, .archiveUnreadable, .archiveTooLarge, .archiveCorrupt, .archiveEntryPathTraversal,
        .archiveEntryPathAbsolute, .archiveEntryNameInvalid, .archiveEntryDuplicate, .archiveEntryNotRegular,
        .archiveEntryInFolder, .archiveTooManyEntries, .archiveEntryTooLarge, .archiveContentTooLarge,
        .archiveCompressionRatio, .archiveEntryEncrypted, .archiveCRCMismatch, .archiveProjectFileMissing,
        .archiveEntryUnsupported, .archiveUnwritable, .archivePackageMissing,
    ]
    static let projectArchiveCommandLineMessages: [SluiceMessage] = [.projectPackInputInvalid]
}

extension SluiceMessage {
    public static let archiveNotFound = SluiceMessage(
        10110, "SLUICE_E_ARCHIVE_NOT_FOUND", "No project archive at \"{path}\".")
    public static let archiveUnreadable = SluiceMessage(
        10111, "SLUICE_E_ARCHIVE_UNREADABLE", "Project archive \"{path}\" could not be read: {reason}")
    public static let archiveTooLarge = SluiceMessage(
        10112, "SLUICE_E_ARCHIVE_TOO_LARGE", "Project archive \"{path}\" is {bytes} bytes, above the limit of {limit}.")
    public static let archiveCorrupt = SluiceMessage(
        10113, "SLUICE_E_ARCHIVE_CORRUPT", "Project archive \"{path}\" is not a readable zip archive: {reason}")
    public static let archiveEntryPathTraversal = SluiceMessage(
        10114, "SLUICE_E_ARCHIVE_ENTRY_PATH_TRAVERSAL",
        "Project archive \"{path}\": entry \"{entry}\" climbs out of the project with \"..\".")
    public static let archiveEntryPathAbsolute = SluiceMessage(
        10115, "SLUICE_E_ARCHIVE_ENTRY_PATH_ABSOLUTE", "Project archive \"{path}\": entry \"{entry}\" is an absolute path.")
    /// `{entry}` is the name with control characters and invalid UTF-8 escaped, never raw.
    public static let archiveEntryNameInvalid = SluiceMessage(
        10116, "SLUICE_E_ARCHIVE_ENTRY_NAME_INVALID", "Project archive \"{path}\": entry name \"{entry}\" is refused: {reason}")
    public static let archiveEntryDuplicate = SluiceMessage(
        10117, "SLUICE_E_ARCHIVE_ENTRY_DUPLICATE",
        "Project archive \"{path}\": entries \"{entry}\" and \"{other}\" have the same name (letter case and Unicode normalization ignored).")
    public static let archiveEntryNotRegular = SluiceMessage(
        10118, "SLUICE_E_ARCHIVE_ENTRY_NOT_REGULAR",
        "Project archive \"{path}\": entry \"{entry}\" is {kind}, not a regular file.")
    public static let archiveEntryInFolder = SluiceMessage(
        10119, "SLUICE_E_ARCHIVE_ENTRY_IN_FOLDER",
        "Project archive \"{path}\": entry \"{entry}\" is in a folder; a project's files sit at the archive's root.")
    public static let archiveTooManyEntries = SluiceMessage(
        10120, "SLUICE_E_ARCHIVE_TOO_MANY_ENTRIES", "Project archive \"{path}\" has {count} entries, above the limit of {limit}.")
    public static let archiveEntryTooLarge = SluiceMessage(
        10121, "SLUICE_E_ARCHIVE_ENTRY_TOO_LARGE",
        "Project archive \"{path}\": entry \"{entry}\" inflates to more than {limit} bytes.")
    public static let archiveContentTooLarge = SluiceMessage(
        10122, "SLUICE_E_ARCHIVE_CONTENT_TOO_LARGE",
        "Project archive \"{path}\": its entries inflate to more than {limit} bytes in all.")
    public static let archiveCompressionRatio = SluiceMessage(
        10123, "SLUICE_E_ARCHIVE_COMPRESSION_RATIO",
        "Project archive \"{path}\": entry \"{entry}\" inflates to more than {limit} times its compressed size of {compressed} bytes.")
    public static let archiveEntryEncrypted = SluiceMessage(
        10124, "SLUICE_E_ARCHIVE_ENTRY_ENCRYPTED", "Project archive \"{path}\": entry \"{entry}\" is encrypted.")
    public static let archiveCRCMismatch = SluiceMessage(
        10125, "SLUICE_E_ARCHIVE_CRC_MISMATCH",
        "Project archive \"{path}\": entry \"{entry}\" has CRC-32 {actual}, but the archive says {expected}.")
    public static let archiveProjectFileMissing = SluiceMessage(
        10126, "SLUICE_E_ARCHIVE_PROJECT_FILE_MISSING", "Project archive \"{path}\" holds no project.sluice.json at its root.")
    public static let archiveEntryUnsupported = SluiceMessage(
        10127, "SLUICE_E_ARCHIVE_ENTRY_UNSUPPORTED", "Project archive \"{path}\": entry \"{entry}\": {reason}")
    public static let archiveUnwritable = SluiceMessage(
        10128, "SLUICE_E_ARCHIVE_UNWRITABLE", "Could not write \"{path}\": {reason}")
    public static let archivePackageMissing = SluiceMessage(
        10129, "SLUICE_E_ARCHIVE_PACKAGE_MISSING",
        "Project archive \"{path}\": the project lists the package \"{name}\", which the archive does not hold.")

    public static let projectPackInputInvalid = SluiceMessage(
        50074, "SLUICE_E_PROJECT_PACK_INPUT_INVALID",
        "sluice project pack takes a project folder (holding project.sluice.json); \"{path}\" is not one.")
}
