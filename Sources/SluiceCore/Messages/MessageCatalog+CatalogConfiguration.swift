// MARK: - 80080-80099 the catalog's configuration: parameters, environments, references, secrets

extension MessageCatalog {
    static let catalogConfigurationMessages: [SluiceMessage] = [
        .catalogParameterNotFound, .catalogParameterNameInvalid, .catalogValueInvalid, .catalogEnvironmentNotFound,
        .catalogEnvironmentExists, .catalogEnvironmentReferenced, .catalogVariableNotFound, .catalogVariableUnprotectNeedsValue,
        .catalogReferenceNotFound, .catalogReferenceExists, .catalogKeyFileInvalid, .catalogKeyWrong, .catalogSecretUnreadable,
    ]
}

extension SluiceMessage {
    public static let catalogParameterNotFound = SluiceMessage(
        80080, "SLUICE_E_CATALOG_PARAMETER_NOT_FOUND", "{owner} in catalog folder \"{folder}\" has no parameter \"{parameter}\".")
    /// `{name}` is escaped, never raw.
    public static let catalogParameterNameInvalid = SluiceMessage(
        80081, "SLUICE_E_CATALOG_PARAMETER_NAME_INVALID",
        "The {kind} name \"{name}\" is refused: a name is a letter or _, then letters, digits or _, at most 128 characters.")
    /// Never carries the value: it may be a secret.
    public static let catalogValueInvalid = SluiceMessage(
        80082, "SLUICE_E_CATALOG_VALUE_INVALID", "The value given for {kind} \"{name}\" is not a {type}: {reason}")
    public static let catalogEnvironmentNotFound = SluiceMessage(
        80083, "SLUICE_E_CATALOG_ENVIRONMENT_NOT_FOUND", "Catalog folder \"{folder}\" has no environment \"{environment}\".")
    public static let catalogEnvironmentExists = SluiceMessage(
        80084, "SLUICE_E_CATALOG_ENVIRONMENT_EXISTS",
        "Catalog folder \"{folder}\" already has an environment \"{existing}\"; environment names are compared without regard to case.")
    public static let catalogEnvironmentReferenced = SluiceMessage(
        80085, "SLUICE_E_CATALOG_ENVIRONMENT_REFERENCED",
        "Environment \"{environment}\" in catalog folder \"{folder}\" is referenced by {count} project reference(s): delete them first, or force the delete.")
    public static let catalogVariableNotFound = SluiceMessage(
        80086, "SLUICE_E_CATALOG_VARIABLE_NOT_FOUND", "Environment \"{environment}\" in catalog folder \"{folder}\" has no variable \"{variable}\".")
    public static let catalogVariableUnprotectNeedsValue = SluiceMessage(
        80087, "SLUICE_E_CATALOG_VARIABLE_UNPROTECT_NEEDS_VALUE",
        "Variable \"{variable}\" of environment \"{environment}\" stays sensitive: making it plain needs a new value in the same change.")
    public static let catalogReferenceNotFound = SluiceMessage(
        80088, "SLUICE_E_CATALOG_REFERENCE_NOT_FOUND", "Project \"{project}\" in catalog folder \"{folder}\" has no environment reference {reference}.")
    public static let catalogReferenceExists = SluiceMessage(
        80089, "SLUICE_E_CATALOG_REFERENCE_EXISTS", "Project \"{project}\" in catalog folder \"{folder}\" already references {target}.")
    public static let catalogKeyFileInvalid = SluiceMessage(
        80090, "SLUICE_E_CATALOG_KEY_FILE_INVALID", "The catalog key file \"{file}\" is refused: {reason}")
    public static let catalogKeyWrong = SluiceMessage(
        80091, "SLUICE_E_CATALOG_KEY_WRONG",
        "The key in \"{file}\" is not the key of the catalog at \"{store}\": its sealed values would not open.")
    public static let catalogSecretUnreadable = SluiceMessage(
        80092, "SLUICE_E_CATALOG_SECRET_UNREADABLE",
        "A sealed value of the catalog at \"{store}\" ({what}) does not open with the catalog's key: it was altered or moved.")
}
