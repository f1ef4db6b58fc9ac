import SluiceCatalog

/// The caller of the request being answered, set by the authorization middleware for the
/// handler's task; nil only for the operations that need no token (health, login).
public enum CatalogRequestCaller {
    @TaskLocal public static var current: CatalogCaller?
}
