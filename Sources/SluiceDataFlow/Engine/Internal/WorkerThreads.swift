#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import SluiceCore

/// A fixed set of POSIX threads running one body each, joined together: no thread outlives
/// ``joinAll()``. Plain pthreads (no Dispatch) so the number of threads is exactly the number asked.
final class WorkerThreads {
    private final class Start {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    private var threads: [pthread_t] = []

    var started: Int { threads.count }

    /// Starts a thread named `name` (cut to the 15 bytes Linux keeps) running `body`.
    /// - Throws: `SLUICE_E_DATAFLOW_THREAD_START_FAILED` when the system refuses a thread.
    func start(name: String, _ body: @escaping @Sendable () -> Void) throws {
        let box = Unmanaged.passRetained(Start(name: String(decoding: name.utf8.prefix(15), as: UTF8.self), body: body))
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let start = Unmanaged<Start>.fromOpaque(raw).takeRetainedValue()
            WorkerThreads.nameCurrentThread(start.name)
            start.body()
            return nil
        }, box.toOpaque())
        guard status == 0 else {
            box.release()
            throw SluiceError(.dataFlowThreadStartFailed, ["thread": name, "errno": String(status)])
        }
        threads.append(thread)
    }

    /// Glibc's `pthread_setname_np` is hidden from Swift (it needs _GNU_SOURCE): found once by name.
    private typealias SetName = @convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32
    private static let setName: SetName? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_setname_np").map {
        unsafeBitCast($0, to: SetName.self)
    }

    /// Names the calling thread (what `top -H` and /proc/self/task/*/comm show); best effort.
    static func nameCurrentThread(_ name: String) {
        guard let setName else { return }
        _ = name.withCString { setName(pthread_self(), $0) }
    }

    /// Waits for every started thread to end; returns how many were joined.
    func joinAll() -> Int {
        var joined = 0
        for thread in threads where pthread_join(thread, nil) == 0 { joined += 1 }
        threads.removeAll()
        return joined
    }
}
