// MARK: - 2013x Transactions (SluiceRuntime, SluiceComponents' Execute SQL task)

extension MessageCatalog {
    static let transactionMessages: [SluiceMessage] = [
        .transactionCommitFailed, .transactionRollbackFailed, .transactionBeginFailed, .transactionEnded,
        .transactionResourceMismatch, .transactionCommitted, .transactionRolledBack, .transactionLost,
    ]
}

extension SluiceMessage {
    public static let transactionCommitFailed = SluiceMessage(
        20130, "SLUICE_E_TRANSACTION_COMMIT_FAILED",
        "The transaction of \"{owner}\" could not be committed on connection \"{connection}\": {reason}")
    public static let transactionRollbackFailed = SluiceMessage(
        20131, "SLUICE_W_TRANSACTION_ROLLBACK_FAILED",
        "The transaction of \"{owner}\" could not be rolled back on connection \"{connection}\" (the connection is closed, "
            + "which ends it uncommitted): {reason}")
    public static let transactionBeginFailed = SluiceMessage(
        20132, "SLUICE_E_TRANSACTION_BEGIN_FAILED",
        "\"{executable}\" could not begin the transaction of \"{owner}\" on connection \"{connection}\": {reason}")
    public static let transactionEnded = SluiceMessage(
        20133, "SLUICE_E_TRANSACTION_ENDED",
        "The transaction of \"{owner}\" has ended; connection \"{connection}\" cannot join it.")
    public static let transactionResourceMismatch = SluiceMessage(
        20134, "SLUICE_E_TRANSACTION_RESOURCE_MISMATCH",
        "Connection \"{connection}\" is already in the transaction of \"{owner}\" as another kind of connection.")
    public static let transactionCommitted = SluiceMessage(
        20135, "SLUICE_I_TRANSACTION_COMMITTED", "The transaction of \"{owner}\" was committed ({count} connection(s)).")
    public static let transactionRolledBack = SluiceMessage(
        20136, "SLUICE_I_TRANSACTION_ROLLED_BACK",
        "The transaction of \"{owner}\" was rolled back ({count} connection(s)) because it {reason}.")
    public static let transactionLost = SluiceMessage(
        20137, "SLUICE_E_TRANSACTION_LOST",
        "The transaction of \"{owner}\" on connection \"{connection}\" was ended by the database ({reason}); nothing more runs in "
            + "it and it cannot be committed.")
}
