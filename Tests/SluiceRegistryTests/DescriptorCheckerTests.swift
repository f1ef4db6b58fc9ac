import CSluiceABI
import Foundation
import SluiceCore
@testable import SluiceRegistry
import Testing

/// Descriptors built in memory, one defect each, checked without loading any library.
@Suite struct DescriptorCheckerTests {
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

        let vtable = UnsafeMutablePointer<sluice_task_vtable>.allocate(capacity: 1)
        var v = sluice_task_vtable()
        v.struct_size = UInt32(MemoryLayout<sluice_task_vtable>.size)
        v.create = { _, _, out, _ in out?.pointee = nil; return SLUICE_OK }
        v.destroy = { _ in }
        v.set_property = { _, _, _, _ in SLUICE_OK }
        v.execute = { _, _, _, _ in SLUICE_OK }
        editVTable(&v)
        vtable.initialize(to: v)

        let component = UnsafeMutablePointer<sluice_component_def>.allocate(capacity: 1)
        var c = sluice_component_def()
        c.struct_size = UInt32(MemoryLayout<sluice_component_def>.size)
        c.kind = SLUICE_COMPONENT_TASK
        c.id = UnsafePointer(strdup("acme.hello"))
        c.version = UnsafePointer(strdup("1.0.0"))
        c.property_count = 1
        c.properties = UnsafePointer(property)
        c.vtable = UnsafeRawPointer(vtable)
        edit(&c)
        component.initialize(to: c)

        let descriptor = UnsafeMutablePointer<sluice_plugin_descriptor>.allocate(capacity: 1)
        var d = sluice_plugin_descriptor()
        d.abi_major = UInt32(SLUICE_ABI_MAJOR)
        d.abi_minor = UInt32(SLUICE_ABI_MINOR)
        d.struct_size = UInt32(MemoryLayout<sluice_plugin_descriptor>.size)
        d.component_count = 1
        d.name = UnsafePointer(strdup("acme.greetings"))
        d.version = UnsafePointer(strdup("1.0.0"))
        d.components = UnsafePointer(component)
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

    @Test func rejectsADescriptorSmallerThanVersionOne() {
        expectInvalid("struct_size") { try check(descriptor: { $0.struct_size = 16 }) }
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

    @Test func theVersionRuleComesFirst() {
        #expect(throws: SluiceError.self) { try check(descriptor: { $0.abi_minor = 99; $0.struct_size = 0 }) }
        do {
            _ = try check(descriptor: { $0.abi_minor = 99; $0.struct_size = 0 })
        } catch let e as SluiceError {
            #expect(e.message == .pluginABIMinorNewer)
        } catch {}
    }
}
