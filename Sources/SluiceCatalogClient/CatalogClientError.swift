/// Why a catalog request failed: the server's problem document, a transport failure, or an
/// answer the client could not read.
///
/// ```swift
/// do { try await client.deleteFolder("Finance") }
/// catch let error as CatalogClientError where error.status == 404 { … }
/// ```
///
/// The description never holds the token: a transport failure names the server URL only.
public struct CatalogClientError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server answered a non-2xx status with a problem document (RFC 9457).
        case problem
        /// The server could not be reached, or the connection failed.
        case unreachable
        /// The server answered something the client cannot read (not a Sluice problem document,
        /// an unexpected status, a body that does not decode).
        case unexpectedAnswer
        /// The client refused its own input before sending (a URL, a certificate file).
        case invalidInput
    }

    public let kind: Kind
    /// The HTTP status, when there was an answer.
    public let status: Int?
    /// The Sluice message code and symbolic name from the problem document.
    public let code: Int?
    public let name: String?
    /// The problem document's `detail` (or `title`), or the reason for the other kinds.
    public let detail: String
    /// The coded items of a refused deploy (`errors`) and the components the server lacks.
    public let items: [ProblemEntry]
    public let missingComponents: [String]
    /// The server the request went to (scheme, host, port and path; never credentials).
    public let server: String

    /// One coded item of a problem document's `errors`.
    public struct ProblemEntry: Sendable, Equatable, Decodable {
        public let code: Int
        public let name: String
        public let message: String
        public let package: String?
    }

    init(
        kind: Kind, status: Int? = nil, code: Int? = nil, name: String? = nil, detail: String,
        items: [ProblemEntry] = [], missingComponents: [String] = [], server: String
    ) {
        self.kind = kind
        self.status = status
        self.code = code
        self.name = name
        self.detail = detail
        self.items = items
        self.missingComponents = missingComponents
        self.server = server
    }

    public var description: String {
        switch kind {
        case .problem:
            let coded = name.map { "\($0) (\(code ?? 0)): " } ?? ""
            return "\(coded)\(detail) [HTTP \(status ?? 0) from \(server)]"
        case .unreachable: return "The catalog server at \(server) could not be reached: \(detail)"
        case .unexpectedAnswer: return "The catalog server at \(server) answered unexpectedly: \(detail)"
        case .invalidInput: return detail
        }
    }
}
