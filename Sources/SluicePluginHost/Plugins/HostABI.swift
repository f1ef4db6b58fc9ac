import CSluiceABI

/// The ABI version this host speaks, from the headers it was compiled against.
public enum HostABI {
    public static let major = UInt32(SLUICE_ABI_MAJOR)
    public static let minor = UInt32(SLUICE_ABI_MINOR)
    public static var versionString: String { "\(major).\(minor)" }
    public static let entrySymbol = SLUICE_PLUGIN_ENTRY_SYMBOL
    /// The size of the host table in ABI 1.0, where ABI 1.1's `connection_acquire` begins: a
    /// plugin checks `struct_size` beyond it before calling a 1.1 service.
    public static let hostTableSize1_0 = MemoryLayout<sluice_host_api>.offset(of: \.connection_acquire) ?? 0
}
