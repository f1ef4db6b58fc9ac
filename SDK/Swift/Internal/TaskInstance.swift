import CSluiceABI

/// What `void *instance` points to for a Swift task: the task object, the host table it was created
/// with, and the storage behind the last execution value. Retained by `create`, released by `destroy`.
final class TaskInstance {
    let task: any PluginTask
    let factory: TaskFactory
    /// The instance's copy of the host table, read by the ABI's reading rule.
    let host: UnsafePointer<sluice_host_api>
    /// Backs string or byte data of the last execution value until the next `execute` or `destroy`.
    var executionValueStorage: ValueStorage?

    init(factory: TaskFactory, host: UnsafePointer<sluice_host_api>) {
        self.task = factory.type.init()
        self.factory = factory
        // The reading rule (sluice_abi.h): an older host's table ends before members this SDK
        // knows. Copy only the host's struct_size bytes into a zeroed table, so an absent member
        // reads as nil (every call site already checks) instead of as bytes past the host's table.
        let copy = UnsafeMutablePointer<sluice_host_api>.allocate(capacity: 1)
        copy.initialize(to: sluice_host_api())
        let hostSize = UnsafeRawPointer(host).load(as: UInt32.self)
        UnsafeMutableRawPointer(copy).copyMemory(from: host, byteCount: min(Int(hostSize), MemoryLayout<sluice_host_api>.size))
        self.host = UnsafePointer(copy)
    }

    deinit { UnsafeMutablePointer(mutating: host).deallocate() }

    /// A context for one call on `handle`.
    func context(_ handle: OpaquePointer?) -> PluginContext {
        PluginContext(host: host, handle: handle)
    }

    /// The instance behind an opaque pointer from the host, not retained.
    static func from(_ pointer: UnsafeMutableRawPointer) -> TaskInstance {
        Unmanaged<TaskInstance>.fromOpaque(pointer).takeUnretainedValue()
    }
}
