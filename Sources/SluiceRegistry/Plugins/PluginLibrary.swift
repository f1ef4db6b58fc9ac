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
    /// The descriptor as the host read it (a copy: members the plugin lacked are zero).
    let descriptor: sluice_plugin_descriptor

    init(path: String, handle: UnsafeMutableRawPointer, descriptor: sluice_plugin_descriptor) {
        self.path = path
        self.rawHandle = handle
        self.descriptor = descriptor
        let d = descriptor
        name = String(cString: d.name)
        version = String(cString: d.version)
        vendor = d.vendor.map { String(cString: $0) } ?? ""
        abiMajor = d.abi_major
        abiMinor = d.abi_minor
    }
}

/// A component definition the checker accepted: the plugin's own pointer (handed back to its
/// `create`) and the host's copy of its vtable.
package struct CheckedDefinition: @unchecked Sendable {
    /// The plugin's definition, never read by the host past the checker.
    let pointer: UnsafePointer<sluice_component_def>
    /// The host's copy of the vtable, read by the reading rule: zero past the plugin's table.
    let vtable: VTableCopy
}

/// One checked component definition inside a plugin library.
public struct PluginComponent: @unchecked Sendable {
    public let library: PluginLibrary
    let definition: CheckedDefinition

    /// The kind-specific function table, as the C struct the kind uses: the host's copy, at
    /// least as large as any vtable the host knows, so its members are always readable.
    func vtable<T>(as type: T.Type) -> UnsafePointer<T> {
        definition.vtable.table(as: T.self)
    }
}
