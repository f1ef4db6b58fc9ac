import CSluiceABI

/// The Swift side of `sluice_connection_vtable`'s own members: `acquire` and `release`.
///
/// A connection crosses to the host as a retained ``ConnectionBox``; the instance records every
/// handle it gave out, so `release` of a handle it does not know (twice, or another plugin's)
/// is ignored instead of freeing an object twice.
enum ConnectionCalls {
    static func acquire(
        _ pointer: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ outConnection: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
        _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let (instance, manager) = ComponentCalls.component(pointer, as: (any PluginConnectionManager).self, "acquire", err)
        else { return SLUICE_E_INVALID_ARGUMENT }
        guard let outConnection else { return ComponentCalls.fail(.invalidArgument, "acquire: NULL out_connection", err) }
        do {
            let connection = try manager.acquire(instance.context(handle))
            let box = ConnectionBox(connection)
            let raw = Unmanaged.passRetained(box).toOpaque()
            instance.openConnections.withLock { _ = $0.insert(UInt(bitPattern: raw)) }
            OpenConnections.opened(box, at: raw)
            outConnection.pointee = raw
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }

    static func release(_ pointer: UnsafeMutableRawPointer?, _ connection: UnsafeMutableRawPointer?) {
        guard let pointer, let connection else { return }
        let instance = ComponentInstance.from(pointer)
        guard let manager = instance.component as? any PluginConnectionManager,
            instance.openConnections.withLock({ $0.remove(UInt(bitPattern: connection)) }) != nil
        else { return }
        OpenConnections.closed(connection)
        let box = Unmanaged<ConnectionBox>.fromOpaque(connection).takeRetainedValue()
        manager.release(box.object)
    }
}

/// Holds a connection object while the host has its handle. Unchecked: the host hands one
/// handle to tasks on several threads, and the ABI makes the connection manager responsible
/// for the object being safe to share (docs/connections.md, "Threading").
final class ConnectionBox: @unchecked Sendable {
    let object: AnyObject
    init(_ object: AnyObject) { self.object = object }
}
