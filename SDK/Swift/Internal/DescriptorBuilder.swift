import CSluiceABI

/// Builds a `sluice_plugin_descriptor` and everything it points to, once, in memory that is never
/// freed: the ABI requires all of it to stay valid and unchanged for the life of the process.
enum DescriptorBuilder {
    static func build(
        name: String, version: String, vendor: String, description: String, types: [any PluginComponent.Type]
    ) -> UnsafePointer<sluice_plugin_descriptor> {
        // An array of pointers, one per component: the host reads each definition by its own
        // struct_size, so definitions are allocated one by one.
        let components = UnsafeMutablePointer<UnsafePointer<sluice_component_def>?>.allocate(capacity: max(types.count, 1))
        components.initialize(repeating: nil, count: max(types.count, 1))
        for (index, type) in types.enumerated() {
            let definition = UnsafeMutablePointer<sluice_component_def>.allocate(capacity: 1)
            definition.initialize(to: componentDefinition(type))
            components[index] = UnsafePointer(definition)
        }

        let descriptor = UnsafeMutablePointer<sluice_plugin_descriptor>.allocate(capacity: 1)
        descriptor.initialize(to: sluice_plugin_descriptor())  // zeroes init
        descriptor.pointee.abi_major = UInt32(SLUICE_ABI_MAJOR)
        descriptor.pointee.abi_minor = UInt32(SLUICE_ABI_MINOR)
        descriptor.pointee.struct_size = UInt32(MemoryLayout<sluice_plugin_descriptor>.size)
        descriptor.pointee.component_count = UInt32(types.count)
        descriptor.pointee.name = PermanentCString.make(name)
        descriptor.pointee.version = PermanentCString.make(version)
        descriptor.pointee.vendor = PermanentCString.make(vendor)
        descriptor.pointee.description = PermanentCString.make(description)
        descriptor.pointee.components = UnsafePointer(components)
        return UnsafePointer(descriptor)
    }

    private static func componentDefinition(_ type: any PluginComponent.Type) -> sluice_component_def {
        let factory = ComponentFactory(type)
        var def = sluice_component_def()  // all zero
        def.struct_size = UInt32(MemoryLayout<sluice_component_def>.size)
        def.kind = factory.kind?.cKind ?? 0  // 0: no kind protocol; the host refuses it, naming the id
        def.id = PermanentCString.make(factory.id)
        def.display_name = PermanentCString.make(type.displayName)
        def.description = PermanentCString.make(type.summary)
        def.version = PermanentCString.make(type.version)
        def.property_count = UInt32(factory.properties.count)
        def.properties = propertyDefinitions(factory.properties)
        def.vtable = factory.kind?.vtable
        def.user_data = Unmanaged.passRetained(factory).toOpaque()  // never released
        def.connection_kind = PermanentCString.make(factory.connectionKind)  // NULL unless one is declared
        return def
    }

    private static func propertyDefinitions(_ properties: [PluginProperty]) -> UnsafePointer<sluice_property_def>? {
        guard !properties.isEmpty else { return nil }
        let defs = UnsafeMutablePointer<sluice_property_def>.allocate(capacity: properties.count)
        for (index, property) in properties.enumerated() {
            var def = sluice_property_def()
            def.name = PermanentCString.make(property.name)
            def.type = property.type.cType
            def.required = property.required ? 1 : 0
            def.default_value = PermanentCString.make(property.defaultValue)
            def.description = PermanentCString.make(property.description)
            (defs + index).initialize(to: def)
        }
        return UnsafePointer(defs)
    }
}
