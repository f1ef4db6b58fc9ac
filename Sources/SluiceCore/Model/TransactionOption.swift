import Foundation

/// SSIS `TransactionOption`: whether an executable starts, joins or stays out of a transaction.
///
/// Microsoft, "DTSTransactionOption Enum" (learn.microsoft.com/dotnet/api/
/// microsoft.sqlserver.dts.runtime.dtstransactionoption): NotSupported 0, Supported 1 (the
/// default), Required 2. Sluice's transactions hold the Execute SQL tasks' connections; see
/// docs/transactions.md.
///
/// ```swift
/// var load = Executable("Load", kind: .sequence)
/// load.transactionOption = .required
/// ```
public enum TransactionOption: String, Sendable, Hashable, CaseIterable {
    /// Neither starts a transaction nor joins the one of a parent.
    case notSupported = "NotSupported"
    /// Joins the parent's transaction when there is one; starts none.
    case supported = "Supported"
    /// Joins the parent's transaction, or starts one when there is none.
    case required = "Required"

    /// The value as SSIS types it (`DTSTransactionOption`, an Int32): System::TaskTransactionOption.
    public var ssisValue: Int32 {
        switch self {
        case .notSupported: 0
        case .supported: 1
        case .required: 2
        }
    }

    /// The option named by SSIS's name (any case) or number, as `/Set` and a property expression give it.
    public init?(ssisText text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let numbered: [String: TransactionOption] = ["0": .notSupported, "1": .supported, "2": .required]
        guard let option = numbered[t] ?? Self.allCases.first(where: { $0.rawValue.lowercased() == t }) else { return nil }
        self = option
    }
}
