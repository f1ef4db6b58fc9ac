import Foundation
import Hummingbird
import NIOCore

// HummingbirdFloor FILE PORT: answers GET /answer with FILE's bytes as application/json, on
// 127.0.0.1:PORT, until killed. The bytes are read once; every answer shares them.
let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[2]), let bytes = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: HummingbirdFloor FILE PORT\n".utf8))
    exit(2)
}
let body = ByteBuffer(bytes: bytes)
let router = Router()
router.get("/answer") { _, _ -> Response in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
