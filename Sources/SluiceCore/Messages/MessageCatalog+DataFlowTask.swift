// MARK: - 704xx The Data Flow task: the package model bound to the engine

extension MessageCatalog {
    static let dataFlowTaskMessages: [SluiceMessage] = [
        .dataFlowClassUnknown, .dataFlowPropertyInvalid, .dataFlowColumnUnsupported, .dataFlowShapeInvalid,
        .dataFlowModelMissing, .dataFlowColumnNameClash, .dataFlowTaskFailed,
    ]
}

extension SluiceMessage {
    public static let dataFlowClassUnknown = SluiceMessage(
        70401, "SLUICE_E_DATAFLOW_CLASS_UNKNOWN",
        "Data flow {dataFlow}: component \"{component}\" is of class \"{class}\", which is not a data flow component Sluice knows ({known}).")
    public static let dataFlowPropertyInvalid = SluiceMessage(
        70402, "SLUICE_E_DATAFLOW_PROPERTY_INVALID",
        "Data flow {dataFlow}: component \"{component}\", property \"{property}\": {reason}")
    public static let dataFlowColumnUnsupported = SluiceMessage(
        70403, "SLUICE_E_DATAFLOW_COLUMN_UNSUPPORTED",
        "Data flow {dataFlow}: component \"{component}\" cannot take column \"{column}\": {reason}")
    public static let dataFlowShapeInvalid = SluiceMessage(
        70404, "SLUICE_E_DATAFLOW_SHAPE_INVALID",
        "Data flow {dataFlow}: component \"{component}\" {reason}")
    public static let dataFlowModelMissing = SluiceMessage(
        70405, "SLUICE_E_DATAFLOW_MODEL_MISSING",
        "Task \"{executable}\" runs the data flow engine but carries no data flow (it must be of type dataFlow).")
    public static let dataFlowColumnNameClash = SluiceMessage(
        70406, "SLUICE_E_DATAFLOW_COLUMN_NAME_CLASH",
        "Data flow {dataFlow}: two columns named \"{column}\" reach component \"{component}\" (lineage ids {lineageIds}); the engine finds columns by name, so rename one.")
    public static let dataFlowTaskFailed = SluiceMessage(
        70407, "SLUICE_E_DATAFLOW_TASK_FAILED", "Data flow {dataFlow} failed: {reason}")
}
