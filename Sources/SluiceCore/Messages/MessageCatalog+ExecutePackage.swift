// MARK: - 2012x Execute Package (SluiceComponents/ExecutePackageTask)

extension MessageCatalog {
    static let executePackageMessages: [SluiceMessage] = [
        .sensitiveBindingToNonSensitive, .sensitiveBindingConversion,
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
}
