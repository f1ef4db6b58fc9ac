import Foundation
import Testing

/// The Foreach file enumerator matches names as SSIS does on Windows ("Foreach Loop Container",
/// Files: "*.txt", "*.*"): case-insensitive by default, `*.*` matching names without a dot,
/// brackets as plain characters; `caseSensitive` switches case matching on.
@Suite struct ForeachFileMatchingCommandTests {
    private static let files = ["a.csv", "B.CSV", "c.Csv", "notes.txt", "README", "data[1].csv", "a.csv.gz"]

    /// Runs a loop over the fixture's files and returns the names it visited, in order.
    private func visited(_ enumerator: String) throws -> [String] {
        let f = try CLIFixture()
        let folder = f.directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in Self.files { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }
        let spec = enumerator.replacingOccurrences(of: "FOLDER", with: folder.path)
        let text = """
            {"format": "sluice.package", "formatVersion": 1, "package": {"name": "P",
              "variables": [{"name": "V", "type": "DT_WSTR"}, {"name": "Seen", "type": "DT_WSTR", "value": ""}],
              "executables": [{"name": "Each", "type": "foreachLoop", "enumerator": \(spec),
                "variableMappings": [{"variable": "User::V", "index": 0}],
                "executables": [{"name": "Note", "type": "task", "component": "sluice.expression",
                  "properties": {"expression": "@[User::Seen] = @[User::Seen] + @[User::V] + \\"|\\""}}]}]}}
            """
        let path = try f.write(text, as: "loop.json")
        #expect(try f.sluice(["validate", path]).status == 0)
        let r = try f.sluice(["run", path, "--show-variables"])
        #expect(r.status == 0, "\(r.transcript)")
        let line = r.standardError.split(separator: "\n").first { $0.hasPrefix("User::Seen = ") } ?? ""
        let value = line.dropFirst("User::Seen = ".count).replacingOccurrences(of: " (DT_WSTR)", with: "")
        return value.split(separator: "|").map(String.init)
    }

    @Test func anUppercasePatternMatchesLowercaseNames() throws {
        let seen = try visited(#"{"kind": "files", "folder": "FOLDER", "pattern": "*.CSV", "retrieve": "nameAndExtension"}"#)
        #expect(Set(seen) == ["a.csv", "B.CSV", "c.Csv", "data[1].csv"])
    }

    @Test func starDotStarMatchesNamesWithoutADot() throws {
        let seen = try visited(#"{"kind": "files", "folder": "FOLDER", "pattern": "*.*", "retrieve": "nameAndExtension"}"#)
        #expect(Set(seen) == Set(Self.files))
    }

    @Test func caseSensitiveMatchingCanBeAskedFor() throws {
        let seen = try visited(#"{"kind": "files", "folder": "FOLDER", "pattern": "*.csv", "caseSensitive": true, "retrieve": "nameAndExtension"}"#)
        #expect(Set(seen) == ["a.csv", "data[1].csv"])
    }

    @Test func bracketsAreLiteral() throws {
        let seen = try visited(#"{"kind": "files", "folder": "FOLDER", "pattern": "DATA[1].CSV", "retrieve": "nameAndExtension"}"#)
        #expect(seen == ["data[1].csv"])
    }
}
