// MARK: - 80001-80049 the catalog: its store (SluiceCatalog), and later its server

extension MessageCatalog {
    static let catalogMessages: [SluiceMessage] = [
        .catalogNameInvalid, .catalogDescriptionInvalid, .catalogFolderNotFound, .catalogFolderExists,
        .catalogFolderNotEmpty, .catalogProjectNotFound, .catalogProjectExists, .catalogVersionNotFound,
        .catalogPackageNotFound, .catalogDeployPackageInvalid, .catalogStoreFailed, .catalogOpenFailed,
        .catalogSchemaNewer,
    ]
}

extension SluiceMessage {
    /// `{name}` is the name with control characters escaped, never raw.
    public static let catalogNameInvalid = SluiceMessage(
        80001, "SLUICE_E_CATALOG_NAME_INVALID", "The {kind} name \"{name}\" is refused: {reason}")
    public static let catalogDescriptionInvalid = SluiceMessage(
        80002, "SLUICE_E_CATALOG_DESCRIPTION_INVALID", "The description of {kind} \"{name}\" is refused: {reason}")
    public static let catalogFolderNotFound = SluiceMessage(
        80003, "SLUICE_E_CATALOG_FOLDER_NOT_FOUND", "The catalog has no folder \"{folder}\".")
    public static let catalogFolderExists = SluiceMessage(
        80004, "SLUICE_E_CATALOG_FOLDER_EXISTS",
        "The catalog already has a folder \"{existing}\"; folder names are compared without regard to case.")
    public static let catalogFolderNotEmpty = SluiceMessage(
        80005, "SLUICE_E_CATALOG_FOLDER_NOT_EMPTY",
        "Catalog folder \"{folder}\" holds {count}: delete them first, or delete the folder recursively.")
    public static let catalogProjectNotFound = SluiceMessage(
        80006, "SLUICE_E_CATALOG_PROJECT_NOT_FOUND", "Catalog folder \"{folder}\" has no project \"{project}\".")
    public static let catalogProjectExists = SluiceMessage(
        80007, "SLUICE_E_CATALOG_PROJECT_EXISTS",
        "Catalog folder \"{folder}\" already has a project \"{existing}\"; project names are compared without regard to case.")
    public static let catalogVersionNotFound = SluiceMessage(
        80008, "SLUICE_E_CATALOG_VERSION_NOT_FOUND", "Project \"{project}\" in catalog folder \"{folder}\" has no version {version}.")
    public static let catalogPackageNotFound = SluiceMessage(
        80009, "SLUICE_E_CATALOG_PACKAGE_NOT_FOUND", "Project \"{project}\" in catalog folder \"{folder}\" has no package \"{package}\".")
    public static let catalogDeployPackageInvalid = SluiceMessage(
        80010, "SLUICE_E_CATALOG_DEPLOY_PACKAGE_INVALID",
        "Deploying project \"{project}\" to catalog folder \"{folder}\" failed, and nothing was deployed: package \"{package}\" does not load: {reason}")
    public static let catalogStoreFailed = SluiceMessage(
        80011, "SLUICE_E_CATALOG_STORE_FAILED", "The catalog store \"{store}\" failed while it would {action}: {reason}")
    public static let catalogOpenFailed = SluiceMessage(
        80012, "SLUICE_E_CATALOG_OPEN_FAILED", "The catalog at \"{store}\" could not be opened: {reason}")
    public static let catalogSchemaNewer = SluiceMessage(
        80013, "SLUICE_E_CATALOG_SCHEMA_NEWER",
        "The catalog at \"{store}\" was written by a newer Sluice (its migrations: {migrations}); this one knows up to \"{known}\".")
}
