// MARK: - 700xx The data flow graph (the package model's checks)

extension SluiceMessage {
    public static let dataFlowDuplicateComponent = SluiceMessage(
        70001, "SLUICE_E_DATAFLOW_DUPLICATE_COMPONENT",
        "Data flow {dataFlow}: the component name \"{component}\" is used more than once.")
    public static let dataFlowDuplicateLineage = SluiceMessage(
        70002, "SLUICE_E_DATAFLOW_DUPLICATE_LINEAGE",
        "Data flow {dataFlow}: column \"{column}\" of {component}.{output} has lineage id {lineageId}, which an earlier column already has.")
    public static let dataFlowDuplicatePort = SluiceMessage(
        70003, "SLUICE_E_DATAFLOW_DUPLICATE_PORT",
        "Data flow {dataFlow}: component \"{component}\" has more than one {kind} named \"{name}\".")
    public static let dataFlowPathEndpointMissing = SluiceMessage(
        70004, "SLUICE_E_DATAFLOW_PATH_ENDPOINT_MISSING",
        "Data flow {dataFlow}: a path names {kind} \"{name}\" of component \"{component}\", which does not exist.")
    public static let dataFlowInputTwoPaths = SluiceMessage(
        70005, "SLUICE_E_DATAFLOW_INPUT_TWO_PATHS",
        "Data flow {dataFlow}: input \"{input}\" of component \"{component}\" is attached by more than one path.")
    public static let dataFlowOutputTwoPaths = SluiceMessage(
        70006, "SLUICE_E_DATAFLOW_OUTPUT_TWO_PATHS",
        "Data flow {dataFlow}: output \"{output}\" of component \"{component}\" is attached by more than one path (use a Multicast).")
    public static let dataFlowCycle = SluiceMessage(
        70007, "SLUICE_E_DATAFLOW_CYCLE", "Data flow {dataFlow}: the paths form a cycle: {cycle}.")
    public static let dataFlowColumnMissing = SluiceMessage(
        70008, "SLUICE_E_DATAFLOW_COLUMN_MISSING",
        "Data flow {dataFlow}: input \"{input}\" of component \"{component}\" uses column {column}, which no output upstream of it produces.")
    public static let dataFlowColumnAmbiguous = SluiceMessage(
        70009, "SLUICE_E_DATAFLOW_COLUMN_AMBIGUOUS",
        "Data flow {dataFlow}: input \"{input}\" of component \"{component}\" uses column {column}, which more than one output upstream of it produces ({producers}).")
    public static let dataFlowColumnTypeMismatch = SluiceMessage(
        70010, "SLUICE_E_DATAFLOW_COLUMN_TYPE_MISMATCH",
        "Data flow {dataFlow}: input \"{input}\" of component \"{component}\" declares column \"{column}\" as {declared}, but the upstream column is {actual}.")
    public static let dataFlowInputUnattached = SluiceMessage(
        70011, "SLUICE_E_DATAFLOW_INPUT_UNATTACHED",
        "Data flow {dataFlow}: the required input \"{input}\" of component \"{component}\" is not attached by any path.")
    public static let dataFlowSynchronousInputMissing = SluiceMessage(
        70012, "SLUICE_E_DATAFLOW_SYNCHRONOUS_INPUT_MISSING",
        "Data flow {dataFlow}: output \"{output}\" of component \"{component}\" is synchronous to input \"{input}\", which the component does not have.")
}
