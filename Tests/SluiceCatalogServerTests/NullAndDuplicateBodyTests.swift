import Foundation
import SluiceCore
import Testing

@testable import SluiceCatalogServer

/// Requests the document forbids that the generated decoders would let through: a JSON `null`
/// (read as an absent field) and a role naming a member twice (the schema's uniqueItems). Found
/// by schemathesis (ST201); each is refused with 400 and a code, and nothing changes.
@Suite struct NullAndDuplicateBodyTests {
    static let admin = ServeProcess.adminToken

    @Test func nullAnywhereInAJSONBodyIsRefusedAndNothingIsMade() async throws {
        try await HostileInputTests().unchanged { server, _ in
            for body in [
                #"{"name": "Made", "description": null}"#, #"{"description":null,"name":"Made"}"#, #"{"name": "Made", "x": [1, null]}"#,
            ] {
                let answer = try await LoopbackHTTP.send(
                    "POST", server.url, "/api/v1/folders", token: Self.admin, body: Data(body.utf8), contentType: "application/json")
                HostileInputTests.expectRefused(answer, [400], .catalogServerRequestMalformed, body)
            }
            let user = #"{"name": "Made", "password": "a long enough password", "administrator": null}"#
            let answer = try await LoopbackHTTP.send(
                "POST", server.url, "/api/v1/users", token: Self.admin, body: Data(user.utf8), contentType: "application/json")
            HostileInputTests.expectRefused(answer, [400], .catalogServerRequestMalformed, user)
        }
    }

    @Test func aRoleNamingAMemberTwiceIsRefused() async throws {
        try await HostileInputTests().unchanged { server, _ in
            for body in [#"{"readers": [], "writers": ["reader", "reader"]}"#, #"{"readers": ["reader", "READER"], "writers": []}"#] {
                let answer = try await LoopbackHTTP.send(
                    "PUT", server.url, "/api/v1/folders/Finance/roles", token: Self.admin, body: Data(body.utf8), contentType: "application/json")
                HostileInputTests.expectRefused(answer, [400], .catalogServerRequestMalformed, body)
            }
        }
    }

    /// The word inside strings, escaped quotes, and a literal split across chunks.
    @Test func theScannerFindsNullOnlyOutsideStrings() {
        func finds(_ chunks: [String]) -> Bool {
            var scanner = JSONNullScanner()
            return chunks.contains { scanner.findsNull(in: ArraySlice(Array($0.utf8))) }
        }
        #expect(!finds([#"{"name": "null", "none": "nothing \"n\" \\", "n": 1}"#]))
        #expect(!finds([#"{"a": "x\"#, #""nn"}"#]))
        #expect(finds([#"{"a": "x", "b": "#, "null}"]))
        #expect(finds([#"{"a": "\\"#, #"", "b": null}"#]))
        #expect(!finds([#"{"a": true, "b": false, "c": [1, 2.5e3]}"#]))
    }
}
