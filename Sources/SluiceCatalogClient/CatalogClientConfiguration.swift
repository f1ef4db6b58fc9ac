import Foundation

/// Where the catalog server is and how to reach it.
///
/// ```swift
/// let configuration = try CatalogClientConfiguration(
///     server: "https://etl.example:8443", token: token, trust: .certificateFile("/etc/sluice/ca.pem"))
/// ```
public struct CatalogClientConfiguration: Sendable {
    /// How the client decides to trust the server's TLS certificate.
    public enum Trust: Sendable, Equatable {
        /// The system's trusted roots.
        case system
        /// Only the certificates in this PEM file (a private CA, or a server's self-signed certificate).
        case certificateFile(String)
        /// No verification at all: for a throwaway test server only, never for real credentials.
        case insecure
    }

    /// The server's base URL (`https://host:port`); the API's paths start with `/api/v1`.
    public let serverURL: URL
    /// The bearer token sent with every request; nil for `login` and `health` only.
    public let token: String?
    public let trust: Trust
    /// How long one request may take, in seconds.
    public let timeoutSeconds: Int64

    /// Refuses a URL that is not `http(s)://host[:port][/path]` (credentials, a query or a
    /// fragment in it are refused: a token never travels in a URL) and a token with characters
    /// an HTTP header cannot carry.
    public init(server: String, token: String?, trust: Trust = .system, timeoutSeconds: Int64 = 60) throws {
        guard let url = URL(string: server), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = url.host, !host.isEmpty
        else { throw Self.refused("the catalog server URL \"\(Self.printable(server))\" is not an http(s)://host[:port] URL") }
        guard url.user == nil, url.password == nil, url.query == nil, url.fragment == nil else {
            throw Self.refused("the catalog server URL \"\(Self.printable(server))\" may not carry credentials, a query or a fragment")
        }
        if let token {
            guard !token.isEmpty, token.utf8.count <= 4096, token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
            else { throw Self.refused("the token is empty, too long, or holds characters an HTTP header cannot carry") }
        }
        guard timeoutSeconds > 0, timeoutSeconds <= 86_400 else { throw Self.refused("the timeout must be 1-86400 seconds") }
        var trimmed = server
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        serverURL = URL(string: trimmed) ?? url
        self.token = token
        self.trust = trust
        self.timeoutSeconds = timeoutSeconds
    }

    /// `https://host:port/path`: what errors name (never a credential: the URL carries none).
    public var serverDescription: String { serverURL.absoluteString }

    static func refused(_ reason: String) -> CatalogClientError {
        CatalogClientError(kind: .invalidInput, detail: reason, server: "")
    }

    /// Control characters escaped, so a hostile argument cannot rewrite the terminal.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(512).flatMap { scalar -> [Unicode.Scalar] in
            scalar.properties.generalCategory == .control ? Array(scalar.escaped(asASCII: true).unicodeScalars) : [scalar]
        }))
    }
}
