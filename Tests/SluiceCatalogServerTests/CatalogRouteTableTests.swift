import Foundation
import SluiceCatalog
import Testing

@testable import SluiceCatalogServer

/// The route table has one entry per operation of the generated server, and its entries say
/// what docs/catalog-api.md's table says: an operation missing here would be refused at run
/// time, and one allowed too widely would fail these checks.
@Suite struct CatalogRouteTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every operationID the generated server registers (`try await server.NAME(` in Server.swift).
    static func generatedOperations() throws -> Set<String> {
        let source = try String(
            contentsOf: root.appendingPathComponent("Sources/SluiceCatalogServer/Generated/Server.swift"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"try await server\.([A-Za-z]+)\("#)
        let range = NSRange(source.startIndex..., in: source)
        return Set(pattern.matches(in: source, range: range).compactMap { Range($0.range(at: 1), in: source).map { String(source[$0]) } })
    }

    /// Every row of docs/catalog-api.md's table: operationID → "Needs" column.
    static func documentedRequirements() throws -> [String: String] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/catalog-api.md"), encoding: .utf8)
        var rows: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            rows[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells[2]
        }
        return rows
    }

    @Test func everyGeneratedOperationHasExactlyOneEntry() throws {
        let operations = try Self.generatedOperations()
        #expect(operations.count == 66)
        #expect(Set(CatalogRouteTable.entries.keys) == operations)
    }

    @Test func entriesSayWhatTheDocumentedTableSays() throws {
        let documented = try Self.documentedRequirements()
        #expect(Set(documented.keys) == Set(CatalogRouteTable.entries.keys))
        for (operation, requirement) in CatalogRouteTable.entries {
            let needs = try #require(documented[operation], "\(operation) is not in docs/catalog-api.md")
            switch requirement {
            case .none: #expect(needs.hasPrefix("nothing"), "\(operation)")
            case .anyUser: #expect(needs.hasPrefix("any user"), "\(operation)")
            case .administrator: #expect(needs == "administrator", "\(operation)")
            case .selfOrAdministrator: #expect(needs.hasPrefix("the user themself"), "\(operation)")
            case .permission(let permission, let object):
                #expect(needs.hasPrefix("\(permission.rawValue) on the \(object)"), "\(operation): \(needs)")
            case .custom(let rule):
                #expect(!rule.isEmpty, "\(operation)")
            }
        }
    }

    @Test func onlyHealthAndLoginGoWithoutAToken() {
        let open = CatalogRouteTable.entries.filter { $0.value == .none }.map(\.key).sorted()
        #expect(open == ["getHealth", "login"])
    }
}
