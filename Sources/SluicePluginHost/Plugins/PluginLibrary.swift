import CSluiceABI
import Foundation
import SluiceCore
import SluiceRegistry

/// A plugin library the registry knows, from a scan (in a child process, from the cache, or in
/// process). It is opened in this process — dlopen, descriptor check, `init` — on the first use
/// of one of its components, once; a failed open is remembered and reported on every use.
/// Once open, the handle is never closed: callbacks, descriptors and Swift metadata inside it
/// may be referenced for the life of the process.
public final class PluginLibrary: ComponentLibrary, @unchecked Sendable {
    public let path: String
    public let name: String
    public let version: String
    public let vendor: String
    public let abiMajor: UInt32
    public let abiMinor: UInt32
    /// The components the scan found, which the open library must still declare.
    public let components: [ComponentDescriptor]
    /// The file as scanned; a library whose file changed since is not opened.
    let stamp: LibraryFileStamp?

    /// Guarded by ``PluginLoader/serialized``, which also keeps plugin `init`s from overlapping.
    private var state: State

    private enum State {
        case closed
        case open(OpenLibrary)
        case failed(SluiceError)
    }

    /// A library known from a scan, to be opened on first use.
    init(path: String, scanned: ScannedLibrary, stamp: LibraryFileStamp?) {
        self.path = path
        name = scanned.name
        version = scanned.version
        vendor = scanned.vendor
        abiMajor = scanned.abiMajor
        abiMinor = scanned.abiMinor
        components = scanned.components
        self.stamp = stamp
        state = .closed
    }

    /// A library an in-process scan has already opened and initialised.
    convenience init(path: String, scanned: ScannedLibrary, stamp: LibraryFileStamp?, opened: OpenLibrary) {
        self.init(path: path, scanned: scanned, stamp: stamp)
        state = .open(opened)
    }

    /// Whether the library is open in this process (false until a component of it is used).
    public var isOpen: Bool { PluginLoader.serialized.withLock { if case .open = state { true } else { false } } }

    /// The dlopen handle once open, as an escape hatch.
    public var rawHandle: UnsafeMutableRawPointer? {
        PluginLoader.serialized.withLock { if case .open(let o) = state { o.handle } else { nil } }
    }

    /// The open library: opens it on the first call.
    /// - Throws: `SLUICE_E_PLUGIN_CHANGED_SINCE_SCAN` when the file or its descriptor is not what
    ///   was scanned; the errors of opening and initialising a library.
    func open() throws -> OpenLibrary {
        try PluginLoader.serialized.withLock {
            switch state {
            case .open(let opened): return opened
            case .failed(let error): throw error
            case .closed:
                do {
                    let opened = try PluginLoader.openScanned(self)
                    state = .open(opened)
                    return opened
                } catch {
                    let failure = SluiceError.wrapping(error, as: .pluginOpenFailed, ["path": path])
                    state = .failed(failure)
                    throw failure
                }
            }
        }
    }
}

/// A library open in this process, its descriptor checked.
struct OpenLibrary: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    /// The descriptor as the host read it (a copy: members the plugin lacked are zero).
    let descriptor: sluice_plugin_descriptor
    /// The checked component definitions, in the order of ``PluginLibrary/components``.
    let definitions: [CheckedDefinition]
}

/// A component definition the checker accepted: the plugin's own pointer (handed back to its
/// `create`) and the host's copy of its vtable.
package struct CheckedDefinition: @unchecked Sendable {
    /// The plugin's definition, never read by the host past the checker.
    let pointer: UnsafePointer<sluice_component_def>
    /// The host's copy of the vtable, read by the reading rule: zero past the plugin's table.
    let vtable: VTableCopy
}

/// One component inside a plugin library; its library opens on the first use.
public struct PluginComponent: Sendable {
    public let library: PluginLibrary
    /// The component's position in the library's descriptor.
    let index: Int

    /// The component's C definition, opening the library if it is not open yet.
    func definition() throws -> CheckedDefinition {
        let opened = try library.open()
        guard opened.definitions.indices.contains(index) else {
            // openScanned compares the components, so this is a broken invariant, reported not trapped.
            throw SluiceError(.pluginChangedSinceScan, ["path": library.path, "reason": "component \(index) is missing"])
        }
        return opened.definitions[index]
    }
}
