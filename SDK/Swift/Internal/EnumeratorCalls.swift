import CSluiceABI

/// The Swift side of `sluice_enumerator_vtable`'s own members: `begin`, `next`, `end`.
enum EnumeratorCalls {
    static func begin(
        _ pointer: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let (instance, enumerator) = ComponentCalls.component(pointer, as: (any PluginForeachEnumerator).self, "begin", err)
        else { return SLUICE_E_INVALID_ARGUMENT }
        do {
            try enumerator.begin(instance.context(handle))
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }

    /// Copies at most `capacity` values of the next item into `outValues`; their string and byte
    /// data stay in the instance until the next call, as the ABI requires.
    static func next(
        _ pointer: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ outValues: UnsafeMutablePointer<sluice_value>?,
        _ capacity: Int32, _ outCount: UnsafeMutablePointer<Int32>?, _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let (instance, enumerator) = ComponentCalls.component(pointer, as: (any PluginForeachEnumerator).self, "next", err)
        else { return SLUICE_E_INVALID_ARGUMENT }
        instance.valueStorage = []  // the previous item's data may go now
        outCount?.pointee = 0
        let item: [PluginValue]?
        do {
            item = try enumerator.next(instance.context(handle))
        } catch {
            let failure = PluginError(describing: error)
            // "No more items" is the end, not a failure: a thrown noMoreItems ends the loop too.
            if failure.status == .noMoreItems { return SLUICE_NO_MORE_ITEMS }
            return ErrorBuffer.report(failure, to: err)
        }
        guard let item else { return SLUICE_NO_MORE_ITEMS }
        let count = min(item.count, Int(max(capacity, 0)))
        if count > 0, let outValues {
            for index in 0..<count {
                if let storage = item[index].copy(to: outValues + index) { instance.valueStorage.append(storage) }
            }
            outCount?.pointee = Int32(count)
        }
        return SLUICE_OK
    }

    static func end(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer, let enumerator = ComponentInstance.from(pointer).component as? any PluginForeachEnumerator else { return }
        enumerator.end()
    }
}
