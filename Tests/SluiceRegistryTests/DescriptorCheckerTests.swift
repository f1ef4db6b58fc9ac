import CSluiceABI
import Foundation
import SluiceCore
@testable import SluicePluginHost
@testable import SluiceRegistry
import Testing

/// Descriptors built in memory, one defect each, checked without loading any library.
@Suite struct DescriptorCheckerTests {
    /// Places `value` as a plugin would have written it with `struct_size` = `size`: the first
    /// min(size, sizeof) bytes are the value, every other byte of the `max(size, sizeof)`-byte
    /// block is 0xAB, so a reader that goes past `size` sees garbage (and a garbage pointer
    /// crashes it), while a struct larger than the host's carries an unknown tail.
    private func place<T>(_ value: T, size: UInt32) -> UnsafeRawPointer {
        let byteCount = max(Int(size), MemoryLayout<T>.size)
        let block = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 16)
        block.initializeMemory(as: UInt8.self, repeating: 0xAB, count: byteCount)
        withUnsafeBytes(of: value) { bytes in
            if let base = bytes.baseAddress { block.copyMemory(from: base, byteCount: min(Int(size), bytes.count)) }
        }
        return UnsafeRawPointer(block)
    }

    /// A valid one-task descriptor; `edit` breaks one thing.
    private func check(
        component edit: (inout sluice_component_def) -> Void = { _ in },
        property editProperty: (inout sluice_property_def) -> Void = { _ in },
        vtable editVTable: (inout sluice_task_vtable) -> Void = { _ in },
        descriptor editDescriptor: (inout sluice_plugin_descriptor) -> Void = { _ in }
    ) throws -> DescriptorChecker.Checked {
        let property = UnsafeMutablePointer<sluice_property_def>.allocate(capacity: 1)
        var p = sluice_property_def()
        p.name = UnsafePointer(strdup("message"))
        p.type = SLUICE_PROPERTY_STRING
        p.default_value = UnsafePointer(strdup("hi"))
        editProperty(&p)
        property.initialize(to: p)

        var v = sluice_task_vtable()
        v.struct_size = UInt32(MemoryLayout<sluice_task_vtable>.size)
        v.create = { _, _, out, _ in out?.pointee = nil; return SLUICE_OK }
        v.destroy = { _ in }
        v.set_property = { _, _, _, _ in SLUICE_OK }
        v.execute = { _, _, _, _ in SLUICE_OK }
        editVTable(&v)
        let vtable = place(v, size: v.struct_size)

        var c = sluice_component_def()
        c.struct_size = UInt32(MemoryLayout<sluice_component_def>.size)
        c.kind = SLUICE_COMPONENT_TASK
        c.id = UnsafePointer(strdup("acme.hello"))
        c.version = UnsafePointer(strdup("1.0.0"))
        c.property_count = 1
        c.properties = UnsafePointer(property)
        c.vtable = vtable
        edit(&c)
        let component = place(c, size: c.struct_size)
        let components = UnsafeMutablePointer<UnsafePointer<sluice_component_def>?>.allocate(capacity: 1)
        components.initialize(to: component.assumingMemoryBound(to: sluice_component_def.self))

        let descriptor = UnsafeMutablePointer<sluice_plugin_descriptor>.allocate(capacity: 1)
        var d = sluice_plugin_descriptor()
        d.abi_major = UInt32(SLUICE_ABI_MAJOR)
        d.abi_minor = UInt32(SLUICE_ABI_MINOR)
        d.struct_size = UInt32(MemoryLayout<sluice_plugin_descriptor>.size)
        d.component_count = 1
        d.name = UnsafePointer(strdup("acme.greetings"))
        d.version = UnsafePointer(strdup("1.0.0"))
        d.components = UnsafePointer(components)
        editDescriptor(&d)
        descriptor.initialize(to: d)
        return try DescriptorChecker.check(descriptor, path: "/memory/libacme.so")
    }

    private func expectInvalid(
        _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> DescriptorChecker.Checked
    ) {
        do {
            _ = try body()
            Issue.record("expected the descriptor to be rejected (\(fragment))", sourceLocation: sourceLocation)
        } catch let e as SluiceError {
            #expect(e.message == .pluginDescriptorInvalid, sourceLocation: sourceLocation)
            #expect(e.text.contains(fragment), "\(e.text)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func acceptsAValidDescriptor() throws {
        let checked = try check()
        #expect(checked.descriptors.map(\.id) == ["acme.hello"])
        #expect(checked.descriptors[0].properties == [PropertySpec("message", .string, default: "hi")])
        #expect(checked.descriptors[0].displayName == "acme.hello")
    }


    @Test func rejectsAnUnnamespacedLibraryName() {
        expectInvalid("not namespaced") { try check(descriptor: { $0.name = UnsafePointer(strdup("acme")) }) }
    }

    @Test func rejectsComponentsNullWithACount() {
        expectInvalid("components is NULL") { try check(descriptor: { $0.components = nil }) }
    }

    @Test func rejectsAnUnknownComponentKind() {
        expectInvalid("unknown kind 42") { try check(component: { $0.kind = 42 }) }
    }

    @Test func rejectsAComponentIDThatIsNotLowerCase() {
        expectInvalid("not namespaced lower-case") { try check(component: { $0.id = UnsafePointer(strdup("Probe.VarGet")) }) }
        expectInvalid("not namespaced lower-case") { try check(component: { $0.id = UnsafePointer(strdup("probe.varGet")) }) }
        expectInvalid("not namespaced lower-case") { try check(component: { $0.id = UnsafePointer(strdup("probe.1st")) }) }
    }

    @Test func rejectsAnUnnamespacedComponentID() {
        expectInvalid("not namespaced") { try check(component: { $0.id = UnsafePointer(strdup("hello")) }) }
    }

    @Test func rejectsATaskWithoutExecute() {
        expectInvalid("lacks execute") { try check(vtable: { $0.execute = nil }) }
    }

    @Test func rejectsAVTableWithoutCreate() {
        expectInvalid("lacks create") { try check(vtable: { $0.create = nil }) }
    }

    @Test func rejectsPropertiesWithoutSetProperty() {
        expectInvalid("set_property") { try check(vtable: { $0.set_property = nil }) }
    }

    @Test func rejectsAPropertyOfUnknownType() {
        expectInvalid("unknown type 9") { try check(property: { $0.type = 9 }) }
    }

    @Test func rejectsADefaultThatDoesNotParse() {
        expectInvalid("not a valid integer") {
            try check(property: {
                $0.type = SLUICE_PROPERTY_INT64
                $0.default_value = UnsafePointer(strdup("ten"))
            })
        }
    }

    @Test func rejectsAnInvalidPropertyName() {
        expectInvalid("must be letters") { try check(property: { $0.name = UnsafePointer(strdup("bad name")) }) }
    }

    @Test func rejectsAnUnterminatedString() {
        let long = UnsafeMutablePointer<CChar>.allocate(capacity: 5000)
        long.initialize(repeating: 65, count: 5000)
        expectInvalid("not NUL-terminated") { try check(component: { $0.display_name = UnsafePointer(long) }) }
    }

    @Test func rejectsInvalidUTF8() {
        let bad = UnsafeMutablePointer<CChar>.allocate(capacity: 3)
        bad[0] = -1
        bad[1] = -2
        bad[2] = 0
        expectInvalid("not valid UTF-8") { try check(component: { $0.description = UnsafePointer(bad) }) }
    }

    // MARK: - The reading rule (growth by struct_size)

    private func expectTooSmall(
        _ structure: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> DescriptorChecker.Checked
    ) {
        do {
            _ = try body()
            Issue.record("expected \(structure) to be refused as too small", sourceLocation: sourceLocation)
        } catch let e as SluiceError {
            #expect(e.message == .pluginStructTooSmall, "\(e.text)", sourceLocation: sourceLocation)
            #expect(e.code == 30013, sourceLocation: sourceLocation)
            #expect(e.text.contains(structure), "\(e.text)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    private var componentDef10: UInt32 { ABIReading.Structure.componentDef.minimumSize(minor: 0) }

    @Test func perVersionMinimumsMatchTheHeaderOnLP64() {
        // The same numbers sluice_abi_asserts.c checks against the header's SLUICE_*_SIZE_1_N.
        #expect(ABIReading.Structure.descriptor.minimumSize(minor: 1) == 64)
        #expect(ABIReading.Structure.componentDef.minimumSize(minor: 0) == 72)
        #expect(ABIReading.Structure.componentDef.minimumSize(minor: 1) == 80)
        #expect(ABIReading.Structure.taskVTable.minimumSize(minor: 1) == 48)
        #expect(ABIReading.Structure.dataflowVTable.minimumSize(minor: 1) == 104)
        #expect(ABIReading.Structure.inputDef.minimumSize(minor: 1) == 16)
        #expect(ABIReading.Structure.outputDef.minimumSize(minor: 1) == 24)
        #expect(ABIReading.Structure.connectionVTable.minimumSize(minor: 0) == 56)
        #expect(ABIReading.Structure.logProviderVTable.minimumSize(minor: 0) == 64)
        #expect(ABIReading.Structure.enumeratorVTable.minimumSize(minor: 0) == 64)
        #expect(MemoryLayout<sluice_property_def>.size == 32)
        #expect(MemoryLayout<sluice_value>.size == 24)
    }

    @Test func rejectsAComponentDefinitionSmallerThanTheOnePointZeroMinimum() {
        expectTooSmall("sluice_component_def") {
            try check(component: { $0.struct_size = 40 }, descriptor: { $0.abi_minor = 0 })
        }
    }

    @Test func rejectsAOnePointOnePluginWhoseDefinitionHasTheOnePointZeroSize() {
        let size = componentDef10
        expectTooSmall("sluice_component_def") { try check(component: { $0.struct_size = size }) }
    }

    @Test func readsAOnePointZeroDefinitionWithoutItsMissingTail() throws {
        // Past the 1.0 size, where 1.1's connection_kind sits, `place` leaves 0xAB bytes: a
        // checker that read them would see a garbage pointer (and refuse or crash).
        let size = componentDef10
        let checked = try check(component: { $0.struct_size = size }, descriptor: { $0.abi_minor = 0 })
        #expect(checked.descriptors.map(\.id) == ["acme.hello"])
        #expect(checked.descriptors[0].connectionKind == nil)
    }

    @Test func acceptsADefinitionLargerThanTheHostsAndIgnoresTheTail() throws {
        let size = UInt32(MemoryLayout<sluice_component_def>.size + 40)
        let checked = try check(component: { $0.struct_size = size })
        #expect(checked.descriptors.map(\.id) == ["acme.hello"])
        #expect(checked.descriptors[0].connectionKind == nil)
    }

    @Test func rejectsATaskVTableSmallerThanItsMinimum() {
        expectTooSmall("sluice_task_vtable") { try check(vtable: { $0.struct_size = 40 }) }
    }

    @Test func acceptsAVTableLargerThanTheHosts() throws {
        let checked = try check(vtable: { $0.struct_size = UInt32(MemoryLayout<sluice_task_vtable>.size + 24) })
        #expect(checked.descriptors.count == 1)
    }

    @Test func rejectsADescriptorSmallerThanItsMinimumWithTheStructCode() {
        expectTooSmall("sluice_plugin_descriptor") { try check(descriptor: { $0.struct_size = 56 }) }
    }

    @Test func rejectsANullComponentPointer() {
        expectInvalid("components[0] is NULL") {
            try check(descriptor: {
                let none = UnsafeMutablePointer<UnsafePointer<sluice_component_def>?>.allocate(capacity: 1)
                none.initialize(to: nil)
                $0.components = UnsafePointer(none)
            })
        }
    }

    // MARK: - connection_kind (ABI 1.1)

    /// A connection manager definition over a valid connection vtable, with `connectionKind`.
    private func connectionManager(_ connectionKind: String) -> (inout sluice_component_def) -> Void {
        var v = sluice_connection_vtable()
        v.struct_size = UInt32(MemoryLayout<sluice_connection_vtable>.size)
        v.create = { _, _, out, _ in out?.pointee = nil; return SLUICE_OK }
        v.destroy = { _ in }
        v.set_property = { _, _, _, _ in SLUICE_OK }
        v.acquire = { _, _, out, _ in out?.pointee = nil; return SLUICE_OK }
        v.release = { _, _ in }
        let vtable = place(v, size: v.struct_size)
        return {
            $0.kind = SLUICE_COMPONENT_CONNECTION_MANAGER
            $0.vtable = vtable
            $0.connection_kind = UnsafePointer(strdup(connectionKind))
        }
    }

    @Test func readsTheConnectionKindOfAConnectionManager() throws {
        let checked = try check(component: connectionManager("sluice.file"))
        #expect(checked.descriptors[0].kind == .connectionManager)
        #expect(checked.descriptors[0].connectionKind == "sluice.file")
    }

    @Test func rejectsAConnectionKindOnATask() {
        expectInvalid("only a connection manager") {
            try check(component: { $0.connection_kind = UnsafePointer(strdup("sluice.file")) })
        }
    }

    @Test func rejectsAConnectionKindThatIsNotANamespacedID() {
        expectInvalid("connection_kind \"File\"") {
            try check(component: connectionManager("File"))
        }
    }

    @Test func theVersionRuleComesFirst() {
        #expect(throws: SluiceError.self) { try check(descriptor: { $0.abi_minor = 99; $0.struct_size = 0 }) }
        do {
            _ = try check(descriptor: { $0.abi_minor = 99; $0.struct_size = 0 })
        } catch let e as SluiceError {
            #expect(e.message == .pluginABIMinorNewer)
        } catch {}
    }

    // MARK: - Data flow kinds (ABI 1.1)

    /// A complete data flow vtable (ports, negotiate, produce, open_stream, process); `edit` breaks it.
    private func dataFlowVTable(_ edit: (inout sluice_dataflow_vtable) -> Void = { _ in }) -> UnsafeRawPointer {
        var v = sluice_dataflow_vtable()
        v.struct_size = UInt32(MemoryLayout<sluice_dataflow_vtable>.size)
        v.create = { _, _, out, _ in out?.pointee = nil; return SLUICE_OK }
        v.destroy = { _ in }
        v.set_property = { _, _, _, _ in SLUICE_OK }
        v.ports = { _, _, _ in SLUICE_OK }
        v.negotiate = { _, _, _, _, _, _ in SLUICE_OK }
        v.produce = { _, _, _, _ in SLUICE_OK }
        v.open_stream = { _, _, _, _ in SLUICE_OK }
        v.process = { _, _, _, _, _ in SLUICE_OK }
        edit(&v)
        return place(v, size: v.struct_size)
    }

    private func checkDataFlow(
        kind: Int32, minor: UInt32 = UInt32(SLUICE_ABI_MINOR), _ edit: (inout sluice_dataflow_vtable) -> Void = { _ in }
    ) throws -> DescriptorChecker.Checked {
        let vtable = dataFlowVTable(edit)
        let size = minor == 0 ? componentDef10 : UInt32(MemoryLayout<sluice_component_def>.size)
        return try check(component: { $0.kind = kind; $0.vtable = vtable; $0.struct_size = size }, descriptor: { $0.abi_minor = minor })
    }

    private func expectDataFlowError(_ message: SluiceMessage, _ fragment: String, _ body: () throws -> DescriptorChecker.Checked) {
        do {
            _ = try body()
            Issue.record("expected the data flow component to be rejected (\(fragment))")
        } catch let e as SluiceError {
            #expect(e.message == message, "\(e.text)")
            #expect(e.text.contains(fragment), "\(e.text)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func acceptsEachDataFlowKindWithItsFunctions() throws {
        for kind in [SLUICE_COMPONENT_SOURCE, SLUICE_COMPONENT_TRANSFORM, SLUICE_COMPONENT_DESTINATION] {
            let checked = try checkDataFlow(kind: kind)
            #expect(checked.descriptors.first?.kind == ComponentKind(abiValue: kind))
        }
    }

    @Test func acceptsASourceWithOnlyAStreamOrOnlyProduce() throws {
        _ = try checkDataFlow(kind: SLUICE_COMPONENT_SOURCE) { $0.produce = nil }
        _ = try checkDataFlow(kind: SLUICE_COMPONENT_SOURCE) { $0.open_stream = nil }
    }

    @Test func rejectsASourceWithNeitherProduceNorOpenStream() {
        expectDataFlowError(.dataFlowVTableIncomplete, "lacks produce or open_stream") {
            try checkDataFlow(kind: SLUICE_COMPONENT_SOURCE) { $0.produce = nil; $0.open_stream = nil }
        }
    }

    @Test func rejectsATransformOrDestinationWithoutProcess() {
        for kind in [SLUICE_COMPONENT_TRANSFORM, SLUICE_COMPONENT_DESTINATION] {
            expectDataFlowError(.dataFlowVTableIncomplete, "lacks process") { try checkDataFlow(kind: kind) { $0.process = nil } }
        }
    }

    @Test func rejectsADataFlowComponentWithoutPortsOrNegotiate() {
        expectDataFlowError(.dataFlowVTableIncomplete, "lacks ports") { try checkDataFlow(kind: SLUICE_COMPONENT_TRANSFORM) { $0.ports = nil } }
        expectDataFlowError(.dataFlowVTableIncomplete, "lacks negotiate") {
            try checkDataFlow(kind: SLUICE_COMPONENT_SOURCE) { $0.negotiate = nil }
        }
    }

    @Test func rejectsADataFlowComponentFromAOnePointZeroPlugin() {
        expectDataFlowError(.dataFlowNeedsABI11, "ABI 1.0") { try checkDataFlow(kind: SLUICE_COMPONENT_TRANSFORM, minor: 0) }
    }

    @Test func rejectsADataFlowVTableSmallerThanTheOnePointOneMinimum() {
        // The 1.0 table's size (88 bytes on LP64): its members would be misread as the 1.1 ones.
        expectDataFlowError(.pluginStructTooSmall, "sluice_dataflow_vtable") {
            try checkDataFlow(kind: SLUICE_COMPONENT_TRANSFORM) { $0.struct_size = 88 }
        }
    }
}
