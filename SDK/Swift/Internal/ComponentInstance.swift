import CSluiceABI
import Synchronization

/// What `void *instance` points to for a Swift component: the component object, the host table
/// it was created with, and the storage behind values handed to the host. Retained by `create`,
/// released by `destroy`.
final class ComponentInstance {
    let component: any PluginComponent
    let factory: ComponentFactory
    /// The instance's copy of the host table, read by the ABI's reading rule.
    let host: UnsafePointer<sluice_host_api>
    /// Backs string or byte data of the last execution value or enumerator item, until the next
    /// call on the instance or `destroy` (the ABI's "borrowed until the next call").
    var valueStorage: [ValueStorage] = []
    /// The connections a connection manager handed out and not yet got back: `release` only
    /// takes back a handle found here, so a double or foreign release cannot free an object twice.
    let openConnections = Mutex<Set<UInt>>([])  // handles' addresses
    /// A data flow component's negotiated inputs and port tables; unused by other kinds.
    let flow = FlowInstanceState()

    init(factory: ComponentFactory, host: UnsafePointer<sluice_host_api>) {
        self.component = factory.type.init()
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
    static func from(_ pointer: UnsafeMutableRawPointer) -> ComponentInstance {
        Unmanaged<ComponentInstance>.fromOpaque(pointer).takeUnretainedValue()
    }
}
