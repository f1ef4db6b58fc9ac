import CSluiceABI

extension PluginContext {
    /// Hands `batch` to output `output` of the component whose call received this context
    /// (`produce`, a batch's call, or `endOfInput`). The host takes the batch over and releases
    /// it exactly once, perhaps later and on another thread; the built columns' builders are
    /// empty after, ready for the next batch.
    ///
    /// - Throws: ``PluginError``: a column whose length differs from the batch's, an output the
    ///   component does not have or a batch that does not match its schema (the host's message),
    ///   ``PluginError/Status/canceled`` when the run is stopping. Return it from the call.
    public func emit(_ batch: FlowOutputBatch, to output: Int) throws {
        guard let emit = host.pointee.emit else {
            throw PluginError(.unsupported, "this host has no emit (it is older than ABI 1.1)")
        }
        guard let index = Int32(exactly: output) else { throw PluginError(.invalidArgument, "no output \(output)") }
        var array = try batch.export()
        var error = sluice_error()
        let status = emit(handle, index, &array, &error)
        // The host moves the batch whatever the status; release it here only if it did not.
        if let release = array.release { release(&array) }
        try HostStatus.check(status, error, "emit to output \(output)")
    }
}
