// MARK: - 7062x-7064x PostgreSQL source and destination (SluicePostgres, SluiceComponents/DataFlow)

extension MessageCatalog {
    static let postgresFlowMessages: [SluiceMessage] = [
        .postgresConnectionInvalid, .postgresConnectFailed, .postgresTimedOut, .postgresServerError,
        .postgresTypeUnsupported, .postgresColumnMismatch, .postgresValueInvalid, .postgresCopyFailed,
        .postgresConnectionLost, .postgresIdentifierInvalid, .postgresParameterInvalid,
    ]
}

extension SluiceMessage {
    public static let postgresConnectionInvalid = SluiceMessage(
        70621, "SLUICE_E_POSTGRES_CONNECTION_INVALID", "PostgreSQL connection \"{connection}\": {reason}")
    public static let postgresConnectFailed = SluiceMessage(
        70622, "SLUICE_E_POSTGRES_CONNECT_FAILED",
        "{component}: cannot connect to PostgreSQL at {endpoint} as {user}: {reason}")
    public static let postgresTimedOut = SluiceMessage(
        70623, "SLUICE_E_POSTGRES_TIMED_OUT",
        "{component}: PostgreSQL did not answer within {seconds} seconds while it {operation}.")
    public static let postgresServerError = SluiceMessage(
        70624, "SLUICE_E_POSTGRES_SERVER_ERROR",
        "{component}: PostgreSQL refused to {operation}: {sqlState} {reason}")
    public static let postgresTypeUnsupported = SluiceMessage(
        70625, "SLUICE_E_POSTGRES_TYPE_UNSUPPORTED",
        "{component}: column [{column}] has PostgreSQL type {pgType}, which Sluice does not map ({supported}).")
    public static let postgresColumnMismatch = SluiceMessage(
        70626, "SLUICE_E_POSTGRES_COLUMN_MISMATCH", "{component}: column [{column}]: {reason}")
    public static let postgresValueInvalid = SluiceMessage(
        70627, "SLUICE_E_POSTGRES_VALUE_INVALID",
        "{component}: row {row}, column [{column}] ({pgType}): {reason}")
    public static let postgresCopyFailed = SluiceMessage(
        70628, "SLUICE_E_POSTGRES_COPY_FAILED",
        "{component}: COPY into {table} failed, nothing was written: {sqlState} {reason}")
    public static let postgresConnectionLost = SluiceMessage(
        70629, "SLUICE_E_POSTGRES_CONNECTION_LOST",
        "{component}: the connection to PostgreSQL was lost while it {operation}; nothing was committed: {reason}")
    public static let postgresIdentifierInvalid = SluiceMessage(
        70630, "SLUICE_E_POSTGRES_IDENTIFIER_INVALID",
        "{component}: {property} \"{name}\" is not a usable PostgreSQL name: {reason}")
    public static let postgresParameterInvalid = SluiceMessage(
        70631, "SLUICE_E_POSTGRES_PARAMETER_INVALID", "{component}: query parameter ${index}: {reason}")
}
