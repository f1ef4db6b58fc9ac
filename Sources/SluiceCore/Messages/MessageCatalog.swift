/// The single source of truth for every message Sluice raises.
///
/// Codes are grouped by area: 1xxxx package model and files, 2xxxx runtime, 3xxxx plugins and
/// registry, 4xxxx stock tasks, 5xxxx command line, 6xxxx expressions, 7xxxx data flow, 8xxxx the catalog. A code is never reused or renumbered; a
/// retired message keeps its entry. `docs/errors.md` is generated from ``MessageCatalog/all``
/// (`sluice errors --markdown`), and a test fails when the two differ.
public enum MessageCatalog {
    /// Every message, in code order.
    public static let all: [SluiceMessage] = packageMessages + projectMessages + projectArchiveMessages + packageStoreMessages
        + runtimeMessages + executePackageMessages + transactionMessages + registryMessages
        + conformanceMessages + dataFlowABIMessages + dataFlowSDKMessages + dataFlowPluginMessages + taskMessages + commandLineMessages
        + projectCommandLineMessages + propertyPathMessages + projectArchiveCommandLineMessages + expressionMessages + conversionMessages
        + dataFlowMessages + catalogMessages + catalogSecurityMessages + catalogConfigurationMessages + catalogServerMessages
        + catalogServerSecurityMessages + catalogServerConfigurationMessages + catalogServerRouteMessages + catalogClientMessages

    /// Finds a message by numeric code or symbolic name (case-insensitive).
    public static func lookup(_ query: String) -> SluiceMessage? {
        if let code = Int32(query) { return all.first { $0.code == code } }
        let upper = query.uppercased()
        return all.first { $0.name == upper || $0.name == "SLUICE_" + upper }
    }

    static let packageMessages: [SluiceMessage] = [
        .packageNotFound, .packageUnreadable, .jsonMalformed, .formatUnknown, .formatVersionUnsupported,
        .packageFieldInvalid, .duplicateName, .constraintEndpointMissing, .constraintCycle, .variableNotFound,
        .variableReadOnly, .reservedNamespace, .typeMismatch, .propertyPathInvalid, .propertyPathNotFound,
        .connectionNotFound, .parameterNotFound, .parameterRequired, .packageUnwritable, .nameInvalid,
    ]
    static let runtimeMessages: [SluiceMessage] = [
        .taskFailed, .maximumErrorCountReached, .validationFailed, .packageStarted, .packageFinished,
        .runCanceled, .propertyUnknown, .propertyRequired, .propertyType, .executableSkippedDisabled,
        .eventHandlerFailed, .connectionKindUnknown, .containerFailed, .childPackageFailed, .childPackageTooDeep,
        .logProviderFailed, .logProviderUnknown, .checkpointMissing, .checkpointInvalid, .checkpointSkipped,
        .childPackageRecursive,
        .checkpointFileConflict, .checkpointNotRegularFile, .checkpointForeignFile, .checkpointUnwritable,
        .checkpointFormatVersion, .checkpointLocked, .checkpointTornRecord, .checkpointDamaged, .checkpointNotRemoved,
        .checkpointRestored, .checkpointFinishedBefore,
        .foreachFolderUnreadable, .foreachMappingInvalid, .foreachItemInvalid, .foreachEnumeratorInvalid,
        .variableValueTooLong, .connectionInvalid, .connectionAcquireFailed, .connectionStringTwice,
        .logProviderInvalid, .eventRecordInvalid, .eventFormatNewer,
    ]
    static let registryMessages: [SluiceMessage] = [
        .pluginOpenFailed, .pluginEntryMissing, .pluginABIMajorMismatch, .pluginABIMinorNewer,
        .pluginDescriptorInvalid, .pluginInitFailed, .componentDuplicateID, .componentUnknown,
        .pluginCallFailed, .pluginDirectoryMissing, .componentKindMismatch, .pluginCanceledUnasked,
        .pluginStructTooSmall,
        .pluginScanCrashed, .pluginScanTimedOut, .pluginScanExited, .pluginScanOutputInvalid, .pluginScanStartFailed,
        .pluginChangedSinceScan, .connectionForeign,
    ]
    /// `sluice plugins check`: one code per rule of the plugin contract a library can break.
    static let conformanceMessages: [SluiceMessage] = [
        .checkBreaches, .checkPassed, .checkCrashed, .checkTimedOut, .checkExited, .checkStatusUnknown,
        .checkFailureUnexplained, .checkMessageInvalid, .checkAllocationLeaked, .checkDeallocateForeign,
        .checkCallFailed, .checkEnumeratorCount, .checkEnumeratorEndless, .checkValueInvalid,
        .checkPropertyRequiredDefault, .checkSkipped, .checkProcessFailed,
    ]
    static let taskMessages: [SluiceMessage] = [
        .processStartFailed, .processExitCode, .processTimeout, .processOutputTooLarge, .processOutputFileFailed,
        .fileOperationFailed, .fileDestinationExists,
        .fileSourceMissing, .sqlOpenFailed, .sqlFailed, .sqlNoRow, .sqlParameterInvalid, .filePathsOverlap,
        .fileKindUnsupported, .fileLeftover, .connectionKindWrong,
    ]
    static let commandLineMessages: [SluiceMessage] = [
        .commandLineInvalid, .messageUnknown, .runStoppedAtOnce, .pluginNameInvalid, .pluginOutputExists,
        .pluginSkeletonWriteFailed, .graphDotMissing, .graphDotFailed, .graphEventsUnreadable, .graphEventsInvalid,
    ]
    /// 7xxxx data flow; each part of issue 8 owns a range: 700xx the graph checks of the package
    /// model, 701xx-702xx the engine and its transforms (MessageCatalog+DataFlowEngine.swift), 703xx CSV
    /// (MessageCatalog+CSV.swift; 7032x parallel CSV, MessageCatalog+ParallelCSV.swift; 7033x-7036x MessageCatalog+FlatFileMore.swift), 704xx the
    /// Data Flow task (MessageCatalog+DataFlowTask.swift), 705xx Aggregate and Sort (MessageCatalog+AggregateSort.swift).
    static let dataFlowMessages: [SluiceMessage] = [
        .dataFlowDuplicateComponent, .dataFlowDuplicateLineage, .dataFlowDuplicatePort, .dataFlowPathEndpointMissing,
        .dataFlowInputTwoPaths, .dataFlowOutputTwoPaths, .dataFlowCycle, .dataFlowColumnMissing,
        .dataFlowColumnAmbiguous, .dataFlowColumnTypeMismatch, .dataFlowInputUnattached, .dataFlowSynchronousInputMissing,
    ] + dataFlowEngineMessages + csvMessages + parallelCSVMessages + flatFileMoreMessages + dataFlowTaskMessages
        + aggregateSortMessages + joinMessages + sqliteFlowMessages + postgresFlowMessages + dataReaderMessages
    static let expressionMessages: [SluiceMessage] = [
        .expressionSyntax, .expressionUnknownFunction, .expressionArity, .expressionType, .expressionVariableNotFound,
        .expressionParameterNotFound, .expressionColumnNotFound, .expressionDivideByZero, .expressionOverflow,
        .expressionConversion, .expressionArgument, .expressionReadOnly, .expressionStringTooLong,
    ]
}

// MARK: - 6xxxx Expressions

extension SluiceMessage {
    public static let expressionSyntax = SluiceMessage(
        60001, "SLUICE_E_EXPRESSION_SYNTAX", "Expression syntax error at line {line}, column {column}: {reason}")
    public static let expressionUnknownFunction = SluiceMessage(
        60002, "SLUICE_E_EXPRESSION_UNKNOWN_FUNCTION", "Unknown function {name} at line {line}, column {column}.")
    public static let expressionArity = SluiceMessage(
        60003, "SLUICE_E_EXPRESSION_ARITY",
        "{name} takes {expected} argument(s) but was given {count} (line {line}, column {column}).")
    public static let expressionType = SluiceMessage(
        60004, "SLUICE_E_EXPRESSION_TYPE", "Expression type error at line {line}, column {column}: {reason}")
    public static let expressionVariableNotFound = SluiceMessage(
        60005, "SLUICE_E_EXPRESSION_VARIABLE_NOT_FOUND", "Variable {name} is not defined (line {line}, column {column}).")
    public static let expressionParameterNotFound = SluiceMessage(
        60006, "SLUICE_E_EXPRESSION_PARAMETER_NOT_FOUND", "Parameter ${name} is not defined (line {line}, column {column}).")
    public static let expressionColumnNotFound = SluiceMessage(
        60007, "SLUICE_E_EXPRESSION_COLUMN_NOT_FOUND", "Column [{name}] is not available here (line {line}, column {column}).")
    public static let expressionDivideByZero = SluiceMessage(
        60008, "SLUICE_E_EXPRESSION_DIVIDE_BY_ZERO", "Division by zero at line {line}, column {column}.")
    public static let expressionOverflow = SluiceMessage(
        60009, "SLUICE_E_EXPRESSION_OVERFLOW", "Arithmetic overflow in {operation} at line {line}, column {column}.")
    public static let expressionConversion = SluiceMessage(
        60010, "SLUICE_E_EXPRESSION_CONVERSION", "Cannot convert {value} to {type} at line {line}, column {column}: {reason}")
    public static let expressionArgument = SluiceMessage(
        60011, "SLUICE_E_EXPRESSION_ARGUMENT", "Invalid argument to {name} at line {line}, column {column}: {reason}")
    public static let expressionReadOnly = SluiceMessage(
        60012, "SLUICE_E_EXPRESSION_READ_ONLY", "Variable {name} is read-only and cannot be assigned (line {line}, column {column}).")
    public static let expressionStringTooLong = SluiceMessage(
        60013, "SLUICE_E_EXPRESSION_STRING_TOO_LONG",
        "{operation} at line {line}, column {column} would make a string longer than {limit} characters, the longest an expression may make.")
}

// MARK: - 1xxxx Package model and files

extension SluiceMessage {
    public static let packageNotFound = SluiceMessage(
        10001, "SLUICE_E_PACKAGE_NOT_FOUND", "Package file \"{path}\" was not found.")
    public static let packageUnreadable = SluiceMessage(
        10002, "SLUICE_E_PACKAGE_UNREADABLE", "Package file \"{path}\" could not be read: {reason}")
    public static let jsonMalformed = SluiceMessage(
        10003, "SLUICE_E_JSON_MALFORMED", "Malformed JSON at line {line}, column {column}: {reason}")
    public static let formatUnknown = SluiceMessage(
        10004, "SLUICE_E_FORMAT_UNKNOWN",
        "Not a Sluice package: the \"format\" field is {found}; expected \"sluice.package\".")
    public static let formatVersionUnsupported = SluiceMessage(
        10005, "SLUICE_E_FORMAT_VERSION_UNSUPPORTED",
        "Package format version {found} is not supported; this Sluice reads format version {supported}.")
    public static let packageFieldInvalid = SluiceMessage(
        10006, "SLUICE_E_PACKAGE_FIELD_INVALID", "Invalid package at {location}: {reason}")
    public static let duplicateName = SluiceMessage(
        10007, "SLUICE_E_DUPLICATE_NAME", "The {kind} name \"{name}\" is used more than once in {container}.")
    public static let constraintEndpointMissing = SluiceMessage(
        10008, "SLUICE_E_CONSTRAINT_ENDPOINT_MISSING",
        "A precedence constraint in {container} refers to \"{name}\", which is not an executable of that container.")
    public static let constraintCycle = SluiceMessage(
        10009, "SLUICE_E_CONSTRAINT_CYCLE", "The precedence constraints in {container} form a cycle: {cycle}.")
    public static let variableNotFound = SluiceMessage(
        10010, "SLUICE_E_VARIABLE_NOT_FOUND", "Variable \"{name}\" was not found in the scope of {container}.")
    public static let variableReadOnly = SluiceMessage(
        10011, "SLUICE_E_VARIABLE_READ_ONLY", "Variable \"{name}\" is read-only.")
    public static let reservedNamespace = SluiceMessage(
        10012, "SLUICE_E_RESERVED_NAMESPACE",
        "Variable \"{name}\" cannot be declared: the System namespace is reserved for the runtime.")
    public static let typeMismatch = SluiceMessage(
        10013, "SLUICE_E_TYPE_MISMATCH", "Cannot convert {value} to {type}: {reason}")
    public static let propertyPathInvalid = SluiceMessage(
        10014, "SLUICE_E_PROPERTY_PATH_INVALID", "Property path \"{path}\" is not valid: {reason}")
    public static let propertyPathNotFound = SluiceMessage(
        10015, "SLUICE_E_PROPERTY_PATH_NOT_FOUND", "Property path \"{path}\" names nothing in the package: {reason}")
    public static let connectionNotFound = SluiceMessage(
        10016, "SLUICE_E_CONNECTION_NOT_FOUND", "Connection manager \"{name}\" is not defined in the package.")
    public static let parameterNotFound = SluiceMessage(
        10017, "SLUICE_E_PARAMETER_NOT_FOUND", "Parameter \"{name}\" is not defined in the package.")
    public static let parameterRequired = SluiceMessage(
        10018, "SLUICE_E_PARAMETER_REQUIRED", "Required parameter \"{name}\" has no value.")
    public static let packageUnwritable = SluiceMessage(
        10019, "SLUICE_E_PACKAGE_UNWRITABLE", "Package file \"{path}\" could not be written: {reason}")
    public static let nameInvalid = SluiceMessage(
        10020, "SLUICE_E_NAME_INVALID", "The {kind} name \"{name}\" is not valid: {reason}")
}

// MARK: - 2xxxx Runtime

extension SluiceMessage {
    public static let taskFailed = SluiceMessage(
        20001, "SLUICE_E_TASK_FAILED", "Task \"{task}\" failed: {reason}")
    public static let maximumErrorCountReached = SluiceMessage(
        20002, "SLUICE_W_MAXIMUM_ERROR_COUNT_REACHED",
        "\"{executable}\" raised {count} errors, reaching the maximum allowed ({maximum}); resulting in failure.")
    public static let validationFailed = SluiceMessage(
        20003, "SLUICE_E_VALIDATION_FAILED", "Validation of \"{executable}\" failed: {reason}")
    public static let packageStarted = SluiceMessage(
        20004, "SLUICE_I_PACKAGE_STARTED", "Package \"{name}\" started.")
    public static let packageFinished = SluiceMessage(
        20005, "SLUICE_I_PACKAGE_FINISHED", "Package \"{name}\" finished: {result}.")
    public static let runCanceled = SluiceMessage(
        20006, "SLUICE_W_RUN_CANCELED", "The run was canceled: {reason}")
    public static let propertyUnknown = SluiceMessage(
        20007, "SLUICE_E_PROPERTY_UNKNOWN", "\"{executable}\" ({component}) has no property \"{property}\".")
    public static let propertyRequired = SluiceMessage(
        20008, "SLUICE_E_PROPERTY_REQUIRED", "Required property \"{property}\" of \"{executable}\" has no value.")
    public static let propertyType = SluiceMessage(
        20009, "SLUICE_E_PROPERTY_TYPE", "Property \"{property}\" of \"{executable}\" must be {type}; found {found}.")
    public static let executableSkippedDisabled = SluiceMessage(
        20010, "SLUICE_I_EXECUTABLE_DISABLED", "\"{executable}\" is disabled and was skipped.")
    public static let eventHandlerFailed = SluiceMessage(
        20011, "SLUICE_W_EVENT_HANDLER_FAILED", "The {event} handler of \"{executable}\" failed.")
    public static let connectionKindUnknown = SluiceMessage(
        20012, "SLUICE_E_CONNECTION_KIND_UNKNOWN",
        "Connection manager \"{name}\" has kind \"{kind}\", which is not registered.")
    public static let containerFailed = SluiceMessage(
        20013, "SLUICE_E_CONTAINER_FAILED", "\"{executable}\" failed because {reason}.")
    public static let childPackageFailed = SluiceMessage(
        20014, "SLUICE_E_CHILD_PACKAGE_FAILED", "Child package \"{path}\" run by \"{executable}\" finished: {result}.")
    public static let logProviderFailed = SluiceMessage(
        20016, "SLUICE_W_LOG_PROVIDER_FAILED", "Log provider \"{name}\" failed: {reason}")
    public static let logProviderUnknown = SluiceMessage(
        20017, "SLUICE_E_LOG_PROVIDER_UNKNOWN", "Log provider \"{name}\" {reason}.")
    public static let checkpointMissing = SluiceMessage(
        20018, "SLUICE_E_CHECKPOINT_MISSING",
        "Checkpoint file \"{path}\" does not exist, and checkpoint usage is Always (restart force).")
    public static let checkpointInvalid = SluiceMessage(
        20019, "SLUICE_E_CHECKPOINT_INVALID", "Checkpoint file \"{path}\" cannot be used: {reason}")
    public static let checkpointSkipped = SluiceMessage(
        20020, "SLUICE_I_CHECKPOINT_SKIPPED", "\"{executable}\" completed in an earlier run and is skipped (checkpoint).")
    public static let checkpointFileConflict = SluiceMessage(
        20040, "SLUICE_E_CHECKPOINT_FILE_CONFLICT",
        "Checkpoint file \"{path}\" is {use}; a checkpoint needs a file of its own, so nothing was run or written.")
    public static let checkpointNotRegularFile = SluiceMessage(
        20041, "SLUICE_E_CHECKPOINT_NOT_REGULAR_FILE",
        "Checkpoint file \"{path}\" is {kind}, not a regular file; it is left untouched.")
    public static let checkpointForeignFile = SluiceMessage(
        20042, "SLUICE_E_CHECKPOINT_FOREIGN_FILE",
        "\"{path}\" exists and is not a Sluice checkpoint file ({reason}); it is left untouched. Remove it or choose another checkpoint file.")
    public static let checkpointUnwritable = SluiceMessage(
        20043, "SLUICE_E_CHECKPOINT_UNWRITABLE", "Checkpoint file \"{path}\" could not be written: {reason}")
    public static let checkpointFormatVersion = SluiceMessage(
        20044, "SLUICE_E_CHECKPOINT_FORMAT_VERSION",
        "Checkpoint file \"{path}\" has checkpoint format version {found}; this Sluice reads version {supported}. Remove it, or run with --restart never to start afresh.")
    public static let checkpointLocked = SluiceMessage(
        20045, "SLUICE_E_CHECKPOINT_LOCKED", "Checkpoint file \"{path}\" is in use by another run.")
    public static let checkpointTornRecord = SluiceMessage(
        20046, "SLUICE_I_CHECKPOINT_TORN_RECORD",
        "Checkpoint file \"{path}\": its last record is incomplete (the run writing it was stopped, or could not finish writing it) and is ignored.")
    public static let checkpointDamaged = SluiceMessage(
        20047, "SLUICE_W_CHECKPOINT_DAMAGED",
        "Checkpoint file \"{path}\": line {line} is damaged ({reason}); it and the {count} line(s) after it are ignored, so what they recorded runs again.")
    public static let checkpointNotRemoved = SluiceMessage(
        20048, "SLUICE_W_CHECKPOINT_NOT_REMOVED", "Checkpoint file \"{path}\" could not be removed after the successful run: {reason}")
    public static let checkpointRestored = SluiceMessage(
        20049, "SLUICE_I_CHECKPOINT_RESTORED",
        "Restarting from checkpoint file \"{path}\": {executables} executable(s) completed before; {variables} variable value(s) restored.")
    public static let checkpointFinishedBefore = SluiceMessage(
        20050, "SLUICE_I_CHECKPOINT_FINISHED_BEFORE",
        "Checkpoint file \"{path}\" records a run that succeeded (it was not removed); this run starts from the beginning.")
    public static let variableValueTooLong = SluiceMessage(
        20080, "SLUICE_E_VARIABLE_VALUE_TOO_LONG",
        "Cannot set {name}: the string has more than {limit} characters, the longest a variable may hold.")
    public static let connectionInvalid = SluiceMessage(
        20081, "SLUICE_E_CONNECTION_INVALID", "Connection manager \"{name}\" ({kind}) is not valid: {reason}")
    public static let connectionAcquireFailed = SluiceMessage(
        20082, "SLUICE_E_CONNECTION_ACQUIRE_FAILED",
        "Connection manager \"{name}\" ({kind}) could not be acquired for \"{executable}\": {reason}")
    public static let logProviderInvalid = SluiceMessage(
        20084, "SLUICE_E_LOG_PROVIDER_INVALID", "Log provider \"{name}\" ({kind}) is not valid: {reason}")
    public static let connectionStringTwice = SluiceMessage(
        20083, "SLUICE_E_CONNECTION_STRING_TWICE",
        "Connection manager \"{name}\" gives ConnectionString twice, as connectionString and in properties; give it once, as connectionString.")
    public static let childPackageTooDeep = SluiceMessage(
        20015, "SLUICE_E_CHILD_PACKAGE_TOO_DEEP",
        "\"{executable}\" would run \"{path}\" {depth} packages deep; packages calling each other in a loop?")
    public static let childPackageRecursive = SluiceMessage(
        20021, "SLUICE_W_CHILD_PACKAGE_RECURSIVE",
        "\"{executable}\" runs \"{path}\", which is already being validated: the packages call each other, and a run that never stops recursing fails at depth {limit}.")
    public static let foreachFolderUnreadable = SluiceMessage(
        20060, "SLUICE_E_FOREACH_FOLDER_UNREADABLE", "Foreach Loop \"{executable}\" cannot enumerate \"{folder}\": {reason}")
    public static let foreachMappingInvalid = SluiceMessage(
        20061, "SLUICE_E_FOREACH_MAPPING_INVALID",
        "Foreach Loop \"{executable}\" cannot put value {index} of an item into \"{variable}\": {reason}")
    public static let foreachItemInvalid = SluiceMessage(
        20062, "SLUICE_E_FOREACH_ITEM_INVALID",
        "Foreach Loop \"{executable}\": value {index} of item {item} cannot go into \"{variable}\": {reason}")
    public static let foreachEnumeratorInvalid = SluiceMessage(
        20063, "SLUICE_E_FOREACH_ENUMERATOR_INVALID", "Foreach Loop \"{executable}\" has an unusable enumerator: {reason}")
    public static let eventRecordInvalid = SluiceMessage(
        20100, "SLUICE_E_EVENT_RECORD_INVALID", "Not an event record: {reason}")
    public static let eventFormatNewer = SluiceMessage(
        20101, "SLUICE_E_EVENT_FORMAT_NEWER",
        "The event record has format version {version}; this Sluice reads version {supported} and older.")
}

// MARK: - 3xxxx Plugins and registry

extension SluiceMessage {
    public static let pluginOpenFailed = SluiceMessage(
        30001, "SLUICE_E_PLUGIN_OPEN_FAILED", "Could not load plugin library \"{path}\": {reason}")
    public static let pluginEntryMissing = SluiceMessage(
        30002, "SLUICE_E_PLUGIN_ENTRY_MISSING", "Plugin library \"{path}\" does not export {symbol}.")
    public static let pluginABIMajorMismatch = SluiceMessage(
        30003, "SLUICE_E_PLUGIN_ABI_MAJOR_MISMATCH",
        "Plugin library \"{path}\" was built for ABI {plugin}; this host speaks ABI {host} (major versions differ).")
    public static let pluginABIMinorNewer = SluiceMessage(
        30004, "SLUICE_E_PLUGIN_ABI_MINOR_NEWER",
        "Plugin library \"{path}\" was built for ABI {plugin}, newer than this host's ABI {host}; upgrade Sluice.")
    public static let pluginDescriptorInvalid = SluiceMessage(
        30005, "SLUICE_E_PLUGIN_DESCRIPTOR_INVALID", "Plugin library \"{path}\" has an invalid descriptor: {reason}")
    public static let pluginInitFailed = SluiceMessage(
        30006, "SLUICE_E_PLUGIN_INIT_FAILED", "Plugin library \"{path}\" failed to initialise: {reason}")
    public static let componentDuplicateID = SluiceMessage(
        30007, "SLUICE_E_COMPONENT_DUPLICATE_ID",
        "Component id \"{id}\" from \"{path}\" is already registered by {other}.")
    public static let componentUnknown = SluiceMessage(
        30008, "SLUICE_E_COMPONENT_UNKNOWN",
        "\"{executable}\" uses component \"{id}\", which is not registered; is its plugin installed?")
    public static let pluginCallFailed = SluiceMessage(
        30009, "SLUICE_E_PLUGIN_CALL_FAILED", "{component}: {function} failed: {reason}")
    public static let pluginCanceledUnasked = SluiceMessage(
        30012, "SLUICE_E_PLUGIN_CANCELED_UNASKED",
        "{component}: {function} returned SLUICE_E_CANCELED, but no cancel was requested; that is a failure.")
    public static let pluginDirectoryMissing = SluiceMessage(
        30010, "SLUICE_W_PLUGIN_DIRECTORY_MISSING", "Plugin directory \"{path}\" does not exist or cannot be read.")
    public static let componentKindMismatch = SluiceMessage(
        30011, "SLUICE_E_COMPONENT_KIND_MISMATCH",
        "\"{executable}\" uses component \"{id}\" as a {expected}, but it is a {actual}.")
    public static let connectionForeign = SluiceMessage(
        30050, "SLUICE_E_CONNECTION_FOREIGN",
        "\"{executable}\" cannot use the connection of \"{name}\" ({kind}): it was made by plugin library \"{library}\", and a connection handle means nothing to another library.")
    public static let pluginStructTooSmall = SluiceMessage(
        30013, "SLUICE_E_PLUGIN_STRUCT_TOO_SMALL",
        "Plugin library \"{path}\": {structure} has struct_size {size}, smaller than the {minimum} bytes ABI {version} requires.")

    // Crash-safe discovery (30030-30049): what the plugin scanner child reports about a library.
    public static let pluginScanCrashed = SluiceMessage(
        30030, "SLUICE_E_PLUGIN_SCAN_CRASHED",
        "Plugin library \"{path}\" crashed the plugin scanner with signal {signal} ({number}); it is not loaded.")
    public static let pluginScanTimedOut = SluiceMessage(
        30031, "SLUICE_E_PLUGIN_SCAN_TIMEOUT",
        "Plugin library \"{path}\" did not finish loading within {seconds} s in the plugin scanner, which was killed; it is not loaded.")
    public static let pluginScanExited = SluiceMessage(
        30032, "SLUICE_E_PLUGIN_SCAN_EXITED",
        "The plugin scanner exited with status {status} on \"{path}\"{output}; the library is not loaded.")
    public static let pluginScanOutputInvalid = SluiceMessage(
        30033, "SLUICE_E_PLUGIN_SCAN_OUTPUT_INVALID",
        "The plugin scanner's report on \"{path}\" is unreadable: {reason}; the library is not loaded.")
    public static let pluginScanStartFailed = SluiceMessage(
        30034, "SLUICE_E_PLUGIN_SCAN_START_FAILED",
        "Could not start the plugin scanner \"{scanner}\" for \"{path}\": {reason}")
    public static let pluginChangedSinceScan = SluiceMessage(
        30035, "SLUICE_E_PLUGIN_CHANGED_SINCE_SCAN",
        "Plugin library \"{path}\" is not the library that was scanned: {reason}. Run the command again to re-scan it.")
}

// MARK: - 4xxxx Stock tasks

extension SluiceMessage {
    public static let processStartFailed = SluiceMessage(
        40001, "SLUICE_E_PROCESS_START_FAILED", "Could not start \"{executable}\": {reason}")
    public static let processExitCode = SluiceMessage(
        40002, "SLUICE_E_PROCESS_EXIT_CODE",
        "\"{executable}\" exited with code {code}; expected {expected}.{output}")
    public static let processTimeout = SluiceMessage(
        40003, "SLUICE_E_PROCESS_TIMEOUT", "\"{executable}\" did not finish within {seconds} s and was terminated.")
    public static let processOutputTooLarge = SluiceMessage(
        40004, "SLUICE_E_PROCESS_OUTPUT_TOO_LARGE",
        "The {stream} of \"{executable}\" passed {limit} bytes, the most a variable receives, so {variable} was not "
            + "set. Name a file in {property} to keep output of any size.")
    public static let processOutputFileFailed = SluiceMessage(
        40005, "SLUICE_E_PROCESS_OUTPUT_FILE_FAILED",
        "Could not write the {stream} of \"{executable}\" to \"{path}\": {reason}")
    public static let fileOperationFailed = SluiceMessage(
        40010, "SLUICE_E_FILE_OPERATION_FAILED", "{operation} \"{source}\" failed: {reason}")
    public static let fileDestinationExists = SluiceMessage(
        40011, "SLUICE_E_FILE_DESTINATION_EXISTS",
        "{operation}: destination \"{destination}\" already exists and overwriteDestination is false.")
    public static let fileSourceMissing = SluiceMessage(
        40012, "SLUICE_E_FILE_SOURCE_MISSING", "{operation}: source \"{source}\" does not exist.")
    public static let sqlOpenFailed = SluiceMessage(
        40020, "SLUICE_E_SQL_OPEN_FAILED", "Could not open SQLite database \"{path}\": {reason}")
    public static let sqlFailed = SluiceMessage(
        40021, "SLUICE_E_SQL_FAILED", "SQL statement failed on \"{connection}\": {reason}")
    public static let sqlNoRow = SluiceMessage(
        40022, "SLUICE_E_SQL_NO_ROW", "The statement returned no row, but resultSet is \"singleRow\".")
    public static let sqlParameterInvalid = SluiceMessage(
        40023, "SLUICE_E_SQL_PARAMETER_INVALID", "SQL parameter or result binding is not valid: {reason}")
    public static let filePathsOverlap = SluiceMessage(
        40030, "SLUICE_E_FILE_PATHS_OVERLAP",
        "{operation} \"{source}\" to \"{destination}\" refused: {reason}. Nothing was changed.")
    public static let fileKindUnsupported = SluiceMessage(
        40031, "SLUICE_E_FILE_KIND_UNSUPPORTED",
        "{operation}: \"{path}\" is a {kind}; only regular files, directories and symbolic links are copied.")
    public static let fileLeftover = SluiceMessage(
        40032, "SLUICE_W_FILE_LEFTOVER",
        "{operation}: \"{destination}\" was replaced, but its old copy could not be removed and is left at \"{path}\": {reason}")
    public static let connectionKindWrong = SluiceMessage(
        40033, "SLUICE_E_CONNECTION_KIND_WRONG",
        "\"{executable}\" needs a {expected} connection in {property}, but connection manager \"{name}\" {actual}.")
}

// MARK: - 5xxxx Command line

extension SluiceMessage {
    public static let commandLineInvalid = SluiceMessage(
        50001, "SLUICE_E_COMMAND_LINE_INVALID", "Bad command line: {reason}")
    public static let messageUnknown = SluiceMessage(
        50002, "SLUICE_E_MESSAGE_UNKNOWN", "No message has the code or name \"{query}\".")
    public static let runStoppedAtOnce = SluiceMessage(
        50010, "SLUICE_W_RUN_STOPPED_AT_ONCE",
        "A second {signal} stops the run at once: {count} child process(es) are ended (SIGTERM, then SIGKILL); the "
            + "summary, the log providers and the checkpoint are left as they are.")
    public static let pluginNameInvalid = SluiceMessage(
        50011, "SLUICE_E_PLUGIN_NAME_INVALID", "\"{name}\" cannot name a plugin: {reason}.")
    public static let pluginOutputExists = SluiceMessage(
        50012, "SLUICE_E_PLUGIN_OUTPUT_EXISTS",
        "\"{path}\" already exists and {reason}; nothing was written. Name a new or empty directory with --output.")
    public static let pluginSkeletonWriteFailed = SluiceMessage(
        50013, "SLUICE_E_PLUGIN_SKELETON_WRITE_FAILED", "Could not write \"{path}\" of the plugin skeleton: {reason}")
    // 50030-50049: `sluice graph`.
    public static let graphDotMissing = SluiceMessage(
        50030, "SLUICE_E_GRAPH_DOT_MISSING",
        "--format svg needs Graphviz's \"dot\", which is not on PATH: install it (apt-get install graphviz), or use "
            + "--format dot and draw the text with any Graphviz.")
    public static let graphDotFailed = SluiceMessage(
        50031, "SLUICE_E_GRAPH_DOT_FAILED", "Graphviz's \"{path}\" could not draw the graph: {reason}")
    public static let graphEventsUnreadable = SluiceMessage(
        50032, "SLUICE_E_GRAPH_EVENTS_UNREADABLE", "Events file \"{file}\" could not be read: {reason}")
    public static let graphEventsInvalid = SluiceMessage(
        50033, "SLUICE_E_GRAPH_EVENTS_INVALID",
        "\"{file}\" line {line} is not an event record of 'sluice run --events-json': {reason}")
}

// MARK: - 301xx Plugin conformance (`sluice plugins check`)

// Every breach names the component, the step that broke the rule, what the contract expects and
// what the plugin did, so one line says all a plugin author needs.
extension SluiceMessage {
    public static let checkBreaches = SluiceMessage(
        30100, "SLUICE_E_CHECK_BREACHES", "Plugin library \"{path}\" breaks the plugin contract: {count} breach(es) in {checks} checks.")
    public static let checkPassed = SluiceMessage(
        30101, "SLUICE_I_CHECK_PASSED",
        "Plugin library \"{path}\" keeps the plugin contract: {checks} checks on {components} component(s), no breach.")
    public static let checkCrashed = SluiceMessage(
        30102, "SLUICE_E_CHECK_CRASHED", "{component}: the plugin crashed in {step}: expected {expected}; got {actual}.")
    public static let checkTimedOut = SluiceMessage(
        30103, "SLUICE_E_CHECK_TIMED_OUT", "{component}: {step} did not return in time: expected {expected}; got {actual}.")
    public static let checkExited = SluiceMessage(
        30104, "SLUICE_E_CHECK_EXITED", "{component}: the plugin ended the process in {step}: expected {expected}; got {actual}.")
    public static let checkStatusUnknown = SluiceMessage(
        30105, "SLUICE_E_CHECK_STATUS_UNKNOWN",
        "{component}: {step} returned a status it may not return: expected {expected}; got {actual}.")
    public static let checkFailureUnexplained = SluiceMessage(
        30106, "SLUICE_E_CHECK_FAILURE_UNEXPLAINED", "{component}: {step} failed without a message: expected {expected}; got {actual}.")
    public static let checkMessageInvalid = SluiceMessage(
        30107, "SLUICE_E_CHECK_MESSAGE_INVALID",
        "{component}: the message {step} wrote into err is unusable: expected {expected}; got {actual}.")
    public static let checkAllocationLeaked = SluiceMessage(
        30108, "SLUICE_E_CHECK_ALLOCATION_LEAKED",
        "{component}: host memory was not given back after {step}: expected {expected}; got {actual}.")
    public static let checkDeallocateForeign = SluiceMessage(
        30109, "SLUICE_E_CHECK_DEALLOCATE_FOREIGN", "{component}: deallocate was misused in {step}: expected {expected}; got {actual}.")
    public static let checkCallFailed = SluiceMessage(
        30110, "SLUICE_E_CHECK_CALL_FAILED", "{component}: {step} failed: expected {expected}; got {actual}.")
    public static let checkEnumeratorCount = SluiceMessage(
        30111, "SLUICE_E_CHECK_ENUMERATOR_COUNT",
        "{component}: {step} set out_count outside its capacity: expected {expected}; got {actual}.")
    public static let checkEnumeratorEndless = SluiceMessage(
        30112, "SLUICE_E_CHECK_ENUMERATOR_ENDLESS", "{component}: the enumerator does not end in {step}: expected {expected}; got {actual}.")
    public static let checkValueInvalid = SluiceMessage(
        30113, "SLUICE_E_CHECK_VALUE_INVALID", "{component}: {step} handed out an invalid value: expected {expected}; got {actual}.")
    public static let checkPropertyRequiredDefault = SluiceMessage(
        30114, "SLUICE_E_CHECK_PROPERTY_REQUIRED_DEFAULT",
        "{component}: {step} declares a required property with a default: expected {expected}; got {actual}.")
    public static let checkSkipped = SluiceMessage(
        30115, "SLUICE_I_CHECK_SKIPPED", "{component}: {step} not checked: {reason}.")
    public static let checkProcessFailed = SluiceMessage(
        30116, "SLUICE_E_CHECK_PROCESS_FAILED", "The check process for \"{path}\" failed: {reason}")
}
