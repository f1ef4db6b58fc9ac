import Synchronization

/// Every connection the library's Swift connection managers have handed out and not yet got
/// back, by handle: ``PluginConnection/object(as:)`` reads a handle as a ``ConnectionBox`` only
/// when it is found here, so a handle from anywhere else (a C connection manager, a stale one)
/// is never dereferenced as a Swift object.
enum OpenConnections {
    private static let boxes = Mutex<[UInt: ConnectionBox]>([:])

    static func opened(_ box: ConnectionBox, at handle: UnsafeMutableRawPointer) {
        boxes.withLock { $0[UInt(bitPattern: handle)] = box }
    }

    static func closed(_ handle: UnsafeMutableRawPointer) {
        _ = boxes.withLock { $0.removeValue(forKey: UInt(bitPattern: handle)) }
    }

    /// The connection object behind `handle`, retained for the caller; nil when it is not open.
    static func object(at handle: UnsafeMutableRawPointer) -> AnyObject? {
        boxes.withLock { $0[UInt(bitPattern: handle)] }?.object
    }
}
