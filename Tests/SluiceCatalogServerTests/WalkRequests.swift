import Foundation
import SluiceCatalog
import Testing

@testable import SluiceCatalogServer

/// One operation of the embedded OpenAPI document.
struct DocumentedOperation: Sendable, CustomTestStringConvertible {
    var method: String
    var template: String
    var operationID: String

    /// Every operation of `catalogOpenAPIDocument`, read as DocumentedPaths reads the paths: a
    /// path at two spaces, its methods at four, their `operationId` at six.
    static func all(in document: String = catalogOpenAPIDocument) -> [DocumentedOperation] {
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]
        var found: [DocumentedOperation] = []
        var inPaths = false
        var template: String?
        var method: String?
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty {
                inPaths = line == "paths:"
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   "), line.hasSuffix(":") {
                template = String(line.dropFirst(2).dropLast())
                method = nil
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let key = String(line.dropFirst(4).dropLast())
                method = methods.contains(key) ? key.uppercased() : nil
            } else if line.hasPrefix("      operationId:"), let path = template, let verb = method {
                let id = line.dropFirst("      operationId:".count).trimmingCharacters(in: .whitespaces)
                found.append(DocumentedOperation(method: verb, template: path, operationID: id))
            }
        }
        return found
    }

    var testDescription: String { "\(operationID) (\(method) \(template))" }
}

/// Swift Testing's CustomTestStringConvertible, without importing Testing in this file.
protocol CustomTestStringConvertible {}

/// A real request for each operation: path parameters naming the fixture's objects, a body
/// valid enough to pass decoding.
struct WalkRequest {
    var method: String
    var path: String
    var body: Data?
    var contentType: String?

    /// `userName` is the user the path names for user and permission routes.
    init(_ operation: DocumentedOperation, catalog: WalkCatalog, userName: String) {
        let packageRoute = operation.template.contains("{packageName}")
        let values: [String: String] = [
            "folderName": WalkCatalog.folder, "projectName": WalkCatalog.project, "packageName": WalkCatalog.package,
            "environmentName": WalkCatalog.environment, "variableName": WalkCatalog.variable, "userName": userName,
            "parameterName": packageRoute ? WalkCatalog.packageParameter : WalkCatalog.projectParameter, "version": "1",
            "tokenId": catalog.bystanderTokenID.uuidString.lowercased(), "referenceId": catalog.referenceID.uuidString.lowercased(),
            "operationId": UUID().uuidString.lowercased(), "folderPermission": "READ", "objectPermission": "READ",
        ]
        var path = operation.template
        for (name, value) in values {
            let escaped = value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value
            path = path.replacingOccurrences(of: "{\(name)}", with: escaped)
        }
        method = operation.method
        self.path = path
        if operation.operationID == "deployProject" {
            body = Data(catalog.archive)
            contentType = "application/zip"
        } else if let json = Self.bodies[operation.operationID] {
            body = Data(json.utf8)
            contentType = "application/json"
        }
    }

    static let bodies: [String: String] = [
        "login": #"{"user": "reader", "password": "\#(WalkCatalog.password)"}"#,
        "createToken": #"{"expiresInSeconds": 3600, "description": "walk"}"#,
        "createUser": #"{"name": "newcomer", "password": "another-password-0123"}"#,
        "updateUser": #"{"administrator": false}"#,
        "setUserPassword": #"{"password": "another-password-0123", "currentPassword": "\#(WalkCatalog.password)"}"#,
        "createFolder": #"{"name": "Newcomer"}"#,
        "updateFolder": #"{"description": "changed"}"#,
        "renameFolder": #"{"name": "Renamed"}"#,
        "moveProject": #"{"folder": "\#(WalkCatalog.otherFolder)"}"#,
        "setFolderRoles": #"{"readers": ["\#(WalkCatalog.bystander)"], "writers": []}"#,
        "setPackageRoles": #"{"readers": ["\#(WalkCatalog.bystander)"], "writers": []}"#,
        "setProjectParameterValue": #"{"kind": "literal", "value": "7"}"#,
        "setPackageParameterValue": #"{"kind": "literal", "value": "7"}"#,
        "createEnvironmentReference": #"{"kind": "absolute", "environment": "\#(WalkCatalog.environment)", "folder": "\#(WalkCatalog.folder)"}"#,
        "createEnvironment": #"{"name": "Staging"}"#,
        "updateEnvironment": #"{"description": "changed"}"#,
        "renameEnvironment": #"{"name": "Renamed"}"#,
        "setEnvironmentVariable": #"{"type": "DT_WSTR", "value": "db2"}"#,
        "updateEnvironmentVariable": #"{"value": "db3"}"#,
        "setFolderPermission": #"{"state": "grant"}"#,
        "setProjectPermission": #"{"state": "grant"}"#,
        "setEnvironmentPermission": #"{"state": "grant"}"#,
    ]
}
