import CSluiceABI

extension ComponentProbe {
    /// A task's `execute`, only when asked (`--execute`): a real task has side effects.
    func checkTask(_ instance: Instance) {
        guard options.execute else {
            note("execute", "not called, as a task's work may have side effects; give --execute to check it too")
            return
        }
        let vtable = definition.vtable.table(as: sluice_task_vtable.self)
        step("execute")
        var out = sluice_value()
        out.kind = SLUICE_VALUE_NULL
        let outcome = call { ctx, err in vtable.pointee.execute(instance.raw, ctx, &out, err) }
        if case .failed(let reason) = outcome { note("execute's execution value", "execute failed (\(reason))") }
        guard outcome == .ok else { return }
        step("execute's execution value")
        checkValue(out, expected: "a valid sluice_value (or kind SLUICE_VALUE_NULL for none)")
    }
}
