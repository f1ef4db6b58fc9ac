import CSluiceABI

/// The Swift side of `sluice_dataflow_vtable`'s own members. Every error thrown by component
/// code becomes a status and a message in `err`; batches are moved into ``FlowBatch`` at once,
/// so each is released exactly once whatever the component does.
enum DataFlowCalls {
    typealias ErrorPointer = UnsafeMutablePointer<sluice_error>?

    static func ports(_ pointer: UnsafeMutableRawPointer?, _ out: UnsafeMutablePointer<sluice_ports>?, _ err: ErrorPointer) -> sluice_status {
        guard let (instance, component) = ComponentCalls.component(pointer, as: (any PluginFlowComponent).self, "ports", err)
        else { return SLUICE_E_INVALID_ARGUMENT }
        guard let out else { return ComponentCalls.fail(.invalidArgument, "ports: NULL out", err) }
        do {
            try instance.flow.fillPorts(out, inputs: component.inputs, outputs: component.outputs)
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }

    static func negotiate(
        _ pointer: UnsafeMutableRawPointer?, _ inputCount: Int32, _ inputs: UnsafePointer<UnsafePointer<ArrowSchema>?>?,
        _ outputCount: Int32, _ outputs: UnsafeMutablePointer<ArrowSchema>?, _ err: ErrorPointer
    ) -> sluice_status {
        guard let (instance, component) = ComponentCalls.component(pointer, as: (any PluginFlowComponent).self, "negotiate", err)
        else { return SLUICE_E_INVALID_ARGUMENT }
        do {
            guard inputCount >= 0, outputCount >= 0, inputCount == 0 || inputs != nil, outputCount == 0 || outputs != nil else {
                throw PluginError(.invalidArgument, "negotiate: \(inputCount) inputs, \(outputCount) outputs, or NULL arrays")
            }
            let fields = try (0..<Int(inputCount)).map { try FlowSchemaBridge.fields(of: inputs?[$0], input: $0) }
            let schemas = try component.negotiate(fields)
            guard schemas.count == Int(outputCount) else {
                throw PluginError(.invalidArgument, "negotiate gave \(schemas.count) output schemas for \(outputCount) outputs")
            }
            instance.flow.inputFields = fields
            for (index, schema) in schemas.enumerated() { outputs?[index] = FlowSchemaBridge.export(schema) }
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }

    static func around(_ pointer: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ err: ErrorPointer, pre: Bool) -> sluice_status {
        let name = pre ? "pre_execute" : "post_execute"
        guard let (instance, component) = ComponentCalls.component(pointer, as: (any PluginFlowComponent).self, name, err)
        else { return SLUICE_E_INVALID_ARGUMENT }
        do {
            let context = instance.context(handle)
            if pre { try component.preExecute(context) } else { try component.postExecute(context) }
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }

    static func produce(
        _ pointer: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ done: UnsafeMutablePointer<Int32>?, _ err: ErrorPointer
    ) -> sluice_status {
        guard let (instance, source) = ComponentCalls.component(pointer, as: (any PluginFlowSource).self, "produce", err)
        else { return SLUICE_E_INVALID_ARGUMENT }
        do {
            let finished = try source.produce(instance.context(handle))
            done?.pointee = finished ? 1 : 0
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }

    static func process(
        _ pointer: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ input: Int32, _ batch: UnsafeMutablePointer<ArrowArray>?,
        _ err: ErrorPointer
    ) -> sluice_status {
        guard let (instance, component) = ComponentCalls.component(pointer, as: (any PluginFlowComponent).self, "process", err)
        else { return SLUICE_E_INVALID_ARGUMENT }
        do {
            let index = Int(input)
            guard let batch else { throw PluginError(.invalidArgument, "process: a NULL batch") }
            guard instance.flow.inputFields.indices.contains(index) else {
                // Taken and released here, as on every other path: the host sees it moved.
                var refused = batch.pointee
                batch.pointee.release = nil
                refused.release?(&refused)
                throw PluginError(.invalidArgument, "process: input \(input), which was not negotiated")
            }
            let received = try FlowBatch(moving: batch, fields: instance.flow.inputFields[index], input: index)
            let context = instance.context(handle)
            switch component {
            case let transform as any PluginSynchronousTransform:
                if let out = try transform.transform(received, context) { try context.emit(out, to: 0) }
            case let transform as any PluginAsynchronousTransform:
                try transform.process(received, input: index, context)
            case let destination as any PluginFlowDestination:
                try destination.consume(received, input: index, context)
            default:
                throw PluginError(.unsupported, "component '\(instance.factory.id)' takes no batches")
            }
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }

    static func endOfInput(_ pointer: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ input: Int32, _ err: ErrorPointer) -> sluice_status {
        guard let (instance, component) = ComponentCalls.component(pointer, as: (any PluginFlowComponent).self, "end_of_input", err)
        else { return SLUICE_E_INVALID_ARGUMENT }
        do {
            let context = instance.context(handle)
            switch component {
            case let transform as any PluginAsynchronousTransform: try transform.endOfInput(Int(input), context)
            case let destination as any PluginFlowDestination: try destination.endOfInput(Int(input), context)
            default: break
            }
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }
}
