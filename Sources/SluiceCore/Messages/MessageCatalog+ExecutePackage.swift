// MARK: - 2012x Execute Package (SluiceComponents/ExecutePackageTask)

extension MessageCatalog {
    static let executePackageMessages: [SluiceMessage] = [
        .sensitiveBindingToNonSensitive, .sensitiveBindingConversion, .childProcessStartFailed, .sluiceExecutableNotFound,
        .valuesFileInvalid,
    ]
}

extension SluiceMessage {
    /// SSIS refuses the same mapping: "Sensitive parameters cannot be mapped to non-sensitive
    /// parameters" (Execute Package Task Editor, Parameters page). Never names the value.
    public static let sensitiveBindingToNonSensitive = SluiceMessage(
        20120, "SLUICE_E_SENSITIVE_BINDING_TO_NON_SENSITIVE",
        "\"{executable}\" binds the sensitive parameter {parent} to {target} of the child package, which is not "
            + "sensitive: a sensitive value may be bound only to a sensitive child parameter.")
    public static let sensitiveBindingConversion = SluiceMessage(
        20121, "SLUICE_E_SENSITIVE_BINDING_CONVERSION",
        "\"{executable}\": the value of the sensitive parameter {parent} does not convert to {type}, the type of "
            + "{target} of the child package.")
    public static let childProcessStartFailed = SluiceMessage(
        20122, "SLUICE_E_CHILD_PROCESS_START_FAILED", "The out-of-process child package could not be started: {reason}")
    public static let sluiceExecutableNotFound = SluiceMessage(
        20123, "SLUICE_E_SLUICE_EXECUTABLE_NOT_FOUND",
        "An Execute Package task runs its child out of process, but no sluice program was found: {reason}")
    public static let valuesFileInvalid = SluiceMessage(
        20124, "SLUICE_E_VALUES_FILE_INVALID", "The values file \"{path}\" (--values-file) cannot be used: {reason}")
}
