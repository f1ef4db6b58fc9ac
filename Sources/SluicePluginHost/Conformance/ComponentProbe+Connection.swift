import CSluiceABI

extension ComponentProbe {
    /// The connection manager lifecycle as runs drive it: acquire, then release of the handle it
    /// gave (NULL included, as the host does), `cycles` times over: a run acquires once and
    /// releases once, and the next run (or a child package) acquires again. The blocks taken
    /// meanwhile are counted after destroy, since a pool may keep them until then.
    ///
    /// A first acquire that fails with a message is a note, not a breach: connecting may need a
    /// real server, named with `--property ID.ConnectionString=…`.
    func checkConnection(_ instance: Instance) {
        let vtable = definition.vtable.table(as: sluice_connection_vtable.self)
        for cycle in 1...max(options.cycles, 1) {
            step("acquire #\(cycle)")
            var handle: UnsafeMutableRawPointer?
            let acquired = call { ctx, err in vtable.pointee.acquire(instance.raw, ctx, &handle, err) }
            if cycle == 1, case .failed(let reason) = acquired {
                note("the connection lifecycle", "acquire refused the configuration (\(reason))")
                return
            }
            guard expectOK(acquired, expected: "SLUICE_OK: acquire after release connects again, as the next run does") else { return }
            step("release #\(cycle)")
            vtable.pointee.release(instance.raw, handle)
        }
    }
}
