import Foundation
import SluiceCore
import Testing

/// The Foreach Loop inputs outside testing found crashing or silently wrong, through the real
/// `sluice` binary: each is now a coded error with the dtexec exit code, and no crash.
@Suite struct ForeachCommandTests {
    private func package(enumerator: String, index: String = "0", type: String = "DT_I4") -> String {
        """
        {"format": "sluice.package", "formatVersion": 1, "package": {"name": "P",
          "variables": [{"name": "V", "type": "\(type)"}],
          "executables": [{"name": "Each", "type": "foreachLoop", "enumerator": \(enumerator),
                           "variableMappings": [{"variable": "User::V", "index": \(index)}]}]}}
        """
    }

    @Test(arguments: ["-1", "9223372036854775807"])
    func anOutOfRangeIndexCannotBeLoaded(index: String) throws {
        let f = try CLIFixture()
        let path = try f.write(package(enumerator: #"{"kind": "items", "items": [[1]]}"#, index: index), as: "index.json")
        let r = try f.sluice(["run", path])
        #expect(r.status == 5, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_PACKAGE_FIELD_INVALID"))
        #expect(r.standardError.contains("package.executables[0].variableMappings[0].index"))
    }

    @Test func anObjectItemForAnIntegerFailsValidate() throws {
        let f = try CLIFixture()
        let path = try f.write(package(enumerator: #"{"kind": "items", "items": [[{"x": 1}]]}"#), as: "object.json")
        let r = try f.sluice(["validate", path])
        #expect(r.status == 1, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_FOREACH_ITEM_INVALID (20062)"), "\(r.transcript)")
    }

    @Test func anItemsEnumeratorWithoutItemsCannotBeLoaded() throws {
        let f = try CLIFixture()
        let r = try f.sluice(["validate", try f.write(package(enumerator: #"{"kind": "items"}"#), as: "noitems.json")])
        #expect(r.status == 5, "\(r.transcript)")
        #expect(r.standardError.contains("package.executables[0].enumerator.items"))
    }

    @Test func aFolderGivenThroughASymlinkIsWalkedRecursively() throws {
        let f = try CLIFixture()
        let real = f.directory.appendingPathComponent("real/sub")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try Data("1".utf8).write(to: real.appendingPathComponent("a.csv"))
        let alias = f.directory.appendingPathComponent("alias").path
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: "real")
        let enumerator = #"{"kind": "files", "folder": "\#(alias)", "recursive": true, "retrieve": "nameAndExtension"}"#
        var text = package(enumerator: enumerator, type: "DT_WSTR")
        // Count iterations into a second variable, visible in the run's variable dump.
        text = text.replacingOccurrences(
            of: #"{"name": "V", "type": "DT_WSTR"}"#,
            with: #"{"name": "V", "type": "DT_WSTR"}, {"name": "N", "type": "DT_I4", "value": 0}"#)
        text = text.replacingOccurrences(
            of: #""variableMappings""#,
            with: #""executables": [{"name": "Count", "type": "task", "component": "sluice.expression", "properties": {"expression": "@[User::N] = @[User::N] + 1"}}], "variableMappings""#)
        let r = try f.sluice(["run", try f.write(text, as: "walk.json"), "--events-json"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardOutput.contains("Count"), "the body never ran: \(r.transcript)")
    }
}
