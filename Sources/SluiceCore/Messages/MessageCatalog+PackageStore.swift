// MARK: - 1013x the file-system package store (SluiceCore/Files/PackageStore.swift)

extension MessageCatalog {
    static let packageStoreMessages: [SluiceMessage] = [.packageStoreFolderInvalid]
}

extension SluiceMessage {
    public static let packageStoreFolderInvalid = SluiceMessage(
        10130, "SLUICE_E_PACKAGE_STORE_FOLDER_INVALID", "Cannot list packages in \"{path}\": {reason}")
}
