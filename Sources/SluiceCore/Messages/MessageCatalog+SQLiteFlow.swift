// MARK: - 706xx SQLite source and destination (SluiceComponents/DataFlow)

extension MessageCatalog {
    static let sqliteFlowMessages: [SluiceMessage] = [
        .sqliteValueUnfit, .sqliteTableMissing, .sqliteColumnUnknown, .sqliteTypeMismatch, .sqliteDatabaseBusy,
        .sqliteConstraintViolated, .sqliteStatementFailed, .sqliteColumnTypeUnknown, .sqliteParameterCount,
    ]
}

extension SluiceMessage {
    public static let sqliteValueUnfit = SluiceMessage(
        70601, "SLUICE_E_SQLITE_VALUE_UNFIT",
        "\"{component}\": row {row}, column [{column}] ({type}): {reason}")
    public static let sqliteTableMissing = SluiceMessage(
        70602, "SLUICE_E_SQLITE_TABLE_MISSING",
        "\"{component}\": table \"{table}\" does not exist in \"{database}\".")
    public static let sqliteColumnUnknown = SluiceMessage(
        70603, "SLUICE_E_SQLITE_COLUMN_UNKNOWN",
        "\"{component}\": {place} has no column \"{column}\" (it has {known}).")
    public static let sqliteTypeMismatch = SluiceMessage(
        70604, "SLUICE_E_SQLITE_TYPE_MISMATCH",
        "\"{component}\": column [{column}] is {type}, but the database column \"{sqlColumn}\" is declared {declared}.")
    public static let sqliteDatabaseBusy = SluiceMessage(
        70605, "SLUICE_E_SQLITE_DATABASE_BUSY",
        "\"{component}\": database \"{database}\" stayed locked by another connection for {milliseconds} ms ({reason}).")
    public static let sqliteConstraintViolated = SluiceMessage(
        70606, "SLUICE_E_SQLITE_CONSTRAINT_VIOLATED",
        "SQLite destination \"{component}\": row {row} breaks a constraint of table \"{table}\": {reason}")
    public static let sqliteStatementFailed = SluiceMessage(
        70607, "SLUICE_E_SQLITE_STATEMENT_FAILED",
        "\"{component}\" on \"{database}\": {reason}")
    public static let sqliteColumnTypeUnknown = SluiceMessage(
        70608, "SLUICE_E_SQLITE_COLUMN_TYPE_UNKNOWN",
        "SQLite source \"{component}\": result column \"{column}\" has declared type \"{declared}\", which maps to no data type; declare the output columns.")
    public static let sqliteParameterCount = SluiceMessage(
        70609, "SLUICE_E_SQLITE_PARAMETER_COUNT",
        "SQLite source \"{component}\": the query uses {used} parameter(s), but parameters gives {given}.")
}
