import CSluiceABI

extension ComponentProbe {
    /// How many variable mappings the check's loop pretends to have.
    static let enumeratorCapacity: Int32 = 4
    /// Extra slots past the capacity, so a plugin that writes beyond it is caught in a check
    /// instead of overwriting the check process's memory.
    static let enumeratorSlack: Int32 = 64

    /// The foreach protocol: begin; next until SLUICE_NO_MORE_ITEMS within `maxItems` items, each
    /// with an out_count within the capacity and valid values; end; then begin again works.
    func checkEnumerator(_ instance: Instance) {
        let vtable = definition.vtable.table(as: sluice_enumerator_vtable.self)
        step("begin")
        let begun = call { ctx, err in vtable.pointee.begin(instance.raw, ctx, err) }
        if case .failed(let reason) = begun {
            note("the enumerator protocol", "begin refused the configuration (\(reason))")
            return
        }
        step("next (first pass)")
        walk(instance, vtable, limit: options.maxItems, mustEnd: true)
        step("end")
        vtable.pointee.end(instance.raw)

        step("begin after end")
        let again = call { ctx, err in vtable.pointee.begin(instance.raw, ctx, err) }
        guard expectOK(again, expected: "SLUICE_OK: begin after end starts the items again, as a loop that runs twice needs") else { return }
        step("next (after the second begin)")
        walk(instance, vtable, limit: 1, mustEnd: false)
        step("end after the second begin")
        vtable.pointee.end(instance.raw)
    }

    /// Calls next up to `limit` times, or until the end or a failure; when it `mustEnd`, `limit`
    /// items without the end make the enumerator endless.
    private func walk(_ instance: Instance, _ vtable: UnsafePointer<sluice_enumerator_vtable>, limit: Int, mustEnd: Bool) {
        let slots = Int(Self.enumeratorCapacity + Self.enumeratorSlack)
        let values = UnsafeMutablePointer<sluice_value>.allocate(capacity: slots)
        defer { values.deallocate() }
        var items = 0
        while items < limit {
            values.initialize(repeating: sluice_value(), count: slots)
            var count: Int32 = 0
            let outcome = call(mayEnd: true) { ctx, err in
                vtable.pointee.next(instance.raw, ctx, values, Self.enumeratorCapacity, &count, err)
            }
            switch outcome {
            case .ended: return
            case .failed(let reason):
                note("the items after item \(items)", "next failed (\(reason))")
                return
            case .ok: break
            }
            countCheck()
            guard (0...Self.enumeratorCapacity).contains(count) else {
                breach(.checkEnumeratorCount, expected: "0 to \(Self.enumeratorCapacity) (the capacity it was given)", actual: "\(count) at item \(items + 1)")
                return
            }
            for i in 0..<Int(count) where !checkValue(values[i], expected: "valid values (value \(i) of item \(items + 1))") { return }
            items += 1
        }
        if mustEnd {
            countCheck()
            breach(.checkEnumeratorEndless, expected: "SLUICE_NO_MORE_ITEMS within \(limit) items", actual: "\(limit) items and no end")
        }
    }
}
