import CSluiceABI
import SluiceCore

extension ComponentProbe {
    /// The most batches the check reads from a source.
    static let sampleBatches = 100

    /// A data flow component: its ports fit its kind; a source's schemas negotiate and its
    /// batches (from `open_stream`, else from `produce` through `emit`) import as the host
    /// imports them: lengths, buffer counts, offsets, formats, a release on every struct. A
    /// transform or destination gets synthetic upstream schemas and batches (``checkBatches``).
    func checkDataFlow(_ instance: Instance) {
        let vtable = definition.vtable.table(as: sluice_dataflow_vtable.self).pointee
        step("ports")
        countCheck()
        let ports: DataFlowPorts
        do {
            ports = try DataFlowPorts.query(vtable, instance: instance.raw, kind: descriptor.kind, component: id)
        } catch let e as SluiceError {
            return breach(e, expected: "inputs and outputs that fit a \(descriptor.kind.rawValue)", actual: e.text)
        } catch { return }
        guard descriptor.kind == .source else { return checkBatches(vtable, instance, ports) }
        step("negotiate")
        countCheck()
        let outputs: [DataFlowNegotiation.Output]
        do {
            outputs = try DataFlowNegotiation.negotiate(vtable, instance: instance.raw, ports: ports, inputs: [], component: id)
        } catch let e as SluiceError {
            return breach(e, expected: "an output schema the host can read for every output", actual: e.text)
        } catch { return }
        if vtable.open_stream != nil, outputs.count == 1 {
            checkStream(vtable, instance, outputs[0])
        } else if vtable.produce != nil {
            checkProduce(vtable, instance, outputs, ports)
        }
    }

    private func checkStream(_ vtable: sluice_dataflow_vtable, _ instance: Instance, _ output: DataFlowNegotiation.Output) {
        step("open_stream")
        var stream = ArrowArrayStream()
        let opened = call { ctx, err in vtable.open_stream(instance.raw, ctx, &stream, err) }
        guard expectOK(opened, expected: "SLUICE_OK: open_stream with the configured values") else { return }
        guard stream.release != nil, let getNext = stream.get_next else {
            return breach(.arrowArrayReleased, expected: "a stream with get_next and release", actual: "release or get_next is NULL")
        }
        defer { stream.release(&stream) }
        for index in 0..<Self.sampleBatches {
            step("stream get_next #\(index + 1)")
            var array = ArrowArray()
            countCheck()
            guard getNext(&stream, &array) == 0 else { return note("the stream", "get_next failed (errno-style status)") }
            if array.release == nil { return }  // the end of the stream
            importBatch(&array, output, place: "stream batch \(index + 1)")
        }
    }

    private func checkProduce(
        _ vtable: sluice_dataflow_vtable, _ instance: Instance, _ outputs: [DataFlowNegotiation.Output], _ ports: DataFlowPorts
    ) {
        for index in 0..<Self.sampleBatches {
            step("produce #\(index + 1)")
            var done: Int32 = 0
            let produced = call(emitSink: { [self] output, owner in
                guard outputs.indices.contains(Int(output)) else {
                    throw SluiceError(.dataFlowPortsInvalid, ["component": id, "reason": "emit to output \(output), which does not exist"])
                }
                let origin = ArrowOrigin(component: id, place: "output \"\(ports.outputs[Int(output)].name)\"")
                _ = try ArrowImport.batch(owner, schema: outputs[Int(output)].schema.schema, origin: origin)
                countCheck()
            }) { ctx, err in vtable.produce(instance.raw, ctx, &done, err) }
            guard expectOK(produced, expected: "SLUICE_OK from produce, each emitted batch accepted") else { return }
            if done != 0 { return }
        }
    }

    private func importBatch(_ array: inout ArrowArray, _ output: DataFlowNegotiation.Output, place: String) {
        countCheck()
        let origin = ArrowOrigin(component: id, place: place)
        do {
            let owner = try ArrowArrayOwner.take(&array, origin: origin)
            _ = try ArrowImport.batch(owner, schema: output.schema.schema, origin: origin)
        } catch let e as SluiceError {
            breach(e, expected: "a batch that matches its negotiated schema", actual: e.text)
        } catch {}
    }
}
