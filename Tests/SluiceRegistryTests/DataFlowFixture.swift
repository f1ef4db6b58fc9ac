import CSluiceABI
import Foundation
import SluiceCore
@testable import SluicePluginHost
import SluiceTestSupport

/// The C fixture libFixtureDataFlow.so, opened and checked as the host does, with helpers to
/// create instances and call their data flow functions directly (the engine is not here).
struct DataFlowFixture {
    let checked: DescriptorChecker.Checked
    let path = BuildProducts.library("FixtureDataFlow").path

    init() throws {
        let (_, descriptor) = try PluginLoader.open(path)
        checked = try DescriptorChecker.check(descriptor, path: path)
    }

    func definition(_ id: String) throws -> CheckedDefinition {
        guard let i = checked.descriptors.firstIndex(where: { $0.id == id }) else { throw SluiceError(.componentUnknown, ["id": id]) }
        return checked.definitions[i]
    }

    func vtable(_ id: String) throws -> sluice_dataflow_vtable {
        try definition(id).vtable.table(as: sluice_dataflow_vtable.self).pointee
    }

    /// The source's counters of batches made and released (its `user_data`).
    func counters() throws -> (made: Int64, released: Int64) {
        let raw = try requireNonNil(definition("fixtures.dataflow.numbers").pointer.pointee.user_data)
        let counters = raw.assumingMemoryBound(to: Int64.self)
        return (counters[0], counters[1])
    }

    /// Creates an instance of `id` with string or integer properties set.
    func instance(_ id: String, _ properties: [String: Value] = [:]) throws -> Instance {
        let def = try definition(id)
        let table = try vtable(id)
        var raw: UnsafeMutableRawPointer?
        var err = sluice_error()
        guard let create = table.create, create(def.pointer, HostServices.table, &raw, &err) == SLUICE_OK else {
            throw SluiceError(.pluginCallFailed, ["reason": "create failed"])
        }
        let instance = Instance(table: table, raw: raw)
        for (name, value) in properties {
            let status: sluice_status = name.withCString { cName in
                switch value {
                case .string(let s):
                    return s.withCString { text in
                        var v = sluice_value()
                        v.kind = SLUICE_VALUE_STRING
                        v.as.string.data = text
                        v.as.string.length = Int64(strlen(text))
                        return table.set_property(raw, cName, &v, &err)
                    }
                case .int(let i):
                    var v = sluice_value()
                    v.kind = SLUICE_VALUE_INT64
                    v.as.int64 = i
                    return table.set_property(raw, cName, &v, &err)
                default: return SLUICE_E_TYPE_MISMATCH
                }
            }
            guard status == SLUICE_OK else { throw SluiceError(.pluginCallFailed, ["reason": "set_property \(name) failed"]) }
        }
        return instance
    }

    /// One plugin instance, destroyed with the object.
    final class Instance {
        let table: sluice_dataflow_vtable
        let raw: UnsafeMutableRawPointer?
        init(table: sluice_dataflow_vtable, raw: UnsafeMutableRawPointer?) {
            self.table = table
            self.raw = raw
        }
        deinit { table.destroy(raw) }
    }
}

/// `#require` for a value in a throwing helper that is not a test.
func requireNonNil<T>(_ value: T?) throws -> T {
    guard let value else { throw SluiceError(.pluginCallFailed, ["reason": "unexpected NULL"]) }
    return value
}
