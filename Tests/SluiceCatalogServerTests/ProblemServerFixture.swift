import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// A real HTTP server on loopback (Hummingbird) that answers fixed catalog documents: pages of
/// folders, problem documents, a package that exists and one that does not. It checks the
/// bearer token like the real server, so the client's and the CLI's handling of each answer is
/// tested over real HTTP without the catalog server itself.
enum ProblemServerFixture {
    static let token = "good-token-0123456789"

    /// Runs `body` with the fixture's base URL (`http://127.0.0.1:PORT`).
    static func withServer<T: Sendable>(_ body: @escaping @Sendable (String) async throws -> T) async throws -> T {
        let app = Application(router: router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            let port = try #require(client.port)
            return try await body("http://127.0.0.1:\(port)")
        }
    }

    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(BearerCheck())
        router.get("/api/v1/folders") { request, _ -> Response in
            // Three pages of 2, 2 and 1 folders, chained by opaque cursors.
            switch request.uri.queryParameters.get("after") {
            case nil: return json(#"{"items": [\#(folder("A")), \#(folder("B"))], "next": "cursor-1"}"#)
            case "cursor-1": return json(#"{"items": [\#(folder("C")), \#(folder("D"))], "next": "cursor-2"}"#)
            case "cursor-2": return json(#"{"items": [\#(folder("E"))]}"#)
            default: return problem(400, 80199, "SLUICE_E_CATALOG_CURSOR_INVALID", "The cursor is not one of ours.")
            }
        }
        router.get("/api/v1/folders/Loop/projects") { _, _ -> Response in
            json(#"{"items": [], "next": "same"}"#)  // a broken server: the same cursor forever
        }
        router.get("/api/v1/folders/:folder") { _, context -> Response in
            let name = context.parameters.get("folder") ?? ""
            return problem(404, 80003, "SLUICE_E_CATALOG_FOLDER_NOT_FOUND", "The catalog has no folder \"\(name)\".")
        }
        router.post("/api/v1/folders") { _, _ -> Response in
            problem(409, 80004, "SLUICE_E_CATALOG_FOLDER_EXISTS", "The catalog already has a folder \"A\".")
        }
        router.delete("/api/v1/folders/:folder") { _, _ -> Response in
            Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "<html>proxy error\u{1B}[2J</html>")))
        }
        // Login: ada with "pa ss\u{e9}" gets the fixture's token; anything else is 401.
        router.post("/api/v1/login") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 4096)
            let fields = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]
            guard fields?["user"] as? String == "ada", fields?["password"] as? String == "pa ss\u{e9}" else {
                return problem(401, 80061, "SLUICE_E_CATALOG_LOGIN_FAILED", "The user name or password is wrong.")
            }
            return json(#"{"token": "\#(token)", "info": {"id": "t1", "user": "ada", "createdAt": "2026-01-02T03:04:05Z", "expiresAt": "2027-01-02T03:04:05Z", "revoked": false}}"#)
        }
        // Deploy keeps the archive's bytes; export gives them back: the client's binary bodies.
        let archives = Archives()
        router.put("/api/v1/folders/:folder/projects/:project") { request, context -> Response in
            guard request.headers[.contentType] == "application/zip" else {
                return problem(415, 80199, "SLUICE_E_CATALOG_MEDIA_TYPE", "Send application/zip.")
            }
            let bytes = try await request.body.collect(upTo: 64 << 20)
            let name = context.parameters.get("project") ?? ""
            archives.bytes.withLock { $0[name] = Array(bytes.readableBytesView) }
            let body = #"{"id": "11111111-1111-1111-1111-111111111111", "name": "\#(name)", "folder": "F", "packageCount": 2, "currentVersion": {"number": 1, "deployedAt": "2026-01-02T03:04:05Z", "deployedBy": "admin", "archiveBytes": \#(bytes.readableBytes), "archiveSHA256": "\#(String(repeating: "0", count: 64))", "current": true}}"#
            return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/api/v1/folders/:folder/projects/:project/archive") { _, context -> Response in
            guard let bytes = archives.bytes.withLock({ $0[context.parameters.get("project") ?? ""] }) else {
                return problem(404, 80006, "SLUICE_E_CATALOG_PROJECT_NOT_FOUND", "No such project.")
            }
            return Response(status: .ok, headers: [.contentType: "application/zip"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.head("/api/v1/folders/F/projects/P/packages/Here") { _, _ -> Response in Response(status: .ok) }
        router.head("/api/v1/folders/F/projects/P/packages/:other") { _, _ -> Response in Response(status: .notFound) }
        return router
    }

    final class Archives: Sendable {
        let bytes = Mutex<[String: [UInt8]]>([:])
    }

    static func folder(_ name: String) -> String {
        #"{"id": "00000000-0000-0000-0000-00000000000\#(name.count)", "name": "\#(name)", "createdAt": "2026-01-02T03:04:05Z", "createdBy": "admin"}"#
    }

    static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func problem(_ status: Int, _ code: Int, _ name: String, _ detail: String) -> Response {
        let body = """
            {"type": "urn:sluice:error:\(name)", "title": "Refused", "status": \(status), "detail": "\(detail.replacingOccurrences(of: "\"", with: "\\\""))", "code": \(code), "name": "\(name)"}
            """
        return Response(
            status: .init(code: status), headers: [.contentType: "application/problem+json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// 401 with the server's problem document unless the request carries the fixture's token.
    struct BearerCheck: RouterMiddleware {
        func handle(_ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response)
            async throws -> Response
        {
            if request.uri.path == "/api/v1/login" { return try await next(request, context) }
            guard request.headers[.authorization] == "Bearer \(ProblemServerFixture.token)" else {
                return ProblemServerFixture.problem(401, 80060, "SLUICE_E_CATALOG_TOKEN_INVALID", "The token is missing, unknown, expired or revoked.")
            }
            return try await next(request, context)
        }
    }
}
