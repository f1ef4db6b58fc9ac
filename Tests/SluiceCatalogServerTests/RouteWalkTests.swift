import Foundation
import SluiceCatalog
import Testing

@testable import SluiceCatalogServer

/// Issue 10: "a test walks that table with every kind of caller (anonymous, no rights, reader,
/// writer, executor, administrator, expired token, revoked token) and fails when a route has no
/// entry or allows what it should deny". Every operation of the served document is sent, as a
/// real request naming real objects, to a real server on loopback with a SQLite catalog, as
/// each kind of caller; the answer is checked against the table and docs/catalog-api.md, and a
/// refusal must leave the catalog as it was. A request that changed the catalog (2xx to
/// anything but GET or HEAD) gets a fresh copy of the catalog before the next one.
@Suite(.serialized) struct RouteWalkTests {
    @Test func everyDocumentedOperationHasATableEntry() {
        let operations = DocumentedOperation.all()
        #expect(operations.count == 66)
        let documentedMethods = DocumentedPaths.catalog.paths.reduce(0) { $0 + $1.methods.count }
        #expect(operations.count == documentedMethods, "an operation without an operationId")
        for operation in operations {
            #expect(CatalogRouteTable.entries[operation.operationID] != nil, "\(operation.testDescription) has no route table entry")
        }
        #expect(Set(operations.map(\.operationID)).count == operations.count)
    }

    @Test func everyOperationAnswersEveryKindOfCallerAsTheTableSays() async throws {
        let catalog = try await WalkCatalog.shared.value
        var server = try await WalkServer(catalog)
        let pristine = try await CatalogSnapshot.take(server.store)
        var sent = 0
        for operation in DocumentedOperation.all() {
            let requirement = try #require(CatalogRouteTable.entries[operation.operationID], "\(operation.operationID) has no entry")
            // A route naming a user is walked naming someone else, then naming the caller itself.
            let namesUser = operation.template.contains("{userName}") && requirement == .selfOrAdministrator
            for namesSelf in namesUser ? [false, true] : [false] {
                for caller in WalkCaller.allCases {
                    let request = WalkRequest(operation, catalog: catalog, userName: namesSelf ? (caller.user ?? "reader") : WalkCatalog.bystander)
                    let expected = WalkVerdict.expected(requirement, operation: operation.operationID, caller: caller, namesSelf: namesSelf)
                    let answer = try await LoopbackHTTP.send(
                        request.method, server.url, request.path, token: catalog.tokens[caller], body: request.body, contentType: request.contentType)
                    sent += 1
                    let label = "\(operation.operationID) as \(caller)\(namesSelf ? " naming itself" : ""): expected \(expected), got \(answer.status) \(answer.text)"
                    #expect(Self.satisfies(answer, expected, head: request.method == "HEAD"), "\(label)")
                    #expect(answer.status < 500 || answer.status == 501, "\(label)")
                    let changed = (200..<300).contains(answer.status) && !["GET", "HEAD"].contains(request.method)
                    if changed {
                        await server.stop()
                        server = try await WalkServer(catalog)
                    } else if [401, 403, 404].contains(answer.status) {
                        let after = try await CatalogSnapshot.take(server.store)
                        #expect(after == pristine, "\(label): the catalog changed")
                    }
                }
            }
        }
        await server.stop()
        #expect(sent >= 66 * WalkCaller.allCases.count)
    }

    static func satisfies(_ answer: LoopbackHTTP.Answer, _ verdict: WalkVerdict, head: Bool) -> Bool {
        // A refusal is a coded problem document (HEAD answers carry no body).
        let coded = head || answer.problemCode != nil
        switch verdict {
        case .allowed: return ![401, 403, 404].contains(answer.status)
        case .allowedMaybeAbsent: return ![401, 403].contains(answer.status)
        case .unauthenticated: return answer.status == 401 && coded
        case .refused(let statuses): return statuses.contains(answer.status) && coded
        case .emptyOrRefused:
            if answer.status == 200 { return answer.itemCount == 0 }
            return [403, 404].contains(answer.status) && coded
        }
    }
}
