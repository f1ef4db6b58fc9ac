// MARK: - 50070-50089 dtexec's /Set property paths and /CheckPointing (sluice run --set, --checkpointing)

extension MessageCatalog {
    static let propertyPathMessages: [SluiceMessage] = [
        .setValueNotConvertible, .setVariableAmbiguous, .setSensitiveTarget, .checkpointingNeedsFile,
    ]
}

extension SluiceMessage {
    /// `{value}` is the text in quotes, or "the sensitive value" when it must not be shown.
    public static let setValueNotConvertible = SluiceMessage(
        50070, "SLUICE_E_SET_VALUE_NOT_CONVERTIBLE",
        "Property path \"{path}\": {value} does not convert to {type}: {reason}")
    public static let setVariableAmbiguous = SluiceMessage(
        50071, "SLUICE_E_SET_VARIABLE_AMBIGUOUS",
        "Property path \"{path}\": \"{executable}\" declares no User::{name} and more than one other \"{name}\" "
            + "({candidates}); name the namespace, as in Variables[{example}].")
    public static let setSensitiveTarget = SluiceMessage(
        50072, "SLUICE_E_SET_SENSITIVE_TARGET",
        "Property path \"{path}\": $Sensitive:: applies to parameters only; {target} would show the value in events, "
            + "logs or --show-variables. Set a parameter (Variables[$Package::Name]) and refer to it in the package.")
    public static let checkpointingNeedsFile = SluiceMessage(
        50073, "SLUICE_E_CHECKPOINTING_NEEDS_FILE",
        "--checkpointing on needs a checkpoint file: give --checkpoint-file FILE, or name one in the package "
            + "(checkpoint.fileName).")
}
