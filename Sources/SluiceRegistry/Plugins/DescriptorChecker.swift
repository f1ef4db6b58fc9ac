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
package enum DescriptorChecker {
    package struct Checked {
        package let descriptors: [ComponentDescriptor]
        package let definitions: [UnsafePointer<sluice_component_def>]
    }

    package static func checkVersion(_ d: UnsafePointer<sluice_plugin_descriptor>, path: String) throws {
        let plugin = "\(d.pointee.abi_major).\(d.pointee.abi_minor)"
        if d.pointee.abi_major != HostABI.major {
            throw SluiceError(.pluginABIMajorMismatch, ["path": path, "plugin": plugin, "host": HostABI.versionString])
        }
        if d.pointee.abi_minor > HostABI.minor {
            throw SluiceError(.pluginABIMinorNewer, ["path": path, "plugin": plugin, "host": HostABI.versionString])
        }
    }

    package static func check(_ d: UnsafePointer<sluice_plugin_descriptor>, path: String) throws -> Checked {
        try checkVersion(d, path: path)
        let invalid = { (reason: String) in SluiceError(.pluginDescriptorInvalid, ["path": path, "reason": reason]) }
        let descriptor = d.pointee
        guard descriptor.struct_size >= UInt32(MemoryLayout<sluice_plugin_descriptor>.size) else {
            throw invalid("struct_size \(descriptor.struct_size) is smaller than the ABI 1.0 descriptor (\(MemoryLayout<sluice_plugin_descriptor>.size))")
        }
        let libraryName = try string(descriptor.name, "name", invalid)
        guard isNamespacedID(libraryName) else { throw invalid("name \"\(libraryName)\" is not namespaced (e.g. \"acme.greetings\")") }
        let libraryVersion = try string(descriptor.version, "version", invalid)
        if let v = descriptor.vendor { _ = try string(v, "vendor", invalid) }
        guard descriptor.component_count <= 4096 else { throw invalid("component_count \(descriptor.component_count) is implausible") }
        guard descriptor.component_count == 0 || descriptor.components != nil else {
            throw invalid("component_count is \(descriptor.component_count) but components is NULL")
        }
        var descriptors: [ComponentDescriptor] = []
        var definitions: [UnsafePointer<sluice_component_def>] = []
        for i in 0..<Int(descriptor.component_count) {
            let def = descriptor.components! + i
            let c = try checkComponent(def, index: i, library: path, fallbackVersion: libraryVersion) { reason in
                invalid("component \(i): \(reason)")
            }
            if descriptors.contains(where: { $0.id == c.id }) {
                throw SluiceError(.componentDuplicateID, ["id": c.id, "path": path, "other": "the same library"])
            }
            descriptors.append(c)
            definitions.append(def)
        }
        return Checked(descriptors: descriptors, definitions: definitions)
    }

    private static func checkComponent(
        _ def: UnsafePointer<sluice_component_def>, index: Int, library: String, fallbackVersion: String,
        invalid: (String) -> SluiceError
    ) throws -> ComponentDescriptor {
        let c = def.pointee
        guard c.struct_size >= UInt32(MemoryLayout<sluice_component_def>.size) else {
            throw invalid("struct_size \(c.struct_size) is smaller than the ABI 1.0 component definition")
        }
        guard let kind = ComponentKind(abiValue: c.kind) else { throw invalid("unknown kind \(c.kind)") }
        let id = try string(c.id, "id", invalid)
        guard isNamespacedID(id) else {
            throw invalid("id \"\(id)\" is not namespaced lower-case segments of letters, digits, - and _ (e.g. \"acme.hello\")")
        }
        let displayName = try c.display_name.map { try string($0, "display_name", invalid) } ?? id
        let summary = try c.description.map { try string($0, "description", invalid) } ?? ""
        let version = try c.version.map { try string($0, "version", invalid) } ?? fallbackVersion
        let properties = try checkProperties(c, invalid: { invalid("\(id): \($0)") })
        try checkVTable(c.vtable, kind: kind, hasProperties: !properties.isEmpty, invalid: { invalid("\(id): \($0)") })
        return ComponentDescriptor(
            id: id, kind: kind, displayName: displayName, description: summary, version: version,
            properties: properties, library: library)
    }

    private static func checkProperties(_ c: sluice_component_def, invalid: (String) -> SluiceError) throws -> [PropertySpec] {
        guard c.property_count <= 1024 else { throw invalid("property_count \(c.property_count) is implausible") }
        guard c.property_count == 0 || c.properties != nil else { throw invalid("property_count > 0 but properties is NULL") }
        var specs: [PropertySpec] = []
        for i in 0..<Int(c.property_count) {
            let p = (c.properties! + i).pointee
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

    private static func checkVTable(
        _ raw: UnsafeRawPointer?, kind: ComponentKind, hasProperties: Bool, invalid: (String) -> SluiceError
    ) throws {
        guard let raw else { throw invalid("vtable is NULL") }
        // Every vtable starts with struct_size, create, destroy, set_property, validate.
        let base = raw.assumingMemoryBound(to: sluice_task_vtable.self).pointee
        guard base.create != nil, base.destroy != nil else { throw invalid("vtable lacks create or destroy") }
        if hasProperties, base.set_property == nil { throw invalid("declares properties but vtable lacks set_property") }
        func need(_ size: Int, _ present: [(String, Bool)]) throws {
            guard base.struct_size >= UInt32(size) else {
                throw invalid("vtable struct_size \(base.struct_size) is smaller than the ABI 1.0 table (\(size))")
            }
            if let missing = present.first(where: { !$0.1 }) { throw invalid("vtable lacks \(missing.0)") }
        }
        switch kind {
        case .task:
            let t = raw.assumingMemoryBound(to: sluice_task_vtable.self).pointee
            try need(MemoryLayout<sluice_task_vtable>.size, [("execute", t.execute != nil)])
        case .source:
            let t = raw.assumingMemoryBound(to: sluice_dataflow_vtable.self).pointee
            try need(MemoryLayout<sluice_dataflow_vtable>.size, [("output_schema", t.output_schema != nil), ("produce", t.produce != nil)])
        case .transform, .destination:
            let t = raw.assumingMemoryBound(to: sluice_dataflow_vtable.self).pointee
            try need(MemoryLayout<sluice_dataflow_vtable>.size, [("process", t.process != nil)])
        case .connectionManager:
            let t = raw.assumingMemoryBound(to: sluice_connection_vtable.self).pointee
            try need(MemoryLayout<sluice_connection_vtable>.size, [("acquire", t.acquire != nil), ("release", t.release != nil)])
        case .logProvider:
            let t = raw.assumingMemoryBound(to: sluice_log_provider_vtable.self).pointee
            try need(
                MemoryLayout<sluice_log_provider_vtable>.size,
                [("open", t.open != nil), ("write_entry", t.write_entry != nil), ("close", t.close != nil)])
        case .foreachEnumerator:
            let t = raw.assumingMemoryBound(to: sluice_enumerator_vtable.self).pointee
            try need(
                MemoryLayout<sluice_enumerator_vtable>.size,
                [("begin", t.begin != nil), ("next", t.next != nil), ("end", t.end != nil)])
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
