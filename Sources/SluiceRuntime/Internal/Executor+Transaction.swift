import SluiceCore

// Transactions as SSIS scopes them (Microsoft, "Integration Services Transactions"): Required
// starts a transaction unless a parent already has one, Supported joins a parent's,
// NotSupported neither starts nor joins, and hides any transaction above it from the
// executables inside. A transaction is committed when the executable that started it succeeds
// and rolled back when it fails or is canceled.

extension ExecutableNode {
    /// The transaction this executable works in: the one it started, or the nearest above it
    /// unless a NotSupported executable stands between. One walk up the tree (its depth).
    var joinedTransaction: Transaction? {
        var node: ExecutableNode? = self
        while let current = node {
            if let started = current.startedTransaction.withLock({ $0 }) { return started }
            if current.model.transactionOption == .notSupported { return nil }
            node = current.parent
        }
        return nil
    }
}

extension Executor {
    /// Starts a transaction for a Required executable that has none to join.
    func beginTransaction(_ node: ExecutableNode) -> Transaction? {
        guard node.model.transactionOption == .required, node.parent?.joinedTransaction == nil else { return nil }
        let transaction = Transaction(owner: node.path)
        node.startedTransaction.withLock { $0 = transaction }
        return transaction
    }

    /// Commits the transaction when `result` is Success, else rolls it back; a commit that fails
    /// makes the executable fail.
    func endTransaction(_ transaction: Transaction, of node: ExecutableNode, result: ExecutionResult) -> ExecutionResult {
        node.startedTransaction.withLock { $0 = nil }
        let commit = result == .success
        let (count, failures) = transaction.end(commit: commit)
        let context = ExecutionContext(run: run, node: node)
        var outcome = result
        for failure in failures {
            let reason = (failure.error as? SluiceError)?.text ?? String(describing: failure.error)
            let values = ["owner": node.path, "connection": failure.connection, "reason": reason]
            if failure.committing {
                context.raise(error: SluiceError(.transactionCommitFailed, values, cause: failure.error))
                outcome = .failure
            } else {
                let warning = SluiceError(.transactionRollbackFailed, values, cause: failure.error)
                context.raise(.warning(code: warning.code, message: warning.description))
            }
        }
        guard count > 0 else { return outcome }
        let note: SluiceError =
            if outcome == .success {
                SluiceError(.transactionCommitted, ["owner": node.path, "count": String(count)])
            } else {
                SluiceError(.transactionRolledBack, [
                    "owner": node.path, "count": String(count),
                    "reason": result == .canceled ? "was canceled" : commit ? "could not be committed" : "failed",
                ])
            }
        context.raise(.information(code: note.code, message: note.description))
        return outcome
    }
}
