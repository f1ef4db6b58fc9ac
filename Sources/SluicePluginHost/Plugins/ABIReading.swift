import CSluiceABI
import Foundation
import SluiceCore

/// The ABI's reading rule (sluice_abi.h), applied to every struct a plugin hands the host.
///
/// A plugin built against an older header wrote a smaller struct: reading the host's whole
/// `sizeof` would run past it. So the host never takes `pointee` of a plugin struct; it copies
/// min(struct_size, sizeof) bytes into zeroed host memory and reads only the copy, where members
/// the plugin did not have are zero / NULL. A struct smaller than its minimum for the plugin's
/// declared minor is refused (`SLUICE_E_PLUGIN_STRUCT_TOO_SMALL`); a larger one is accepted and
/// its unknown tail ignored.
enum ABIReading {
    /// A growable struct of the ABI, with its per-version minimum sizes (the Swift mirror of the
    /// header's `SLUICE_*_SIZE_1_N`, which the clang importer cannot bring over: they use offsetof).
    enum Structure: String, CaseIterable {
        case descriptor = "sluice_plugin_descriptor"
        case componentDef = "sluice_component_def"
        case taskVTable = "sluice_task_vtable"
        case dataflowVTable = "sluice_dataflow_vtable"
        case connectionVTable = "sluice_connection_vtable"
        case logProviderVTable = "sluice_log_provider_vtable"
        case enumeratorVTable = "sluice_enumerator_vtable"
        case inputDef = "sluice_input_def"
        case outputDef = "sluice_output_def"

        /// The smallest `struct_size` a plugin declaring `minor` may give.
        func minimumSize(minor: UInt32) -> UInt32 {
            switch self {
            case .descriptor: through(\sluice_plugin_descriptor.`init`)
            case .componentDef:
                minor == 0 ? through(\sluice_component_def.user_data) : through(\sluice_component_def.connection_kind)
            case .taskVTable: through(\sluice_task_vtable.execute)
            // Data flow tables exist from 1.1 on (a 1.0 plugin's is refused before its size is read).
            case .dataflowVTable: through(\sluice_dataflow_vtable.post_execute)
            case .inputDef: through(\sluice_input_def.name)
            case .outputDef: through(\sluice_output_def.is_error_output)
            case .connectionVTable: through(\sluice_connection_vtable.release)
            case .logProviderVTable: through(\sluice_log_provider_vtable.close)
            case .enumeratorVTable: through(\sluice_enumerator_vtable.end)
            }
        }
    }

    /// Bytes from the start of `T` through the end of `member` (`SLUICE_SIZE_THROUGH`).
    static func through<T, M>(_ member: KeyPath<T, M>) -> UInt32 {
        let offset = MemoryLayout<T>.offset(of: member) ?? MemoryLayout<T>.size
        return UInt32(offset + MemoryLayout<M>.size)
    }

    /// The host-side size of each kind's vtable copy: the largest vtable the host knows.
    static let vtableCopySize = [
        MemoryLayout<sluice_task_vtable>.size, MemoryLayout<sluice_dataflow_vtable>.size,
        MemoryLayout<sluice_connection_vtable>.size, MemoryLayout<sluice_log_provider_vtable>.size,
        MemoryLayout<sluice_enumerator_vtable>.size,
    ].max() ?? 0

    /// The `uint32_t` at `offset` of a plugin struct (its `struct_size`, or a version field).
    static func uint32(_ raw: UnsafeRawPointer, at offset: Int = 0) -> UInt32 {
        raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
    }

    /// Checks `size` against the minimum of `structure` for the plugin's `minor`.
    static func checkSize(
        _ size: UInt32, of structure: Structure, minor: UInt32, path: String, owner: String
    ) throws {
        let minimum = structure.minimumSize(minor: minor)
        guard size >= minimum else {
            throw SluiceError(.pluginStructTooSmall, [
                "path": path, "structure": "\(owner)\(structure.rawValue)", "size": "\(size)",
                "minimum": "\(minimum)", "version": "\(HostABI.major).\(minor)",
            ])
        }
    }

    /// Copies min(`size`, sizeof `T`) bytes of the plugin's struct into a zeroed `T`.
    static func copy<T>(_ raw: UnsafeRawPointer, size: UInt32, as type: T.Type) -> T {
        withUnsafeTemporaryAllocation(byteCount: MemoryLayout<T>.size, alignment: MemoryLayout<T>.alignment) { buffer in
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            let count = min(Int(size), buffer.count)
            if let base = buffer.baseAddress { base.copyMemory(from: raw, byteCount: count) }
            return buffer.load(as: T.self)
        }
    }

}

/// The host's copy of a plugin's vtable: ``ABIReading/vtableCopySize`` bytes, zero past the
/// plugin's `struct_size`, so every call reads the copy and never past the plugin's table.
/// One owner of the memory, freed in `deinit`.
final class VTableCopy: @unchecked Sendable {
    private let raw: UnsafeMutableRawPointer

    init(_ source: UnsafeRawPointer, size: UInt32) {
        raw = UnsafeMutableRawPointer.allocate(byteCount: ABIReading.vtableCopySize, alignment: 16)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: ABIReading.vtableCopySize)
        raw.copyMemory(from: source, byteCount: min(Int(size), ABIReading.vtableCopySize))
    }

    deinit { raw.deallocate() }

    /// The table as the C struct of a kind: every vtable the host knows fits in the copy.
    func table<T>(as type: T.Type) -> UnsafePointer<T> {
        UnsafePointer(raw.assumingMemoryBound(to: T.self))
    }
}
