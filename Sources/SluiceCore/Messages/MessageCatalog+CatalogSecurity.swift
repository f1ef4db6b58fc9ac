// MARK: - 80050-80079 the catalog's users, tokens, permissions and roles (SluiceCatalog)

extension MessageCatalog {
    static let catalogSecurityMessages: [SluiceMessage] = [
        .catalogUserNotFound, .catalogUserExists, .catalogPasswordRefused, .catalogLastAdministrator,
        .catalogUserDisabled, .catalogTokenNotFound, .catalogTokenExpiryInvalid, .catalogBootstrapTokenRefused,
        .catalogSecurityNotApplicable, .catalogRolesTooMany, .catalogLoginRefused,
    ]
}

extension SluiceMessage {
    public static let catalogUserNotFound = SluiceMessage(
        80050, "SLUICE_E_CATALOG_USER_NOT_FOUND", "The catalog has no user \"{user}\".")
    public static let catalogUserExists = SluiceMessage(
        80051, "SLUICE_E_CATALOG_USER_EXISTS",
        "The catalog already has a user \"{existing}\"; user names are compared without regard to case.")
    /// `{reason}` names the rule, never the password.
    public static let catalogPasswordRefused = SluiceMessage(
        80052, "SLUICE_E_CATALOG_PASSWORD_REFUSED", "The password for user \"{user}\" is refused: {reason}")
    public static let catalogLastAdministrator = SluiceMessage(
        80053, "SLUICE_E_CATALOG_LAST_ADMINISTRATOR",
        "User \"{user}\" is the catalog's last enabled administrator and cannot be {action}: make another administrator first.")
    public static let catalogUserDisabled = SluiceMessage(
        80054, "SLUICE_E_CATALOG_USER_DISABLED", "User \"{user}\" is disabled.")
    public static let catalogTokenNotFound = SluiceMessage(
        80055, "SLUICE_E_CATALOG_TOKEN_NOT_FOUND", "The catalog has no token \"{token}\".")
    public static let catalogTokenExpiryInvalid = SluiceMessage(
        80056, "SLUICE_E_CATALOG_TOKEN_EXPIRY_INVALID",
        "A token for user \"{user}\" cannot expire at {expiresAt}: the expiry must be in the future and at most a year away.")
    public static let catalogBootstrapTokenRefused = SluiceMessage(
        80057, "SLUICE_E_CATALOG_BOOTSTRAP_TOKEN_REFUSED",
        "The administrator token given for the first start is refused: {reason}")
    public static let catalogSecurityNotApplicable = SluiceMessage(
        80058, "SLUICE_E_CATALOG_SECURITY_NOT_APPLICABLE", "{what} cannot be set on {object}: {reason}")
    public static let catalogRolesTooMany = SluiceMessage(
        80059, "SLUICE_E_CATALOG_ROLES_TOO_MANY",
        "The {role} role of {object} would have {count} members; a role has at most {maximum}.")
    /// The same answer for an unknown user, a wrong password and a disabled user.
    public static let catalogLoginRefused = SluiceMessage(
        80060, "SLUICE_E_CATALOG_LOGIN_REFUSED", "Login as \"{user}\" refused: wrong user name or password.")
}
