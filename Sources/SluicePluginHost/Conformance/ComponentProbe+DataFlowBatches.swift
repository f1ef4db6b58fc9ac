import CSluiceABI
import SluiceCore

extension ComponentProbe {
    /// A transform or destination, fed by the host: ``SyntheticBatches`` on every input after
    /// negotiating their schema, then `end_of_input` and `post_execute`. Checked: every emitted
    /// array imports as the host imports it (lengths, buffers, offsets, formats) and has a
    /// release; nothing is emitted after the end; each batch given is released exactly once
    /// (the verdict comes after `destroy`, in ``judgeInputReleases()``, since a component may
    /// keep a batch until then).
    func checkBatches(_ vtable: sluice_dataflow_vtable, _ instance: Instance, _ ports: DataFlowPorts) {
        step("negotiate with synthetic inputs (\(SyntheticBatches.schema.map(\.name).joined(separator: ", ")))")
        countCheck()
        let schemas = UnsafeMutablePointer<ArrowSchema>.allocate(capacity: max(ports.inputs.count, 1))
        for index in ports.inputs.indices { ArrowExport.schema(columns: SyntheticBatches.schema, into: schemas + index) }
        defer {
            for index in ports.inputs.indices { schemas[index].release?(schemas + index) }
            schemas.deallocate()
        }
        let outputs: [DataFlowNegotiation.Output]
        do {
            let inputs = ports.inputs.indices.map { UnsafePointer(schemas + $0) }
            outputs = try DataFlowNegotiation.negotiate(vtable, instance: instance.raw, ports: ports, inputs: inputs, component: id)
        } catch let e as SluiceError where e.message == .pluginCallFailed {
            return note("batches", "negotiate refused the synthetic inputs (\(e.text)); name columns it accepts with --property")
        } catch let e as SluiceError {
            return breach(e, expected: "an output schema the host can read for every output", actual: e.text)
        } catch { return }
        let batches: [(label: String, batch: ColumnBatch)]
        do { batches = try SyntheticBatches.batches() } catch { return note("batches", "the synthetic batches: \(error)") }

        let ended = EndFlag()
        let sink: (Int32, ArrowArrayOwner) throws -> Void = { [self] output, owner in
            guard !ended.value else {
                breach(.checkEmitAfterEnd, expected: "emit only during process and end_of_input", actual: "a batch emitted to output \(output)")
                throw SluiceError(.checkEmitAfterEnd, ["component": id, "step": "post_execute", "expected": "no emit", "actual": "an emit"])
            }
            guard outputs.indices.contains(Int(output)) else {
                throw SluiceError(.dataFlowPortsInvalid, ["component": id, "reason": "emit to output \(output), which does not exist"])
            }
            countCheck()
            let origin = ArrowOrigin(component: id, place: "output \"\(ports.outputs[Int(output)].name)\"")
            do {
                _ = try ArrowImport.batch(owner, schema: outputs[Int(output)].schema.schema, origin: origin)
            } catch let e as SluiceError {
                breach(e, expected: "a well-formed batch matching the output's negotiated schema", actual: e.text)
                throw e
            }
        }
        if let pre = vtable.pre_execute {
            step("pre_execute")
            guard expectOK(batchCall(nil) { ctx, err in pre(instance.raw, ctx, err) }, expected: "SLUICE_OK from pre_execute") else { return }
        }
        feed: for (label, batch) in batches {
            for (input, name) in ports.inputs.enumerated() {
                step("process: \(label) on input \"\(name)\"")
                let slot = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
                pendingInputs.append(TrackedInputBatch(batch, label: "\(label) on input \"\(name)\"", into: slot))
                let outcome = batchCall(sink) { ctx, err in vtable.process(instance.raw, ctx, Int32(input), slot, err) }
                slot.pointee.release?(slot)  // the host's release after the call, unless the plugin moved it
                slot.deallocate()
                if case .failed(let reason) = outcome {
                    note("the batches after \(label)", "process failed (\(reason))")
                    break feed
                }
            }
        }
        if let end = vtable.end_of_input {
            for (input, name) in ports.inputs.enumerated() {
                step("end_of_input(\"\(name)\")")
                _ = expectOK(batchCall(sink) { ctx, err in end(instance.raw, ctx, Int32(input), err) }, expected: "SLUICE_OK from end_of_input")
            }
        }
        ended.value = true
        if let post = vtable.post_execute {
            step("post_execute")
            _ = expectOK(batchCall(sink) { ctx, err in post(instance.raw, ctx, err) }, expected: "SLUICE_OK from post_execute")
        }
    }

    /// ``call(mayEnd:emitSink:_:)``, plus a breach for each batch the plugin emitted with a NULL release.
    private func batchCall(
        _ sink: ((Int32, ArrowArrayOwner) throws -> Void)?, _ body: (OpaquePointer, UnsafeMutablePointer<sluice_error>) -> sluice_status
    ) -> Outcome {
        let error = ErrorBuffer()
        let context = CallContext(CheckContext(component: id))
        context.emitSink = sink
        let status = context.withPointer { body($0, error.pointer) }
        countCheck()
        if context.releasedBatchesEmitted > 0 {
            breach(
                .checkEmitReleased, expected: "every emitted array with a non-NULL release (the host calls it once)",
                actual: "\(context.releasedBatchesEmitted) array(s) with release NULL")
        }
        return judge(status, error, errorsFired: context.errorsFired)
    }

    /// After `destroy`: each batch given to the plugin was released exactly once.
    func judgeInputReleases() {
        defer { pendingInputs = [] }
        guard !pendingInputs.isEmpty else { return }
        step("destroy, then count the releases of the \(pendingInputs.count) batches given")
        countCheck(pendingInputs.count)
        let unreleased = pendingInputs.filter { $0.releases.load(ordering: .sequentiallyConsistent) == 0 }
        let twice = pendingInputs.filter { $0.releases.load(ordering: .sequentiallyConsistent) > 1 }
        if let first = unreleased.first {
            breach(
                .checkInputNotReleased, expected: "each batch released once: by the host after process, or by the plugin after it moved it",
                actual: "\(unreleased.count) batch(es) moved and never released, the first: \(first.label)")
        }
        if let first = twice.first {
            breach(
                .checkInputReleasedTwice, expected: "each batch released exactly once",
                actual: "\(twice.count) batch(es) released more than once, the first (\(first.releases.load(ordering: .sequentiallyConsistent)) times): \(first.label)")
        }
    }
}

/// Set once the inputs have ended: an emit after it is a breach. Emits come on the thread of the
/// call that received the context, which is the check's own.
private final class EndFlag {
    var value = false
}
