// MARK: - 303xx The data flow part of the plugin ABI (30300-30349)

extension MessageCatalog {
    /// Data flow plugins: their vtable, their inputs and outputs, and the Arrow batches and
    /// schemas they hand the host.
    static let dataFlowABIMessages: [SluiceMessage] = [
        .dataFlowNeedsABI11, .dataFlowVTableIncomplete, .dataFlowPortsInvalid, .arrowSchemaInvalid,
        .arrowArrayInvalid, .arrowFormatUnsupported, .arrowArrayReleased, .dataFlowErrorOutputSchema,
    ]
}

extension SluiceMessage {
    public static let dataFlowNeedsABI11 = SluiceMessage(
        30300, "SLUICE_E_DATAFLOW_NEEDS_ABI_1_1",
        "Plugin library \"{path}\": data flow component \"{id}\" comes from a plugin of ABI {version}; data flow components need ABI 1.1 or later (the 1.0 data flow table was replaced).")
    public static let dataFlowVTableIncomplete = SluiceMessage(
        30301, "SLUICE_E_DATAFLOW_VTABLE_INCOMPLETE",
        "Plugin library \"{path}\": data flow component \"{id}\" ({kind}) lacks {function} in its sluice_dataflow_vtable.")
    public static let dataFlowPortsInvalid = SluiceMessage(
        30302, "SLUICE_E_DATAFLOW_PORTS_INVALID",
        "Component \"{component}\": its declared inputs and outputs are not valid: {reason}")
    public static let arrowSchemaInvalid = SluiceMessage(
        30303, "SLUICE_E_ARROW_SCHEMA_INVALID",
        "Component \"{component}\", {where}, column \"{column}\": the Arrow schema is not valid: {reason}")
    public static let arrowArrayInvalid = SluiceMessage(
        30304, "SLUICE_E_ARROW_ARRAY_INVALID",
        "Component \"{component}\", {where}, column \"{column}\": the Arrow array is not valid: {reason}")
    public static let arrowFormatUnsupported = SluiceMessage(
        30305, "SLUICE_E_ARROW_FORMAT_UNSUPPORTED",
        "Component \"{component}\", {where}, column \"{column}\": Arrow format \"{format}\" has no Sluice data type (see SDK/README.md, \"Data types as Arrow\").")
    public static let arrowArrayReleased = SluiceMessage(
        30306, "SLUICE_E_ARROW_ARRAY_RELEASED",
        "Component \"{component}\", {where}: the Arrow {structure} has a NULL release callback (already released, or never filled).")
    public static let dataFlowErrorOutputSchema = SluiceMessage(
        30307, "SLUICE_E_DATAFLOW_ERROR_OUTPUT_SCHEMA",
        "Component \"{component}\", error output \"{output}\": its schema must end with the int32 columns ErrorCode and ErrorColumn ({reason}).")
}
