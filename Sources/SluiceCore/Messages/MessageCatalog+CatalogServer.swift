// MARK: - 80100-80149 the catalog server (SluiceCatalogServer, `sluice serve`)

extension MessageCatalog {
    static let catalogServerMessages: [SluiceMessage] = [
        .catalogServerRequestMalformed, .catalogServerBodyTooLarge, .catalogServerUnauthorized, .catalogServerForbidden,
        .catalogServerInternal, .catalogNotImplemented, .catalogServerRouteUnlisted, .catalogServerCursorInvalid,
        .catalogServerLimitInvalid, .catalogServerInsecureBind, .catalogServerTLSInvalid, .catalogServerBindFailed,
        .catalogServerLoginRateLimited, .catalogServerLoginFailed, .catalogServerComponentsMissing,
        .catalogServerBackendUnavailable, .catalogServerRouteNotFound, .catalogServerMediaTypeUnsupported,
    ]
}

extension SluiceMessage {
    /// A request the API's decoding refused: not JSON, an unknown field, a bad parameter.
    public static let catalogServerRequestMalformed = SluiceMessage(
        80100, "SLUICE_E_CATALOG_REQUEST_MALFORMED", "The request to {operation} is malformed: {reason}")
    public static let catalogServerBodyTooLarge = SluiceMessage(
        80101, "SLUICE_E_CATALOG_BODY_TOO_LARGE", "The request body of {operation} is larger than its limit of {limit} bytes.")
    /// One answer for every kind of bad token, so that an attacker learns nothing from it.
    public static let catalogServerUnauthorized = SluiceMessage(
        80102, "SLUICE_E_CATALOG_UNAUTHORIZED",
        "A valid bearer token is needed (Authorization: Bearer TOKEN); log in with POST /api/v1/login.")
    public static let catalogServerForbidden = SluiceMessage(
        80103, "SLUICE_E_CATALOG_FORBIDDEN", "User \"{user}\" may not {operation}: it needs {requirement}.")
    /// The detail of an unexpected failure is logged, never sent.
    public static let catalogServerInternal = SluiceMessage(
        80104, "SLUICE_E_CATALOG_SERVER_FAILED", "The catalog server failed while answering {operation}; nothing changed.")
    public static let catalogNotImplemented = SluiceMessage(
        80105, "SLUICE_E_CATALOG_NOT_IMPLEMENTED", "This catalog server does not implement {operation} yet.")
    public static let catalogServerRouteUnlisted = SluiceMessage(
        80106, "SLUICE_E_CATALOG_ROUTE_UNLISTED", "Operation {operation} has no entry in the server's route table, so it is refused.")
    public static let catalogServerCursorInvalid = SluiceMessage(
        80107, "SLUICE_E_CATALOG_CURSOR_INVALID", "The page cursor \"{cursor}\" is malformed: pass a list's `next` unchanged.")
    public static let catalogServerLimitInvalid = SluiceMessage(
        80108, "SLUICE_E_CATALOG_LIMIT_INVALID", "The page limit {limit} is refused: it must be 1-1000.")
    public static let catalogServerInsecureBind = SluiceMessage(
        80109, "SLUICE_E_CATALOG_INSECURE_BIND",
        "Refusing to serve plain HTTP on \"{host}\", which is not a loopback address: give --tls-cert and --tls-key, or --insecure-http.")
    public static let catalogServerTLSInvalid = SluiceMessage(
        80110, "SLUICE_E_CATALOG_TLS_INVALID", "The TLS {what} \"{path}\" could not be loaded: {reason}")
    public static let catalogServerBindFailed = SluiceMessage(
        80111, "SLUICE_E_CATALOG_BIND_FAILED", "The catalog server could not listen on {host}:{port}: {reason}")
    public static let catalogServerLoginRateLimited = SluiceMessage(
        80112, "SLUICE_E_CATALOG_LOGIN_RATE_LIMITED", "Too many failed logins; try again in {seconds} seconds.")
    public static let catalogServerLoginFailed = SluiceMessage(
        80113, "SLUICE_E_CATALOG_LOGIN_FAILED", "The user name or the password is wrong.")
    public static let catalogServerComponentsMissing = SluiceMessage(
        80114, "SLUICE_E_CATALOG_DEPLOY_COMPONENTS_MISSING",
        "Deploying project \"{project}\" was refused, and nothing was deployed: the server's registry lacks {components}.")
    public static let catalogServerBackendUnavailable = SluiceMessage(
        80115, "SLUICE_E_CATALOG_BACKEND_UNAVAILABLE", "The catalog \"{catalog}\" needs a backend this Sluice does not have yet: {reason}")
    public static let catalogServerRouteNotFound = SluiceMessage(
        80116, "SLUICE_E_CATALOG_ROUTE_NOT_FOUND", "The catalog server has no {method} {path}.")
    public static let catalogServerMediaTypeUnsupported = SluiceMessage(
        80117, "SLUICE_E_CATALOG_MEDIA_TYPE_UNSUPPORTED", "{operation} does not take a body of type \"{type}\".")
}
