// MARK: - 708xx Package output to clients: the DataReader destination (docs/package-output.md)

extension MessageCatalog {
    static let dataReaderMessages: [SluiceMessage] = [
        .dataReaderNameDuplicate, .dataReaderOutputUnknown, .dataReaderTimeout, .dataReaderRunFailed,
        .dataReaderWriteFailed, .dataReaderColumnUnsupported, .dataReaderOutputTwice,
    ]
}

extension SluiceMessage {
    public static let dataReaderNameDuplicate = SluiceMessage(
        70801, "SLUICE_E_DATAREADER_NAME_DUPLICATE",
        "Two DataReader destinations are named \"{name}\": {first} and {second}; an output name is unique in a package.")
    public static let dataReaderOutputUnknown = SluiceMessage(
        70802, "SLUICE_E_DATAREADER_OUTPUT_UNKNOWN",
        "The package has no DataReader destination named \"{name}\" (its outputs: {known}).")
    public static let dataReaderTimeout = SluiceMessage(
        70803, "SLUICE_E_DATAREADER_TIMEOUT",
        "No rows reached output \"{name}\" within the read timeout of {seconds} s.")
    public static let dataReaderRunFailed = SluiceMessage(
        70804, "SLUICE_E_DATAREADER_RUN_FAILED",
        "The run of package \"{package}\" ended {result} before output \"{name}\" was read to its end: {reason}")
    public static let dataReaderWriteFailed = SluiceMessage(
        70805, "SLUICE_E_DATAREADER_WRITE_FAILED",
        "Could not write output \"{name}\" as {format}: {reason}")
    public static let dataReaderColumnUnsupported = SluiceMessage(
        70806, "SLUICE_E_DATAREADER_COLUMN_UNSUPPORTED",
        "Output \"{name}\": column [{column}] of type {type} cannot be written as {format}.")
    public static let dataReaderOutputTwice = SluiceMessage(
        70807, "SLUICE_E_DATAREADER_OUTPUT_TWICE",
        "Output \"{name}\" is already being read: an output has one reader.")
}
