// MARK: - 80135-80139 the catalog server's routing (beside MessageCatalog+CatalogServer.swift)

extension MessageCatalog {
    static let catalogServerRouteMessages: [SluiceMessage] = [.catalogServerMethodNotAllowed]
}

extension SluiceMessage {
    public static let catalogServerMethodNotAllowed = SluiceMessage(
        80135, "SLUICE_E_CATALOG_METHOD_NOT_ALLOWED", "The catalog server has {path}, but not for {method}: it takes {allowed}.")
}
