import SluiceCatalogClient
import SluiceCore

/// A ``CatalogClientError`` as the ``SluiceError`` the CLI prints, so users see `SLUICE_E_…`
/// codes as everywhere else: a server's problem keeps the server's own code and name.
enum CatalogErrors {
    static func sluiceError(_ error: CatalogClientError) -> SluiceError {
        switch error.kind {
        case .problem:
            if let name = error.name, let code = error.code, isSluiceName(name), (1...99_999).contains(code) {
                return SluiceError(SluiceMessage(Int32(code), name, "{detail}"), ["detail": error.detail])
            }
            return SluiceError(
                .catalogClientRefused, ["url": error.server, "status": "\(error.status ?? 0)", "detail": error.detail])
        case .unreachable: return SluiceError(.catalogClientUnreachable, ["url": error.server, "reason": error.detail])
        case .unexpectedAnswer: return SluiceError(.catalogClientAnswerUnexpected, ["url": error.server, "reason": error.detail])
        case .invalidInput: return SluiceError(.catalogClientInputInvalid, ["reason": error.detail])
        }
    }

    /// The exit status: 6 when the request was never sent (bad input), else 1.
    static func exitStatus(_ error: CatalogClientError) -> ExitStatus {
        error.kind == .invalidInput ? .badCommandLine : .failure
    }

    /// `SLUICE_E_…`-shaped: a hostile server cannot put terminal escapes in what we print as a name.
    private static func isSluiceName(_ name: String) -> Bool {
        name.hasPrefix("SLUICE_") && name.utf8.count <= 100
            && name.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}
