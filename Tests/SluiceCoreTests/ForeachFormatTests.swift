import Foundation
import SluiceCore
import Testing

/// Foreach Loop settings a package file must not get past the loader with: the loader and the
/// published schema refuse the same documents, and the loader names the location.
@Suite struct ForeachFormatTests {
    /// A package with one Foreach Loop whose enumerator and mapping are given as JSON text.
    private func document(enumerator: String, mapping: String = #"{"variable": "User::V", "index": 0}"#) -> String {
        """
        {"format": "sluice.package", "formatVersion": 1, "package": {"name": "P",
          "variables": [{"name": "V", "type": "DT_I4"}],
          "executables": [{"name": "Each", "type": "foreachLoop", "enumerator": \(enumerator),
                           "variableMappings": [\(mapping)]}]}}
        """
    }

    private static let items = #"{"kind": "items", "items": [[1]]}"#

    private func expectRefused(_ text: String, at location: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let schema = try SchemaValidator(try RepositoryFiles.parse(RepositoryFiles.schema))
        #expect(!schema.validate(try JSONParser.parse(Array(text.utf8))).isEmpty, "the schema accepts it", sourceLocation: sourceLocation)
        let error = #expect(throws: SluiceError.self, sourceLocation: sourceLocation) { try PackageFile.decode(Array(text.utf8)) }
        #expect(error?.message == .packageFieldInvalid, sourceLocation: sourceLocation)
        #expect(error?.inserts["location"] == location, "\(String(describing: error))", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["-1", "4096", "9223372036854775807", "-9223372036854775808"])
    func anIndexOutsideTheRangeIsRefusedOnLoad(index: String) throws {
        let text = document(enumerator: Self.items, mapping: #"{"variable": "User::V", "index": \#(index)}"#)
        try expectRefused(text, at: "package.executables[0].variableMappings[0].index")
    }

    @Test(arguments: ["0", "4095"])
    func theEndsOfTheRangeAreAccepted(index: String) throws {
        let text = document(enumerator: Self.items, mapping: #"{"variable": "User::V", "index": \#(index)}"#)
        let schema = try SchemaValidator(try RepositoryFiles.parse(RepositoryFiles.schema))
        #expect(schema.validate(try JSONParser.parse(Array(text.utf8))).isEmpty)
        let package = try PackageFile.decode(Array(text.utf8))
        guard case .foreachLoop(let spec) = package.executables.first?.kind else {
            Issue.record("not a Foreach Loop")
            return
        }
        #expect(spec.variableMappings.first?.index == Int(index))
    }

    @Test(arguments: [#"{"kind": "items"}"#, #"{"kind": "items", "items": null}"#])
    func anItemsEnumeratorWithoutItemsIsRefusedOnLoad(enumerator: String) throws {
        try expectRefused(document(enumerator: enumerator), at: "package.executables[0].enumerator.items")
    }

    @Test func anEmptyItemListIsAcceptedAsWritten() throws {
        let package = try PackageFile.decode(Array(document(enumerator: #"{"kind": "items", "items": []}"#).utf8))
        #expect(package.executables.first?.kind == .foreachLoop(ForeachLoopSpecification(.items([]), mappings: [VariableMapping("User::V")])))
    }

    @Test(arguments: [
        (#"{"kind": "files"}"#, "folder"), (#"{"kind": "variable"}"#, "variable"), (#"{"kind": "plugin"}"#, "component"),
    ])
    func everyEnumeratorsRequiredSettingIsRequiredOnLoad(enumerator: String, field: String) throws {
        try expectRefused(document(enumerator: enumerator), at: "package.executables[0].enumerator.\(field)")
    }
}
