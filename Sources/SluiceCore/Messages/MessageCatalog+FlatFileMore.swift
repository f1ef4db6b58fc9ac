// MARK: - 7033x-7036x Flat File completeness: code pages, truncation, inferred columns (SluiceCSV)

extension MessageCatalog {
    static let flatFileMoreMessages: [SluiceMessage] = [
        .csvValueTruncated, .csvCodePageUnsupported, .csvCharacterNotInCodePage, .csvInferenceFailed,
        .csvDateOutOfRange, .flatFileErrorTextTooLarge,
    ]
}

extension SluiceMessage {
    public static let csvValueTruncated = SluiceMessage(
        70330, "SLUICE_E_CSV_VALUE_TRUNCATED",
        "\"{file}\" line {line}, column [{column}]: the text has {count} characters, longer than the column's length {length}.")
    public static let csvCodePageUnsupported = SluiceMessage(
        70331, "SLUICE_E_CSV_CODE_PAGE_UNSUPPORTED",
        "\"{file}\": code page {codePage} is not supported; supported: {supported}.")
    public static let csvCharacterNotInCodePage = SluiceMessage(
        70332, "SLUICE_E_CSV_CHARACTER_NOT_IN_CODE_PAGE",
        "\"{file}\" line {line}, column [{column}]: the character {character} has no byte in code page {codePage}.")
    public static let csvInferenceFailed = SluiceMessage(
        70333, "SLUICE_E_CSV_INFERENCE_FAILED",
        "\"{file}\": the columns could not be inferred: {reason}")
    public static let csvDateOutOfRange = SluiceMessage(
        70340, "SLUICE_E_CSV_DATE_OUT_OF_RANGE",
        "\"{file}\" line {line}, column [{column}]: the {type} value {value} is outside the years 0000-9999 a CSV date is written in.")
    public static let flatFileErrorTextTooLarge = SluiceMessage(
        70341, "SLUICE_E_FLAT_FILE_ERROR_TEXT_TOO_LARGE",
        "Flat File source \"{component}\": the {rows} rows redirected in one batch hold {bytes} bytes of text, more than an error output column holds ({limit}).")
}
