import Foundation
import SluiceCore
import Testing

/// A package's creation and version properties (SSIS's DTS:CreationDate, DTS:CreatorName,
/// DTS:VersionMajor, …) and the files enumerator's `caseSensitive`: round trip, defaults left
/// out, agreement with the schema, bad values refused with the field's path.
@Suite struct PackageMetadataFormatTests {
    private func package() -> Package {
        var p = Package(name: "Meta", id: UUID(uuidString: "00000000-0000-4000-8000-0000000000CD")!)
        p.metadata.creationDate = Date(timeIntervalSince1970: 1_700_000_000)
        p.metadata.creatorName = "CORP\\etl"
        p.metadata.creatorComputerName = "BUILD01"
        p.metadata.versionMajor = 2
        p.metadata.versionMinor = 5
        p.metadata.versionBuild = 118
        p.metadata.versionID = UUID(uuidString: "11111111-2222-4333-8444-555555555555")
        p.metadata.versionComment = "adds the audit table"
        let files = ForeachEnumerator.files(folder: "/in", pattern: "*.CSV", recursive: false, retrieve: .fullPath, caseSensitive: true)
        p.executables = [Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(files, mappings: [])))]
        return p
    }

    @Test func metadataAndCaseSensitivityRoundTrip() throws {
        let original = package()
        let text = PackageFile.encode(original)
        let loaded = try PackageFile.decode(Array(text.utf8))
        #expect(loaded == original)
        #expect(PackageFile.encode(loaded) == text)
        let schema = try SchemaValidator(try RepositoryFiles.parse(RepositoryFiles.schema))
        let document = try JSONParser.parse(Array(text.utf8))
        #expect(schema.validate(document).isEmpty, "\(schema.validate(document))")
    }

    @Test func defaultsAreLeftOut() {
        let text = PackageFile.encode(Package(name: "Plain"))
        for key in ["creationDate", "creatorName", "versionMajor", "versionGUID", "caseSensitive"] {
            #expect(!text.contains(key), "\(key) written at its default")
        }
    }

    @Test(arguments: [
        (#""creationDate": "yesterday""#, "package.creationDate"),
        (#""versionMajor": 2147483648"#, "package.versionMajor"),
        (#""versionGUID": "not-a-guid""#, "package.versionGUID"),
        (#""versionBuild": "7""#, "package.versionBuild"),
    ])
    func badValuesAreRefusedAtTheirField(field: String, path: String) {
        let text = #"{"format": "sluice.package", "formatVersion": 1, "package": {"name": "P", \#(field)}}"#
        #expect {
            try PackageFile.decode(Array(text.utf8))
        } throws: { error in
            (error as? SluiceError)?.description.contains(path) == true
        }
    }
}
