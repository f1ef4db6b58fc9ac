// MARK: - 80150-80179 the catalog client and `sluice catalog` / `sluice login`

extension MessageCatalog {
    static let catalogClientMessages: [SluiceMessage] = [
        .catalogClientUnreachable, .catalogClientAnswerUnexpected, .catalogClientNoServer, .catalogCredentialsUnsafe,
        .catalogCredentialsUnreadable, .catalogCredentialsUnwritable, .catalogClientInputInvalid, .catalogClientPathInvalid,
        .catalogClientPasswordUnread, .catalogClientFileFailed, .catalogClientRefused,
    ]
}

extension SluiceMessage {
    public static let catalogClientUnreachable = SluiceMessage(
        80150, "SLUICE_E_CATALOG_CLIENT_UNREACHABLE", "The catalog server at {url} could not be reached: {reason}")
    public static let catalogClientAnswerUnexpected = SluiceMessage(
        80151, "SLUICE_E_CATALOG_CLIENT_ANSWER_UNEXPECTED", "The catalog server at {url} answered unexpectedly: {reason}")
    public static let catalogClientNoServer = SluiceMessage(
        80152, "SLUICE_E_CATALOG_CLIENT_NO_SERVER",
        "No catalog server is given: pass --server URL and --token T (or set SLUICE_CATALOG_URL and SLUICE_CATALOG_TOKEN), or run 'sluice login URL' first.")
    public static let catalogCredentialsUnsafe = SluiceMessage(
        80153, "SLUICE_E_CATALOG_CREDENTIALS_UNSAFE",
        "The credentials file \"{path}\" is refused: {reason}. Run 'chmod 600' on it (and 'chmod 700' on its folder), or log in again.")
    public static let catalogCredentialsUnreadable = SluiceMessage(
        80154, "SLUICE_E_CATALOG_CREDENTIALS_UNREADABLE", "The credentials file \"{path}\" could not be read: {reason}")
    public static let catalogCredentialsUnwritable = SluiceMessage(
        80155, "SLUICE_E_CATALOG_CREDENTIALS_UNWRITABLE", "The credentials could not be saved to \"{path}\": {reason}")
    public static let catalogClientInputInvalid = SluiceMessage(
        80156, "SLUICE_E_CATALOG_CLIENT_INPUT_INVALID", "The catalog request was not sent: {reason}")
    public static let catalogClientPathInvalid = SluiceMessage(
        80157, "SLUICE_E_CATALOG_CLIENT_PATH_INVALID", "The catalog path \"{path}\" is refused: it must be {expected}.")
    public static let catalogClientPasswordUnread = SluiceMessage(
        80158, "SLUICE_E_CATALOG_CLIENT_PASSWORD_UNREAD", "No password was read: {reason}")
    public static let catalogClientFileFailed = SluiceMessage(
        80159, "SLUICE_E_CATALOG_CLIENT_FILE_FAILED", "The file \"{path}\" could not be {action}: {reason}")
    /// For a server's refusal whose problem document carries no usable Sluice code.
    public static let catalogClientRefused = SluiceMessage(
        80160, "SLUICE_E_CATALOG_CLIENT_REFUSED", "The catalog server at {url} refused the request with HTTP {status}: {detail}")
}
