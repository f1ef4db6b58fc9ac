import CSluiceABI
import Foundation

/// A loaded plugin library. Its handle is never closed: callbacks, descriptors and Swift
/// metadata inside it may be referenced for the life of the process.
public final class PluginLibrary: @unchecked Sendable {
    public let path: String
    public let name: String
    public let version: String
    public let vendor: String
    public let abiMajor: UInt32
    public let abiMinor: UInt32
    /// The dlopen handle, as an escape hatch.
    public let rawHandle: UnsafeMutableRawPointer
    let descriptor: UnsafePointer<sluice_plugin_descriptor>

    init(path: String, handle: UnsafeMutableRawPointer, descriptor: UnsafePointer<sluice_plugin_descriptor>) {
        self.path = path
        self.rawHandle = handle
        self.descriptor = descriptor
        let d = descriptor.pointee
        name = String(cString: d.name)
        version = String(cString: d.version)
        vendor = d.vendor.map { String(cString: $0) } ?? ""
        abiMajor = d.abi_major
        abiMinor = d.abi_minor
    }
}

/// One checked component definition inside a plugin library.
public struct PluginComponent: @unchecked Sendable {
    public let library: PluginLibrary
    let definition: UnsafePointer<sluice_component_def>

    /// The kind-specific function table, as the C struct the kind uses.
    func vtable<T>(as type: T.Type) -> UnsafePointer<T> {
        definition.pointee.vtable.assumingMemoryBound(to: T.self)
    }
}
