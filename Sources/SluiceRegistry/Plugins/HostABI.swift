import CSluiceABI

/// The ABI version this host speaks, from the headers it was compiled against.
public enum HostABI {
    public static let major = UInt32(SLUICE_ABI_MAJOR)
    public static let minor = UInt32(SLUICE_ABI_MINOR)
    public static var versionString: String { "\(major).\(minor)" }
    public static let entrySymbol = SLUICE_PLUGIN_ENTRY_SYMBOL
}
