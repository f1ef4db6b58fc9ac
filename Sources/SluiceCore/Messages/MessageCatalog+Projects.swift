// MARK: - 101xx projects (SluiceCore/Model/Project*), 5006x the project options of the command line

extension MessageCatalog {
    static let projectMessages: [SluiceMessage] = [
        .projectNotFound, .projectUnreadable, .projectFormatUnknown, .projectFieldInvalid,
        .projectPackageNotFound, .projectPackagePathInvalid, .projectDuplicateName,
        .projectConnectionConflict, .projectReferenceOutsideProject, .projectUnwritable,
    ]
    static let projectCommandLineMessages: [SluiceMessage] = [.projectPackageOptionMissing, .projectPackageOptionMisplaced]
}

extension SluiceMessage {
    public static let projectNotFound = SluiceMessage(
        10100, "SLUICE_E_PROJECT_NOT_FOUND", "No project at \"{path}\": the folder or its project.sluice.json does not exist.")
    public static let projectUnreadable = SluiceMessage(
        10101, "SLUICE_E_PROJECT_UNREADABLE", "Project file \"{path}\" could not be read: {reason}")
    public static let projectFormatUnknown = SluiceMessage(
        10102, "SLUICE_E_PROJECT_FORMAT_UNKNOWN",
        "Not a Sluice project: \"format\" is {found} and \"formatVersion\" {version}; expected \"sluice.project\" and 1.")
    public static let projectFieldInvalid = SluiceMessage(
        10103, "SLUICE_E_PROJECT_FIELD_INVALID", "Invalid project at {location}: {reason}")
    public static let projectPackageNotFound = SluiceMessage(
        10104, "SLUICE_E_PROJECT_PACKAGE_NOT_FOUND", "Project \"{project}\" has no package \"{name}\"; its packages: {packages}.")
    public static let projectPackagePathInvalid = SluiceMessage(
        10105, "SLUICE_E_PROJECT_PACKAGE_PATH_INVALID",
        "Invalid project at {location}: \"{path}\" is not a file name ending in .sluice.json (a project's packages sit in its folder).")
    public static let projectDuplicateName = SluiceMessage(
        10106, "SLUICE_E_PROJECT_DUPLICATE_NAME", "The project {kind} name \"{name}\" is used more than once.")
    public static let projectConnectionConflict = SluiceMessage(
        10107, "SLUICE_E_PROJECT_CONNECTION_CONFLICT",
        "Package \"{package}\" has a connection manager \"{name}\", and so does its project: rename one (SSIS forbids the clash).")
    public static let projectReferenceOutsideProject = SluiceMessage(
        10108, "SLUICE_E_PROJECT_REFERENCE_OUTSIDE_PROJECT",
        "\"{executable}\" runs the project package \"{name}\", but this package was not run from a project (run the project folder with --package).")
    public static let projectUnwritable = SluiceMessage(
        10109, "SLUICE_E_PROJECT_UNWRITABLE", "Project file \"{path}\" could not be written: {reason}")

    public static let projectPackageOptionMissing = SluiceMessage(
        50060, "SLUICE_E_PROJECT_PACKAGE_OPTION_MISSING",
        "\"{path}\" is a project: name the package to run with --package (its packages: {packages}).")
    public static let projectPackageOptionMisplaced = SluiceMessage(
        50061, "SLUICE_E_PROJECT_PACKAGE_OPTION_MISPLACED",
        "--package names a package of a project, but \"{path}\" is not a project folder (a folder holding project.sluice.json).")
}
