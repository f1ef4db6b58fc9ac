// MARK: - 80118-80124 the catalog server's security, version and operations handlers

extension MessageCatalog {
    static let catalogServerSecurityMessages: [SluiceMessage] = [
        .catalogServerRoleMemberUnknown, .catalogServerCurrentPasswordWrong, .catalogServerOperationNotFound,
        .catalogServerUserDeleteSelf,
    ]
}

extension SluiceMessage {
    /// A role names a user the catalog does not have (422: the body is well formed).
    public static let catalogServerRoleMemberUnknown = SluiceMessage(
        80118, "SLUICE_E_CATALOG_ROLE_MEMBER_UNKNOWN",
        "The roles of {object} name user \"{user}\", whom the catalog does not have; every member must be an existing user.")
    /// One answer for a missing and a wrong current password, so that the answer tells nothing more.
    public static let catalogServerCurrentPasswordWrong = SluiceMessage(
        80119, "SLUICE_E_CATALOG_CURRENT_PASSWORD_WRONG",
        "Setting the password of user \"{user}\" needs their current password as `currentPassword`; it is missing or wrong.")
    public static let catalogServerOperationNotFound = SluiceMessage(
        80120, "SLUICE_E_CATALOG_OPERATION_NOT_FOUND", "The catalog has no operation \"{operation}\".")
    public static let catalogServerUserDeleteSelf = SluiceMessage(
        80121, "SLUICE_E_CATALOG_USER_DELETE_SELF", "User \"{user}\" cannot delete themself: another administrator must.")
}
