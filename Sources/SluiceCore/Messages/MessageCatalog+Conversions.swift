// MARK: - 601xx Locale and conversions (SluiceExpressions)

extension MessageCatalog {
    static let conversionMessages: [SluiceMessage] = [
        .localeUnsupported, .expressionDateTimeCompared, .expressionBlobCompared, .expressionBitwiseSignedness,
        .expressionRoundNegativeLength,
    ]
}

extension SluiceMessage {
    public static let localeUnsupported = SluiceMessage(
        60100, "SLUICE_E_LOCALE_UNSUPPORTED",
        "LocaleID {locale} is not supported; Sluice knows {supported}.")
    public static let expressionDateTimeCompared = SluiceMessage(
        60101, "SLUICE_E_EXPRESSION_DATE_TIME_COMPARED",
        "A time ({left}) cannot be compared with a date ({right}) at line {line}, column {column}: cast one to the other's type.")
    public static let expressionBlobCompared = SluiceMessage(
        60102, "SLUICE_E_EXPRESSION_BLOB_COMPARED",
        "'{operator}' does not apply to {type} at line {line}, column {column}: DT_TEXT, DT_NTEXT and DT_IMAGE cannot be compared.")
    public static let expressionBitwiseSignedness = SluiceMessage(
        60103, "SLUICE_E_EXPRESSION_BITWISE_SIGNEDNESS",
        "'{operator}' needs two signed or two unsigned integers, not {left} and {right} (line {line}, column {column}): cast one of them.")
    public static let expressionRoundNegativeLength = SluiceMessage(
        60104, "SLUICE_E_EXPRESSION_ROUND_NEGATIVE_LENGTH",
        "ROUND's length must be zero or positive, not {length} (line {line}, column {column}).")
}
