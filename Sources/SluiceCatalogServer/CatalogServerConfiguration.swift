import Foundation
import SluiceCore

/// Where and how `sluice serve` listens.
public struct CatalogServerConfiguration: Sendable {
    /// The address to bind; loopback by default.
    public var host: String = "127.0.0.1"
    /// The port; 0 lets the system choose a free one (the server reports it once bound).
    public var port: Int = 8443
    /// PEM files of the certificate (chain) and its private key; both or neither.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// Allows plain HTTP on an address that is not loopback (a proxy in front does TLS).
    public var allowInsecureHTTP = false
    /// Body limits, in bytes: JSON bodies, and project archives.
    public var jsonBodyLimit = 1 << 20
    public var archiveBodyLimit = 64 << 20

    public init() {}

    /// True when TLS is on.
    public var usesTLS: Bool { tlsCertificatePath != nil }

    /// Refuses a half-given TLS pair and plain HTTP off loopback without `allowInsecureHTTP`.
    public func validate() throws {
        guard (0...65535).contains(port) else {
            throw SluiceError(.catalogServerBindFailed, ["host": host, "port": String(port), "reason": "the port must be 0-65535"])
        }
        if (tlsCertificatePath == nil) != (tlsKeyPath == nil) {
            throw SluiceError(
                .catalogServerTLSInvalid,
                ["what": "pair", "path": tlsCertificatePath ?? tlsKeyPath ?? "", "reason": "give both --tls-cert and --tls-key"])
        }
        if !usesTLS, !allowInsecureHTTP, !Self.isLoopback(host) {
            throw SluiceError(.catalogServerInsecureBind, ["host": host])
        }
    }

    /// `localhost`, 127.0.0.0/8 and ::1.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
