// MARK: - 703xx CSV reader and writer (SluiceCSV)

extension MessageCatalog {
    static let csvMessages: [SluiceMessage] = [
        .csvFileNotFound, .csvFileUnreadable, .csvRaggedRow, .csvValueInvalid, .csvUnterminatedQuote,
        .csvInvalidUTF8, .csvStrayQuote, .csvOptionsInvalid, .csvRowTooLong, .csvWriteFailed, .csvColumnMismatch,
    ]
}

extension SluiceMessage {
    public static let csvFileNotFound = SluiceMessage(
        70301, "SLUICE_E_CSV_FILE_NOT_FOUND", "CSV file \"{file}\" was not found.")
    public static let csvFileUnreadable = SluiceMessage(
        70302, "SLUICE_E_CSV_FILE_UNREADABLE", "CSV file \"{file}\" could not be read: {reason}")
    public static let csvRaggedRow = SluiceMessage(
        70303, "SLUICE_E_CSV_RAGGED_ROW",
        "\"{file}\" line {line}: the row has {count} field(s), but {expected} column(s) are declared.")
    public static let csvValueInvalid = SluiceMessage(
        70304, "SLUICE_E_CSV_VALUE_INVALID",
        "\"{file}\" line {line}, column [{column}]: \"{value}\" is not a valid {type}.")
    public static let csvUnterminatedQuote = SluiceMessage(
        70305, "SLUICE_E_CSV_UNTERMINATED_QUOTE",
        "\"{file}\" line {line}: a quoted field is not closed before the end of the file.")
    public static let csvInvalidUTF8 = SluiceMessage(
        70306, "SLUICE_E_CSV_INVALID_UTF8", "\"{file}\" line {line}, column [{column}]: the text is not valid UTF-8.")
    public static let csvStrayQuote = SluiceMessage(
        70307, "SLUICE_E_CSV_STRAY_QUOTE",
        "\"{file}\" line {line}, column [{column}]: a text qualifier inside a field must be doubled, and a quoted field must end at its closing qualifier.")
    public static let csvOptionsInvalid = SluiceMessage(
        70308, "SLUICE_E_CSV_OPTIONS_INVALID", "CSV options for \"{file}\" are invalid: {reason}")
    public static let csvRowTooLong = SluiceMessage(
        70309, "SLUICE_E_CSV_ROW_TOO_LONG", "\"{file}\" line {line}: a row is longer than {limit} bytes.")
    public static let csvWriteFailed = SluiceMessage(
        70310, "SLUICE_E_CSV_WRITE_FAILED", "CSV file \"{file}\" could not be written: {reason}")
    public static let csvColumnMismatch = SluiceMessage(
        70311, "SLUICE_E_CSV_COLUMN_MISMATCH",
        "\"{file}\": the batch does not match the declared columns: {reason}")
}
