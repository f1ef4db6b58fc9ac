// MARK: - 3035x Data flow plugins driven by the engine (30350-30399)

extension MessageCatalog {
    /// A plugin data flow component as the engine runs it: its configuration, its batches in and out.
    static let dataFlowPluginMessages: [SluiceMessage] = [
        .dataFlowPluginNotDataFlow, .dataFlowPluginInputSchemas, .dataFlowPluginBatchMismatch,
        .dataFlowPluginStreamFailed, .dataFlowPluginOutputInvalid,
    ]
}

extension SluiceMessage {
    public static let dataFlowPluginNotDataFlow = SluiceMessage(
        30350, "SLUICE_E_DATAFLOW_PLUGIN_NOT_DATAFLOW",
        "Data flow component \"{component}\": \"{id}\" is not a data flow plugin component ({reason}).")
    public static let dataFlowPluginInputSchemas = SluiceMessage(
        30351, "SLUICE_E_DATAFLOW_PLUGIN_INPUT_SCHEMAS",
        "Data flow component \"{component}\": {reason}")
    public static let dataFlowPluginBatchMismatch = SluiceMessage(
        30352, "SLUICE_E_DATAFLOW_PLUGIN_BATCH_MISMATCH",
        "Data flow component \"{component}\", input \"{input}\": a batch's columns ({found}) differ from the negotiated schema ({expected}).")
    public static let dataFlowPluginStreamFailed = SluiceMessage(
        30353, "SLUICE_E_DATAFLOW_PLUGIN_STREAM_FAILED",
        "Data flow component \"{component}\": its Arrow stream failed: {reason}")
    public static let dataFlowPluginOutputInvalid = SluiceMessage(
        30354, "SLUICE_E_DATAFLOW_PLUGIN_OUTPUT_INVALID",
        "Data flow component \"{component}\" emitted to output {output}, which does not exist ({count} outputs).")
}
