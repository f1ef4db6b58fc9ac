import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// `sluice serve --tls-cert --tls-key` with a self-signed certificate made by openssl: /health
/// answers over HTTPS to a client trusting that certificate (curl --cacert), plain HTTP to the
/// same port gets no answer, and a bad certificate path or plain HTTP off loopback stops the
/// server before it listens, with the coded message.
@Suite(.serialized) struct ServeTLSTests {
    let directory: URL

    init() async throws { directory = try BuildProducts.temporaryDirectory("serve-tls") }

    static func curl(_ arguments: [String]) async throws -> ChildProcess {
        try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/curl"), ["-sS", "--max-time", "20"] + arguments)
    }

    /// A self-signed certificate for 127.0.0.1 and its key, as PEM files.
    func makeCertificate() async throws -> (certificate: String, key: String) {
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let made = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/openssl"), [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ])
        #expect(made.status == 0, "\(made.transcript)")
        return (certificate, key)
    }

    @Test func healthAnswersOverHTTPSAndPlainHTTPToTheTLSPortFails() async throws {
        let (certificate, key) = try await makeCertificate()
        let server = try await ServeProcess(
            catalog: directory.appendingPathComponent("catalog.db").path, arguments: ["--tls-cert", certificate, "--tls-key", key])
        #expect(server.url.hasPrefix("https://127.0.0.1:"))
        let health = try await Self.curl(["--cacert", certificate, "\(server.url)/health"])
        #expect(health.status == 0, "\(health.transcript)")
        #expect(health.standardOutput.contains("\"ok\""), "\(health.transcript)")
        // An authenticated call over the same TLS connection kind.
        let me = try await Self.curl(["--cacert", certificate, "-H", "Authorization: Bearer \(ServeProcess.adminToken)", "\(server.url)/api/v1/me"])
        #expect(me.standardOutput.contains("\"admin\""), "\(me.transcript)")
        // Without trusting the certificate, curl refuses the server (exit 60: peer certificate).
        let untrusted = try await Self.curl(["\(server.url)/health"])
        #expect(untrusted.status != 0)
        // Plain HTTP to the TLS port: no HTTP answer.
        let plain = try await Self.curl(["-o", "/dev/null", "-w", "%{http_code}", server.url.replacingOccurrences(of: "https://", with: "http://") + "/health"])
        #expect(plain.standardOutput != "200", "\(plain.transcript)")
        #expect(plain.status != 0 || plain.standardOutput == "000" || plain.standardOutput.hasPrefix("4"), "\(plain.transcript)")
    }

    @Test func badCertificatePathStopsTheServerWith80110() async throws {
        let (_, key) = try await makeCertificate()
        let missing = directory.appendingPathComponent("nowhere.pem").path
        let run = try await ChildProcess.run(
            BuildProducts.sluice,
            ["serve", "--catalog", directory.appendingPathComponent("c.db").path, "--port", "0", "--tls-cert", missing, "--tls-key", key],
            environment: ["SLUICE_ADMIN_TOKEN": ServeProcess.adminToken])
        #expect(run.status != 0)
        #expect(run.transcript.contains("80110") || run.transcript.contains("SLUICE_E_CATALOG_TLS_INVALID"), "\(run.transcript)")
        #expect(!run.transcript.contains("listening on"))
    }

    @Test func plainHTTPOffLoopbackIsRefusedBeforeListening() async throws {
        let run = try await ChildProcess.run(
            BuildProducts.sluice, ["serve", "--catalog", directory.appendingPathComponent("c.db").path, "--port", "0", "--host", "0.0.0.0"],
            environment: ["SLUICE_ADMIN_TOKEN": ServeProcess.adminToken])
        #expect(run.status != 0)
        #expect(run.transcript.contains(String(SluiceMessage.catalogServerInsecureBind.code)), "\(run.transcript)")
        #expect(!run.transcript.contains("listening on"))
    }
}
