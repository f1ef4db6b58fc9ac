import CSluiceABI
import Foundation
import SluiceCore

/// Checks every field of a plugin descriptor before any plugin function is called, and turns
/// each component definition into a ``ComponentDescriptor``.
///
/// The checks, in order: the version rule (same major, plugin minor not newer), struct sizes,
/// the library's name and version, then each component: struct size, kind, a namespaced id,
/// names, version, property declarations (names, types, defaults that parse), and a vtable with
/// the functions its kind requires. The first failure rejects the whole library.
///
/// Every struct is read by the ABI's reading rule (``ABIReading``): by its own `struct_size`,
/// into a zeroed copy, never past what the plugin wrote.
package enum DescriptorChecker {
    package struct Checked {
        /// The plugin's descriptor as the host read it (members the plugin lacked are zero).
        package let library: sluice_plugin_descriptor
        package let descriptors: [ComponentDescriptor]
        package let definitions: [CheckedDefinition]
    }

    /// Reads the version (the first two members, which never move) and applies the version rule.
    package static func checkVersion(_ d: UnsafePointer<sluice_plugin_descriptor>, path: String) throws {
        let major = ABIReading.uint32(d, at: 0), minor = ABIReading.uint32(d, at: 4)
        let plugin = "\(major).\(minor)"
        if major != HostABI.major {
            throw SluiceError(.pluginABIMajorMismatch, ["path": path, "plugin": plugin, "host": HostABI.versionString])
        }
        if minor > HostABI.minor {
            throw SluiceError(.pluginABIMinorNewer, ["path": path, "plugin": plugin, "host": HostABI.versionString])
        }
    }

    package static func check(_ d: UnsafePointer<sluice_plugin_descriptor>, path: String) throws -> Checked {
        try checkVersion(d, path: path)
        let invalid = { (reason: String) in SluiceError(.pluginDescriptorInvalid, ["path": path, "reason": reason]) }
        let minor = ABIReading.uint32(d, at: 4), size = ABIReading.uint32(d, at: 8)
        try ABIReading.checkSize(size, of: .descriptor, minor: minor, path: path, owner: "")
        let descriptor = ABIReading.copy(d, size: size, as: sluice_plugin_descriptor.self)
        let libraryName = try string(descriptor.name, "name", invalid)
        guard isNamespacedID(libraryName) else { throw invalid("name \"\(libraryName)\" is not namespaced (e.g. \"acme.greetings\")") }
        let libraryVersion = try string(descriptor.version, "version", invalid)
        if let v = descriptor.vendor { _ = try string(v, "vendor", invalid) }
        guard descriptor.component_count <= 4096 else { throw invalid("component_count \(descriptor.component_count) is implausible") }
        guard descriptor.component_count == 0 || descriptor.components != nil else {
            throw invalid("component_count is \(descriptor.component_count) but components is NULL")
        }
        var descriptors: [ComponentDescriptor] = []
        var definitions: [CheckedDefinition] = []
        var seen = Set<String>()
        for i in 0..<Int(descriptor.component_count) {
            // An array of pointers: each definition is read on its own, by its own struct_size.
            guard let components = descriptor.components, let def = components[i] else {
                throw invalid("components[\(i)] is NULL")
            }
            let plugin = PluginReading(path: path, minor: minor, owner: "component \(i): ")
            let (c, vtable) = try checkComponent(def, plugin, fallbackVersion: libraryVersion) { reason in
                invalid("component \(i): \(reason)")
            }
            guard seen.insert(c.id).inserted else {
                throw SluiceError(.componentDuplicateID, ["id": c.id, "path": path, "other": "the same library"])
            }
            descriptors.append(c)
            definitions.append(CheckedDefinition(pointer: def, vtable: vtable))
        }
        return Checked(library: descriptor, descriptors: descriptors, definitions: definitions)
    }

    /// Where a struct comes from, for the reading rule's minimum sizes and its error.
    struct PluginReading {
        let path: String
        let minor: UInt32
        let owner: String

        func read<T>(_ raw: UnsafeRawPointer, _ structure: ABIReading.Structure, as type: T.Type) throws -> T {
            let size = ABIReading.uint32(raw)
            try ABIReading.checkSize(size, of: structure, minor: minor, path: path, owner: owner)
            return ABIReading.copy(raw, size: size, as: type)
        }
    }

    private static func checkComponent(
        _ def: UnsafePointer<sluice_component_def>, _ plugin: PluginReading, fallbackVersion: String,
        invalid: (String) -> SluiceError
    ) throws -> (ComponentDescriptor, VTableCopy) {
        let c = try plugin.read(def, .componentDef, as: sluice_component_def.self)
        guard let kind = ComponentKind(abiValue: c.kind) else { throw invalid("unknown kind \(c.kind)") }
        let id = try string(c.id, "id", invalid)
        guard isNamespacedID(id) else {
            throw invalid("id \"\(id)\" is not namespaced lower-case segments of letters, digits, - and _ (e.g. \"acme.hello\")")
        }
        let displayName = try c.display_name.map { try string($0, "display_name", invalid) } ?? id
        let summary = try c.description.map { try string($0, "description", invalid) } ?? ""
        let version = try c.version.map { try string($0, "version", invalid) } ?? fallbackVersion
        let connectionKind = try checkConnectionKind(c.connection_kind, kind: kind, invalid: { invalid("\(id): \($0)") })
        let properties = try checkProperties(c, invalid: { invalid("\(id): \($0)") })
        let vtable = try checkVTable(
            c.vtable, kind: kind, id: id, hasProperties: !properties.isEmpty, plugin,
            invalid: { invalid("\(id): \($0)") })
        let descriptor = ComponentDescriptor(
            id: id, kind: kind, displayName: displayName, description: summary, version: version,
            properties: properties, library: plugin.path, connectionKind: connectionKind)
        return (descriptor, vtable)
    }

    /// ABI 1.1: a connection manager may name the stock connection kind it follows.
    private static func checkConnectionKind(
        _ raw: UnsafePointer<CChar>?, kind: ComponentKind, invalid: (String) -> SluiceError
    ) throws -> String? {
        guard let raw else { return nil }
        guard kind == .connectionManager else { throw invalid("connection_kind is set, but only a connection manager may set it") }
        let connectionKind = try string(raw, "connection_kind", invalid)
        guard isNamespacedID(connectionKind) else {
            throw invalid("connection_kind \"\(connectionKind)\" is not a namespaced lower-case id (e.g. \"sluice.file\")")
        }
        return connectionKind
    }

    private static func checkProperties(_ c: sluice_component_def, invalid: (String) -> SluiceError) throws -> [PropertySpec] {
        guard c.property_count <= 1024 else { throw invalid("property_count \(c.property_count) is implausible") }
        guard c.property_count == 0 || c.properties != nil else { throw invalid("property_count > 0 but properties is NULL") }
        guard let properties = c.properties else { return [] }
        var specs: [PropertySpec] = []
        for i in 0..<Int(c.property_count) {
            let p = properties[i]  // sluice_property_def is frozen: an array at its C stride
            let name = try string(p.name, "properties[\(i)].name", invalid)
            guard name.first?.isLetter == true, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), name.unicodeScalars.allSatisfy(\.isASCII) else {
                throw invalid("property name \"\(name)\" must be letters, digits and _ starting with a letter")
            }
            guard !specs.contains(where: { $0.name == name }) else { throw invalid("property \"\(name)\" is declared twice") }
            let kind: PropertySpec.Kind
            switch p.type {
            case SLUICE_PROPERTY_STRING: kind = .string
            case SLUICE_PROPERTY_INT64: kind = .integer
            case SLUICE_PROPERTY_DOUBLE: kind = .real
            case SLUICE_PROPERTY_BOOL: kind = .boolean
            default: throw invalid("property \"\(name)\" has unknown type \(p.type)")
            }
            guard p.required == 0 || p.required == 1 else { throw invalid("property \"\(name)\": required must be 0 or 1") }
            var defaultValue: JSONValue?
            if let d = p.default_value {
                let text = try string(d, "default of \(name)", invalid)
                guard let v = kind.coerce(.string(text)) else {
                    throw invalid("default \"\(text)\" of property \"\(name)\" is not a valid \(kind.rawValue)")
                }
                defaultValue = v
            }
            let summary = try p.description.map { try string($0, "description of \(name)", invalid) } ?? ""
            specs.append(PropertySpec(name, kind, required: p.required == 1, default: defaultValue, summary))
        }
        return specs
    }

    /// Checks the kind's vtable (read by its own struct_size) and returns the host's copy of it.
    private static func checkVTable(
        _ raw: UnsafeRawPointer?, kind: ComponentKind, id: String, hasProperties: Bool, _ plugin: PluginReading,
        invalid: (String) -> SluiceError
    ) throws -> VTableCopy {
        guard let raw else { throw invalid("vtable is NULL") }
        if [.source, .transform, .destination].contains(kind), plugin.minor < 1 {
            // The 1.0 data flow table was replaced before any engine drove it: nothing to read it as.
            throw SluiceError(.dataFlowNeedsABI11, ["path": plugin.path, "id": id, "version": "\(HostABI.major).\(plugin.minor)"])
        }
        let size = ABIReading.uint32(raw)
        try ABIReading.checkSize(size, of: vtableStructure(kind), minor: plugin.minor, path: plugin.path, owner: plugin.owner)
        let copy = VTableCopy(raw, size: size)
        // Every vtable starts with struct_size, create, destroy, set_property, validate.
        let base = copy.table(as: sluice_task_vtable.self).pointee
        guard base.create != nil, base.destroy != nil else { throw invalid("vtable lacks create or destroy") }
        if hasProperties, base.set_property == nil { throw invalid("declares properties but vtable lacks set_property") }
        let present: [(String, Bool)]
        switch kind {
        case .task:
            let t = copy.table(as: sluice_task_vtable.self).pointee
            present = [("execute", t.execute != nil)]
        case .source, .transform, .destination:
            try checkDataFlowVTable(copy.table(as: sluice_dataflow_vtable.self).pointee, kind: kind, id: id, path: plugin.path)
            present = []
        case .connectionManager:
            let t = copy.table(as: sluice_connection_vtable.self).pointee
            present = [("acquire", t.acquire != nil), ("release", t.release != nil)]
        case .logProvider:
            let t = copy.table(as: sluice_log_provider_vtable.self).pointee
            present = [("open", t.open != nil), ("write_entry", t.write_entry != nil), ("close", t.close != nil)]
        case .foreachEnumerator:
            let t = copy.table(as: sluice_enumerator_vtable.self).pointee
            present = [("begin", t.begin != nil), ("next", t.next != nil), ("end", t.end != nil)]
        }
        if let missing = present.first(where: { !$0.1 }) { throw invalid("vtable lacks \(missing.0)") }
        return copy
    }

    /// The functions every data flow kind needs: `ports` and `negotiate`; a source `produce` or
    /// `open_stream`; a transform or destination `process`.
    private static func checkDataFlowVTable(_ t: sluice_dataflow_vtable, kind: ComponentKind, id: String, path: String) throws {
        var required: [(String, Bool)] = [("ports", t.ports != nil), ("negotiate", t.negotiate != nil)]
        if kind == .source {
            required.append(("produce or open_stream", t.produce != nil || t.open_stream != nil))
        } else {
            required.append(("process", t.process != nil))
        }
        if let missing = required.first(where: { !$0.1 }) {
            throw SluiceError(.dataFlowVTableIncomplete, ["path": path, "id": id, "kind": kind.rawValue, "function": missing.0])
        }
    }

    private static func vtableStructure(_ kind: ComponentKind) -> ABIReading.Structure {
        switch kind {
        case .task: .taskVTable
        case .source, .transform, .destination: .dataflowVTable
        case .connectionManager: .connectionVTable
        case .logProvider: .logProviderVTable
        case .foreachEnumerator: .enumeratorVTable
        }
    }

    /// A C string from the plugin: present, terminated within 4 KiB, valid UTF-8.
    private static func string(_ p: UnsafePointer<CChar>?, _ field: String, _ invalid: (String) -> SluiceError) throws -> String {
        guard let p else { throw invalid("\(field) is NULL") }
        let length = strnlen(p, 4096)
        guard length < 4096 else { throw invalid("\(field) is not NUL-terminated within 4096 bytes") }
        let bytes = UnsafeRawBufferPointer(start: p, count: length)
        guard let s = String(validating: bytes, as: UTF8.self) else { throw invalid("\(field) is not valid UTF-8") }
        return s
    }

    /// `acme.hello`: two or more dot-separated segments of letters, digits, `-` and `_`.
    /// The rule the header and SDK/README.md state: at least two dot-separated segments, each a
    /// lower-case ASCII letter followed by lower-case letters, digits, `-` and `_` (`acme.hello`).
    package static func isNamespacedID(_ id: String) -> Bool {
        let segments = id.split(separator: ".", omittingEmptySubsequences: false)
        func lower(_ c: Character) -> Bool { c.isASCII && c.isLetter && c.isLowercase }
        return segments.count >= 2 && id.unicodeScalars.allSatisfy(\.isASCII) && segments.allSatisfy { seg in
            seg.first.map(lower) == true && seg.allSatisfy { lower($0) || $0.isNumber || $0 == "-" || $0 == "_" }
        }
    }
}
