/// What the catalog server needs of a store: the objects, users and permissions
/// (``CatalogSecurityStore``) and the parameters, environments and references
/// (``CatalogConfigurationStore``). `SQLiteCatalogStore` is one.
public typealias CatalogServerStore = CatalogSecurityStore & CatalogConfigurationStore
