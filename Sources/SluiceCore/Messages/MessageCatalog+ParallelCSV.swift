// MARK: - 7032x-7034x parallel CSV reading and writing (SluiceCSV/Parallel)

extension MessageCatalog {
    static let parallelCSVMessages: [SluiceMessage] = [.csvThreadStartFailed]
}

extension SluiceMessage {
    public static let csvThreadStartFailed = SluiceMessage(
        70320, "SLUICE_E_CSV_THREAD_START_FAILED", "CSV file \"{file}\": a worker thread could not be started: {reason}")
}
