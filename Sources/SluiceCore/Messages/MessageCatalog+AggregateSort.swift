// MARK: - 705xx Aggregate and Sort (SluiceDataFlow/Transforms)

extension MessageCatalog {
    static let aggregateSortMessages: [SluiceMessage] = [
        .aggregateOperationType, .aggregateOverflow, .aggregateMemoryExceeded,
        .sortKeysInvalid, .sortSchemaChanged, .sortSpillFailed,
    ]
}

extension SluiceMessage {
    public static let aggregateOperationType = SluiceMessage(
        70501, "SLUICE_E_AGGREGATE_OPERATION_TYPE",
        "Aggregate {component}: {operation} does not apply to column [{column}] of type {type}.")
    public static let aggregateOverflow = SluiceMessage(
        70502, "SLUICE_E_AGGREGATE_OVERFLOW",
        "Aggregate {component}: the sum for output column [{column}] (input {type}) leaves the range of its output type.")
    public static let aggregateMemoryExceeded = SluiceMessage(
        70503, "SLUICE_E_AGGREGATE_MEMORY_EXCEEDED",
        "Aggregate {component} holds {groups} groups in {bytes} bytes, past its memory limit of {limit}.")
    public static let sortKeysInvalid = SluiceMessage(
        70511, "SLUICE_E_SORT_KEYS_INVALID", "Sort {component}: {reason}")
    public static let sortSchemaChanged = SluiceMessage(
        70512, "SLUICE_E_SORT_SCHEMA_CHANGED",
        "Sort {component}: a batch has columns {columns}, but the first batch had {expected}.")
    public static let sortSpillFailed = SluiceMessage(
        70513, "SLUICE_E_SORT_SPILL_FAILED",
        "Sort {component} could not {operation} a temporary file in \"{directory}\": {reason}")
}
