import CSluiceABI

/// What `void *instance` points to for a Swift task: the task object, the host table it was created
/// with, and the storage behind the last execution value. Retained by `create`, released by `destroy`.
final class TaskInstance {
    let task: any PluginTask
    let factory: TaskFactory
    let host: UnsafePointer<sluice_host_api>
    /// Backs string or byte data of the last execution value until the next `execute` or `destroy`.
    var executionValueStorage: ValueStorage?

    init(factory: TaskFactory, host: UnsafePointer<sluice_host_api>) {
        self.task = factory.type.init()
        self.factory = factory
        self.host = host
    }

    /// A context for one call on `handle`.
    func context(_ handle: OpaquePointer?) -> PluginContext {
        PluginContext(host: host, handle: handle)
    }

    /// The instance behind an opaque pointer from the host, not retained.
    static func from(_ pointer: UnsafeMutableRawPointer) -> TaskInstance {
        Unmanaged<TaskInstance>.fromOpaque(pointer).takeUnretainedValue()
    }
}
