import CSluiceABI

/// The one `sluice_dataflow_vtable` shared by every Swift source, transform and destination:
/// allocated once, never freed. `produce` and `process` find the kind through the instance.
enum DataFlowVTable {
    /// Written once, during the thread-safe lazy initialization of this static, and only read after.
    nonisolated(unsafe) static let shared: UnsafeRawPointer = {
        let table = UnsafeMutablePointer<sluice_dataflow_vtable>.allocate(capacity: 1)
        table.initialize(to: sluice_dataflow_vtable(
            struct_size: UInt32(MemoryLayout<sluice_dataflow_vtable>.size),
            create: { def, host, outInstance, err in ComponentCalls.create(def, host, outInstance, err) },
            destroy: { instance in ComponentCalls.destroy(instance) },
            set_property: { instance, name, value, err in ComponentCalls.setProperty(instance, name, value, err) },
            validate: { instance, context, err in ComponentCalls.validate(instance, context, err) },
            ports: { instance, out, err in DataFlowCalls.ports(instance, out, err) },
            negotiate: { instance, inputCount, inputs, outputCount, outputs, err in
                DataFlowCalls.negotiate(instance, inputCount, inputs, outputCount, outputs, err)
            },
            pre_execute: { instance, context, err in DataFlowCalls.around(instance, context, err, pre: true) },
            produce: { instance, context, done, err in DataFlowCalls.produce(instance, context, done, err) },
            open_stream: nil,
            process: { instance, context, input, batch, err in DataFlowCalls.process(instance, context, input, batch, err) },
            end_of_input: { instance, context, input, err in DataFlowCalls.endOfInput(instance, context, input, err) },
            post_execute: { instance, context, err in DataFlowCalls.around(instance, context, err, pre: false) }))
        return UnsafeRawPointer(table)
    }()
}
