import CSluiceABI
import Foundation
import SluiceCore
import SluiceRegistry

/// Opens, checks and initialises plugin libraries in this process.
///
/// Each library is opened with `RTLD_NOW | RTLD_LOCAL` (unresolved symbols fail at load, and
/// plugins cannot interpose on each other), its descriptor is checked in full, then `init` runs.
/// Who calls it: the in-process scanner, the `plugins scan-one` child, and a library known from a
/// scan when one of its components is first used (``PluginLibrary/open()``).
enum PluginLoader {
    /// Loading is serialized: plugin `init` functions never run concurrently.
    static let serialized = NSLock()

    /// Opens, checks and initialises `path`: what a scan does, in this process.
    /// - Returns: the open library when it was accepted, and the verdict either way.
    static func scanInProcess(_ path: String) -> (ScanOutcome, OpenLibrary?) {
        serialized.lock()
        defer { serialized.unlock() }
        do {
            let (opened, scanned) = try openAndCheck(path)
            try initialize(opened, path: path)
            return (.accepted(scanned), opened)
        } catch {
            return (.rejected(SluiceError.wrapping(error, as: .pluginOpenFailed, ["path": path])), nil)
        }
    }

    /// Opens a library known from a scan (the caller holds ``serialized``): the file must be the
    /// one scanned and declare the same components, checked before its `init` runs.
    static func openScanned(_ library: PluginLibrary) throws -> OpenLibrary {
        let path = library.path
        if let scannedStamp = library.stamp, LibraryFileStamp.of(path) != scannedStamp {
            throw SluiceError(.pluginChangedSinceScan, ["path": path, "reason": "the file changed (size, time or inode) since the scan"])
        }
        let (opened, found) = try openAndCheck(path)
        if found.components != library.components {
            let first = zip(found.components, library.components).first { $0 != $1 }.map { $0.0.id }
            let reason = first.map { "component \"\($0)\" differs from the scanned one" }
                ?? "it declares \(found.components.count) components, the scan found \(library.components.count)"
            throw SluiceError(.pluginChangedSinceScan, ["path": path, "reason": reason])
        }
        try initialize(opened, path: path)
        return opened
    }

    /// Opens the library and checks its whole descriptor; no plugin function but the entry has run.
    static func openAndCheck(_ path: String) throws -> (OpenLibrary, ScannedLibrary) {
        let (handle, descriptor) = try open(path)
        let checked = try DescriptorChecker.check(descriptor, path: path)
        let opened = OpenLibrary(handle: handle, descriptor: checked.library, definitions: checked.definitions)
        // The host's copy, read by the reading rule: never the plugin's struct past its size.
        let d = checked.library
        let scanned = ScannedLibrary(
            name: String(cString: d.name), version: String(cString: d.version), vendor: d.vendor.map { String(cString: $0) } ?? "",
            abiMajor: d.abi_major, abiMinor: d.abi_minor, components: checked.descriptors)
        return (opened, scanned)
    }

    /// Opens the library and reads its descriptor's version; nothing else of it is trusted yet.
    static func open(_ path: String) throws -> (UnsafeMutableRawPointer, UnsafePointer<sluice_plugin_descriptor>) {
        _ = dlerror()
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw SluiceError(.pluginOpenFailed, ["path": path, "reason": reason])
        }
        guard let symbol = dlsym(handle, HostABI.entrySymbol) else {
            throw SluiceError(.pluginEntryMissing, ["path": path, "symbol": HostABI.entrySymbol])
        }
        let entry = unsafeBitCast(symbol, to: sluice_plugin_entry_fn.self)
        guard let descriptor = entry() else {
            throw SluiceError(.pluginDescriptorInvalid, ["path": path, "reason": "\(HostABI.entrySymbol) returned NULL"])
        }
        // Read the version before any other field: the first three members never move.
        try DescriptorChecker.checkVersion(descriptor, path: path)
        return (handle, descriptor)
    }

    static func initialize(_ library: OpenLibrary, path: String) throws {
        guard let initialize = library.descriptor.`init` else { return }
        let error = ErrorBuffer()
        let status = initialize(HostServices.table, error.pointer)
        guard status == SLUICE_OK else {
            throw error.failure(.pluginInitFailed, ["path": path, "reason": error.message(orStatus: status)])
        }
    }

    /// How the registry makes instances of a component: the C adapter of its kind behind the
    /// kind's Swift protocol. Nothing is opened until the first instance is made.
    static func factory(for descriptor: ComponentDescriptor, _ component: PluginComponent) -> ComponentFactory {
        switch descriptor.kind {
        case .task:
            return .task { properties in try PluginTask(component: component, descriptor: descriptor, properties: properties) }
        case .foreachEnumerator:
            return .enumerator { properties in try PluginEnumerator(component: component, descriptor: descriptor, properties: properties) }
        case .connectionManager:
            return .connectionManager { settings in try PluginConnection(component: component, descriptor: descriptor, settings: settings) }
        case .logProvider:
            return .logProvider { settings in
                PluginLogWriter(provider: try PluginLogProvider(component: component, descriptor: descriptor, settings: settings))
            }
        case .source, .transform, .destination:
            return .declaration  // the data flow does not exist yet
        }
    }
}
