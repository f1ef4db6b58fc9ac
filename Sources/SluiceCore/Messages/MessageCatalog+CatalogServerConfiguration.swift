// MARK: - 80125-80129 the catalog server's parameter, environment and reference requests

extension MessageCatalog {
    static let catalogServerConfigurationMessages: [SluiceMessage] = [
        .catalogServerParameterValueRequestInvalid, .catalogServerReferenceRequestInvalid,
    ]
}

extension SluiceMessage {
    /// A `ParameterValueRequest` whose fields do not match its `kind`; never carries the value.
    public static let catalogServerParameterValueRequestInvalid = SluiceMessage(
        80125, "SLUICE_E_CATALOG_PARAMETER_VALUE_REQUEST_INVALID",
        "The server value for parameter \"{parameter}\" is refused: a literal value gives \"value\" and no \"variable\", a referenced one gives \"variable\" and no \"value\" ({reason}).")
    /// An `EnvironmentReferenceCreateRequest` whose `folder` does not match its `kind`.
    public static let catalogServerReferenceRequestInvalid = SluiceMessage(
        80126, "SLUICE_E_CATALOG_REFERENCE_REQUEST_INVALID",
        "The reference to environment \"{environment}\" is refused: a relative reference names no folder, an absolute one names its folder ({reason}).")
}
