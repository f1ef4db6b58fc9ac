// MARK: - 70521-70559 Merge, Merge Join and Lookup (SluiceDataFlow/Transforms/Join)

extension MessageCatalog {
    static let joinMessages: [SluiceMessage] = [
        .joinInputNotSorted, .joinKeyTypeMismatch, .joinKeysInvalid, .joinSchemaChanged, .joinOutputTooLarge,
        .lookupNoMatch, .lookupReferenceFailed, .lookupDuplicateKeys,
    ]
}

extension SluiceMessage {
    public static let joinInputNotSorted = SluiceMessage(
        70521, "SLUICE_E_JOIN_INPUT_NOT_SORTED",
        "{component}: input {input} is not sorted as declared: its row {row} comes before the row ahead of it on the keys {keys}.")
    public static let joinKeyTypeMismatch = SluiceMessage(
        70522, "SLUICE_E_JOIN_KEY_TYPE_MISMATCH",
        "{component}: key column [{left}] is {leftType} but [{right}] is {rightType}: joined keys must have the same type.")
    public static let joinKeysInvalid = SluiceMessage(
        70523, "SLUICE_E_JOIN_KEYS_INVALID", "{component}: {reason}")
    public static let joinSchemaChanged = SluiceMessage(
        70524, "SLUICE_E_JOIN_SCHEMA_CHANGED",
        "{component}: a batch on input {input} has columns {columns}, but its first batch had {expected}.")
    public static let joinOutputTooLarge = SluiceMessage(
        70525, "SLUICE_E_JOIN_OUTPUT_TOO_LARGE",
        "{component}: an output batch of {rows} rows would hold {bytes} bytes in column [{column}], past the 2 GiB a column holds; lower defaultBufferMaxRows.")
    public static let lookupNoMatch = SluiceMessage(
        70531, "SLUICE_E_LOOKUP_NO_MATCH",
        "Lookup {component}: row {row} of the input has no match in the reference.")
    public static let lookupReferenceFailed = SluiceMessage(
        70532, "SLUICE_E_LOOKUP_REFERENCE_FAILED",
        "Lookup {component}: the reference could not be loaded: {reason}")
    public static let lookupDuplicateKeys = SluiceMessage(
        70533, "SLUICE_W_LOOKUP_DUPLICATE_KEYS",
        "Lookup {component}: {count} reference row(s) repeat a key already cached; the first row of each key is used.")
}
