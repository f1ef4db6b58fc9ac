// MARK: - 701xx-702xx The data flow engine and its simplest transforms

extension MessageCatalog {
    static let dataFlowEngineMessages: [SluiceMessage] = [
        .dataFlowComponentFailed, .dataFlowCanceled, .dataFlowPathInvalid, .dataFlowInputUnconnected,
        .dataFlowGraphCycle, .dataFlowComponentDuplicate, .dataFlowOutputInvalid, .dataFlowStalled, .dataFlowOptionInvalid,
        .dataFlowThreadStartFailed, .dataFlowGraphReused,
        .dataFlowColumnNotFound, .dataFlowColumnType, .dataFlowConversionFailed, .dataFlowExpressionFailed,
        .dataFlowConditionNotBoolean, .dataFlowUnionMismatch, .dataFlowTransformInvalid,
    ]
}

extension SluiceMessage {
    // The engine (701xx): the graph, the scheduler, a component that fails.
    public static let dataFlowComponentFailed = SluiceMessage(
        70101, "SLUICE_E_DATAFLOW_COMPONENT_FAILED", "Data flow component {component} failed: {reason}")
    public static let dataFlowCanceled = SluiceMessage(
        70102, "SLUICE_E_DATAFLOW_CANCELED", "The data flow was canceled.")
    public static let dataFlowPathInvalid = SluiceMessage(
        70103, "SLUICE_E_DATAFLOW_PATH_INVALID", "The data flow path from {from} to {to} is invalid: {reason}")
    public static let dataFlowInputUnconnected = SluiceMessage(
        70104, "SLUICE_E_DATAFLOW_INPUT_UNCONNECTED", "Input {input} of data flow component {component} is not connected.")
    public static let dataFlowGraphCycle = SluiceMessage(
        70105, "SLUICE_E_DATAFLOW_GRAPH_CYCLE", "The data flow paths form a cycle through component {component}.")
    public static let dataFlowComponentDuplicate = SluiceMessage(
        70106, "SLUICE_E_DATAFLOW_COMPONENT_DUPLICATE", "Two data flow components are named {component}.")
    public static let dataFlowOutputInvalid = SluiceMessage(
        70107, "SLUICE_E_DATAFLOW_OUTPUT_INVALID",
        "Data flow component {component} sent a batch to output {output}, which it does not have ({count} output(s)).")
    public static let dataFlowStalled = SluiceMessage(
        70108, "SLUICE_E_DATAFLOW_STALLED", "The data flow stopped making progress with {components} unfinished.")
    public static let dataFlowOptionInvalid = SluiceMessage(
        70109, "SLUICE_E_DATAFLOW_OPTION_INVALID", "Data flow option {option} is invalid: {reason}")
    public static let dataFlowThreadStartFailed = SluiceMessage(
        70110, "SLUICE_E_DATAFLOW_THREAD_START_FAILED", "The data flow could not start worker thread {thread}: error {errno}.")
    public static let dataFlowGraphReused = SluiceMessage(
        70111, "SLUICE_E_DATAFLOW_GRAPH_REUSED",
        "This data flow graph has already run, and its components keep their state: build a new graph to run again.")

    // The stock transforms (702xx).
    public static let dataFlowColumnNotFound = SluiceMessage(
        70201, "SLUICE_E_DATAFLOW_COLUMN_NOT_FOUND", "Component {component}: the input has no column [{column}].")
    public static let dataFlowColumnType = SluiceMessage(
        70202, "SLUICE_E_DATAFLOW_COLUMN_TYPE", "Component {component}, column [{column}]: {reason}")
    public static let dataFlowConversionFailed = SluiceMessage(
        70203, "SLUICE_E_DATAFLOW_CONVERSION_FAILED",
        "Component {component} could not convert column [{column}] (row {row} of the batch) to {type}: {reason}")
    public static let dataFlowExpressionFailed = SluiceMessage(
        70204, "SLUICE_E_DATAFLOW_EXPRESSION_FAILED", "Component {component}, expression for {target}: {reason}")
    public static let dataFlowConditionNotBoolean = SluiceMessage(
        70205, "SLUICE_E_DATAFLOW_CONDITION_NOT_BOOLEAN",
        "Component {component}: condition {condition} is of type {type}, not DT_BOOL.")
    public static let dataFlowUnionMismatch = SluiceMessage(
        70206, "SLUICE_E_DATAFLOW_UNION_MISMATCH", "Union All {component}: input {input} {reason}")
    public static let dataFlowTransformInvalid = SluiceMessage(
        70207, "SLUICE_E_DATAFLOW_TRANSFORM_INVALID", "Component {component} is configured wrongly: {reason}")
}
