import Foundation
import SluiceComponents
import SluiceCore
import SluiceRuntime
import SluiceTestSupport
import Testing

/// Foreach Loops given hostile settings: folders through links, link loops, missing and
/// unreadable folders, mapping indexes out of range, values that do not fit their variable.
/// Each problem must be a coded error, found at validation when the package shows it, and
/// never a crash, an endless walk or a silent zero iterations.
@Suite struct ForeachTests {
    let files: URL

    init() throws { files = try BuildProducts.temporaryDirectory("foreach") }

    private func make(_ names: String...) throws {
        for name in names {
            let url = files.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(name.utf8).write(to: url)
        }
    }

    private func link(_ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: files.appendingPathComponent(name).path, withDestinationPath: target)
    }

    /// Runs a loop over `enumerator` that records `User::Value` (mapped from index `index`) once per item.
    private func run(
        _ enumerator: ForeachEnumerator, index: Int = 0, type: DataType = .wstr, validateOnly: Bool = false
    ) throws -> (RuntimeFixture, RunResult) {
        let f = try RuntimeFixture()
        var p = Package(name: "Foreach")
        p.variables = [Variable("User::Value", type: type), Variable("User::Rows", type: .object)]
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(
            enumerator, mappings: [VariableMapping("User::Value", index: index)])))
        var record = RuntimeFixture.record("Record")
        record.propertyExpressions = ["label": "(DT_WSTR, 200) @[User::Value]"]
        loop.executables = [record]
        p.executables = [loop]
        return (f, validateOnly ? f.validate(p) : f.run(p))
    }

    private func walk(_ folder: String, recursive: Bool = true, retrieve: ForeachEnumerator.FileNameFormat = .nameAndExtension)
        throws -> (RuntimeFixture, RunResult)
    {
        try run(.files(folder: folder, pattern: "*.csv", recursive: recursive, retrieve: retrieve))
    }

    // MARK: files

    @Test(arguments: [true, false])
    func aFolderGivenThroughASymlinkIsWalked(recursive: Bool) throws {
        try make("real/a.csv", "real/sub/b.csv", "real/notes.txt")
        try link("alias", to: "real")
        let (f, result) = try walk(files.appendingPathComponent("alias").path, recursive: recursive, retrieve: .fullPath)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        let alias = files.appendingPathComponent("alias").path
        #expect(f.log.entries == (recursive ? [alias + "/a.csv", alias + "/sub/b.csv"] : [alias + "/a.csv"]))
    }

    @Test func symlinkedSubdirectoriesAreNotFollowedButLinkedFilesAreListed() throws {
        try make("root/a.csv", "elsewhere/hidden.csv", "elsewhere/target.csv")
        try link("root/dir-link", to: "../elsewhere")
        try link("root/file-link.csv", to: "../elsewhere/target.csv")
        try link("root/dangling.csv", to: "../nowhere.csv")
        let (f, result) = try walk(files.appendingPathComponent("root").path)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(f.log.entries == ["a.csv", "file-link.csv"])
    }

    @Test func aSymlinkLoopCannotMakeTheWalkEndless() throws {
        try make("root/a.csv", "root/sub/b.csv")
        try link("root/sub/loop", to: "..")
        try link("root/self", to: ".")
        let (f, result) = try walk(files.appendingPathComponent("root").path)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(f.log.entries == ["a.csv", "b.csv"])
    }

    @Test func aMissingFolderIsACodedErrorNotZeroIterations() throws {
        let (f, result) = try walk(files.appendingPathComponent("missing").path)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.foreachFolderUnreadable.code])
        #expect(result.errors.first?.message.contains("No such file or directory") == true)
    }

    @Test func aFileGivenAsTheFolderIsACodedError() throws {
        try make("plain.csv")
        let (f, result) = try walk(files.appendingPathComponent("plain.csv").path)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.foreachFolderUnreadable.code])
        #expect(result.errors.first?.message.contains("not a directory") == true)
    }

    @Test func aLinkToAMissingFolderIsACodedError() throws {
        try link("dangling", to: "gone")
        let (f, result) = try walk(files.appendingPathComponent("dangling").path)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.foreachFolderUnreadable.code])
    }

    @Test(.enabled(if: getuid() != 0, "root reads directories whatever their mode"))
    func anUnreadableSubfolderIsACodedErrorNotASkippedOne() throws {
        try make("root/a.csv", "root/locked/b.csv")
        let locked = files.appendingPathComponent("root/locked").path
        #expect(chmod(locked, 0) == 0)
        defer { chmod(locked, 0o755) }
        let (f, result) = try walk(files.appendingPathComponent("root").path)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.foreachFolderUnreadable.code])
        #expect(f.log.entries.isEmpty)
    }

    @Test func anEmptyPatternFailsValidation() throws {
        let (f, result) = try run(.files(folder: files.path, pattern: "", recursive: false, retrieve: .fullPath), validateOnly: true)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.foreachEnumeratorInvalid.code])
    }

    // MARK: mapping indexes

    @Test(arguments: [-1, Int.max, Int.min, 4096])
    func anIndexOutsideTheRangeFailsValidationWithoutATrap(index: Int) throws {
        let (f, result) = try run(.items([["a", "b"]]), index: index)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.foreachMappingInvalid.code])
        #expect(f.log.entries.isEmpty)
    }

    @Test func anIndexPastTheLiteralItemsFailsValidation() throws {
        let (f, result) = try run(.items([["a", "b"], ["c"]]), index: 1, validateOnly: true)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.foreachMappingInvalid.code])
        #expect(result.errors.first?.message.contains("item 2 has 1 value(s)") == true)
    }

    @Test func anIndexPastARowOfAnObjectVariableFailsTheRun() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Rows")
        let rows = RowSet(columns: ["id"], rows: [[.int(1)], [.int(2)]])
        p.variables = [Variable("User::Rows", type: .object, value: .object(ObjectValue(rows))), Variable("User::Id", type: .i4)]
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(.variable("User::Rows"), mappings: [VariableMapping("User::Id", index: 4095)])))
        loop.executables = [RuntimeFixture.record("Body")]
        p.executables = [loop]
        let result = f.run(p)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.foreachMappingInvalid.code])
        #expect(f.log.entries.isEmpty)
    }

    // MARK: values that do not fit

    @Test func aJSONObjectMappedIntoAnIntegerFailsValidation() throws {
        let (f, result) = try run(.items([[.object(JSONObject([("x", 1)]))]]), type: .i4, validateOnly: true)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.foreachItemInvalid.code])
        let message = result.errors.first?.message ?? ""
        #expect(message.contains(#""x""#) && message.contains("only a DT_OBJECT variable"), "\(message)")
    }

    @Test func aJSONObjectMappedIntoAnObjectVariableIsKept() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Objects")
        p.variables = [Variable("User::Item", type: .object)]
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(
            .items([[.object(JSONObject([("x", 1)]))]]), mappings: [VariableMapping("User::Item")])))
        loop.executables = [RuntimeFixture.record("Body")]
        p.executables = [loop]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        guard case .object(let object)? = result.variables["User::Item"]?.value else {
            Issue.record("not an object: \(String(describing: result.variables["User::Item"]))")
            return
        }
        #expect(object.payload as? JSONValue == .object(JSONObject([("x", 1)])))
    }

    @Test func textThatIsNoNumberFailsValidationBeforeAnyIteration() throws {
        let (f, result) = try run(.items([["1"], ["two"]]), type: .i4)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.foreachItemInvalid.code])
        #expect(result.errors.first?.message.contains("item 2") == true)
        #expect(f.log.entries.isEmpty)
    }

    @Test func aRowValueThatDoesNotFitFailsTheRunWithTheItemNamed() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Rows")
        let rows = RowSet(columns: ["id"], rows: [[.int(1)], [.string("x")]])
        p.variables = [Variable("User::Rows", type: .object, value: .object(ObjectValue(rows))), Variable("User::Id", type: .i4)]
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(.variable("User::Rows"), mappings: [VariableMapping("User::Id")])))
        loop.executables = [RuntimeFixture.record("Body")]
        p.executables = [loop]
        let result = f.run(p)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.foreachItemInvalid.code])
        #expect(result.errors.first?.message.contains("item 2") == true)
        #expect(f.log.entries == ["Body"])
    }

    // MARK: enumerator settings

    @Test func aVariableEnumeratorOverAnUndeclaredVariableFailsValidation() throws {
        let (f, result) = try run(.variable("User::Nope"), validateOnly: true)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.variableNotFound.code])
    }

    @Test func aVariableEnumeratorOverANonObjectVariableFailsValidation() throws {
        let (f, result) = try run(.variable("User::Value"), validateOnly: true)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.foreachEnumeratorInvalid.code])
    }

    @Test func anUnknownPluginEnumeratorFailsValidation() throws {
        let (f, result) = try run(.plugin(component: "acme.nothing", properties: JSONObject()), validateOnly: true)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.componentUnknown.code])
    }

    @Test func aTaskUsedAsAnEnumeratorFailsValidation() throws {
        let (f, result) = try run(.plugin(component: "sluice.expression", properties: JSONObject()), validateOnly: true)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.componentKindMismatch.code])
    }
}
