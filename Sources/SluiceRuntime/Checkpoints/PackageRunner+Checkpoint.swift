import SluiceCore

extension PackageRunner {
    /// Checks the checkpoint file `package` names the way a run does before anything runs,
    /// without locking it, reading its records or writing anything: for a host that wants to
    /// refuse a bad `--checkpoint-file` as a bad command line.
    ///
    /// ```swift
    /// package.checkpoint = CheckpointSettings(fileName: "nightly.ckpt")
    /// try PackageRunner.checkCheckpointFile(of: package, options: RunOptions(packageFile: path))
    /// ```
    /// - Throws: `SLUICE_E_CHECKPOINT_FILE_CONFLICT` (the package file, a log file, …),
    ///   `SLUICE_E_CHECKPOINT_NOT_REGULAR_FILE`, `SLUICE_E_CHECKPOINT_FOREIGN_FILE`,
    ///   `SLUICE_E_CHECKPOINT_FORMAT_VERSION`, `SLUICE_E_CHECKPOINT_INVALID` (another package's),
    ///   `SLUICE_E_CHECKPOINT_UNWRITABLE` (no such directory).
    public static func checkCheckpointFile(of package: Package, options: RunOptions) throws {
        guard let settings = package.checkpoint else { return }
        _ = try PreparedCheckpoint(settings, package: package, options: options, run: false)
    }
}
