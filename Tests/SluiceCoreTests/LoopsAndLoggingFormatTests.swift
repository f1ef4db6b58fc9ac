import Foundation
import SluiceCore
import Testing

/// The file format of loops, enumerators, logging, checkpoints and connection expressions:
/// round trip and agreement with the published schema.
@Suite struct LoopsAndLoggingFormatTests {
    private func package() -> Package {
        var p = Package(name: "Loops", id: UUID(uuidString: "00000000-0000-4000-8000-0000000000AB")!)
        p.checkpoint = CheckpointSettings(fileName: "/tmp/loops.ckpt", usage: .always, save: false)
        p.logProviders = [
            LogProvider("Text", kind: "sluice.log.text", path: "/tmp/loops.log"),
            LogProvider("Plugin", kind: "acme.log", path: "/tmp/p.log", properties: JSONObject([("level", 2)])),
        ]
        p.root.logging = LoggingOptions(providers: ["Text"], events: [.error, .warning])
        var db = ConnectionManager("Db", kind: "sluice.sqlite", connectionString: "x.db")
        db.propertyExpressions = ["ConnectionString": "@[User::Dir] + \"/x.db\""]
        p.connections = [db]
        p.variables = [Variable("User::I", type: .i4, value: .int(0)), Variable("User::Dir", type: .wstr, value: .string("/tmp"))]
        var forLoop = Executable("For", kind: .forLoop(ForLoopSpecification(init: "@[User::I] = 0", eval: "@[User::I] < 3", assign: "@[User::I] = @[User::I] + 1")))
        forLoop.logging = LoggingOptions(.disabled)
        let enumerators: [ForeachEnumerator] = [
            .files(folder: "/data", pattern: "*.csv", recursive: true, retrieve: .nameOnly),
            .items([["a", 1], ["b", 2.5], [true, .null]]),
            .variable("User::Rows"),
            .plugin(component: "acme.enum", properties: JSONObject([("limit", 3)])),
        ]
        p.executables = [forLoop] + enumerators.enumerated().map { i, e in
            Executable("Each\(i)", kind: .foreachLoop(ForeachLoopSpecification(e, mappings: [VariableMapping("User::I", index: 0)])))
        }
        return p
    }

    @Test func loopsLoggingAndCheckpointsRoundTrip() throws {
        let original = package()  // once: every call makes fresh ids
        let text = PackageFile.encode(original)
        let loaded = try PackageFile.decode(Array(text.utf8))
        #expect(loaded == original)
        #expect(PackageFile.encode(loaded) == text)
    }

    @Test func theSchemaAcceptsThemAndRejectsABrokenEnumerator() throws {
        let schema = try SchemaValidator(try RepositoryFiles.parse(RepositoryFiles.schema))
        let document = try JSONParser.parse(Array(PackageFile.encode(package()).utf8))
        #expect(schema.validate(document).isEmpty, "\(schema.validate(document))")

        let broken = PackageFile.encode(package()).replacingOccurrences(of: "\"kind\": \"files\"", with: "\"kind\": \"folders\"")
        #expect(!schema.validate(try JSONParser.parse(Array(broken.utf8))).isEmpty)
        #expect(throws: SluiceError.self) { try PackageFile.decode(Array(broken.utf8)) }
    }
}
