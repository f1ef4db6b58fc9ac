import SluiceCore

/// What a scan learned about one plugin library: its name, version, vendor, the ABI it was
/// built for and every component it declares, all read without keeping the library open.
public struct ScannedLibrary: Sendable, Hashable {
    public var name: String
    public var version: String
    public var vendor: String
    public var abiMajor: UInt32
    public var abiMinor: UInt32
    /// The components, each with `library` set to the library's path.
    public var components: [ComponentDescriptor]

    public init(name: String, version: String, vendor: String, abiMajor: UInt32, abiMinor: UInt32, components: [ComponentDescriptor]) {
        self.name = name
        self.version = version
        self.vendor = vendor
        self.abiMajor = abiMajor
        self.abiMinor = abiMinor
        self.components = components
    }
}

/// The verdict of a scan: the library's contents, or why it was refused.
public enum ScanOutcome: Sendable {
    case accepted(ScannedLibrary)
    case rejected(SluiceError)
}
