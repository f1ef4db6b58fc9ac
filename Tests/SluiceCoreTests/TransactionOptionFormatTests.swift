import Foundation
import SluiceCore
import Testing

/// `TransactionOption` in the package model: the file format, the schema and dtexec's `/Set`.
/// SSIS's values and default come from Microsoft, "DTSTransactionOption Enum"
/// (learn.microsoft.com/dotnet/api/microsoft.sqlserver.dts.runtime.dtstransactionoption):
/// NotSupported 0, Supported 1 (the default), Required 2, on every container and task host.
@Suite struct TransactionOptionFormatTests {
    private func package() -> Package {
        var p = Package(name: "Txn", id: UUID(uuidString: "00000000-0000-4000-8000-0000000000C1")!)
        p.root.transactionOption = .required
        var seq = Executable("Load", kind: .sequence)
        seq.transactionOption = .notSupported
        var task = Executable.task("Insert", component: "sluice.executeSQL", properties: [("connection", "Db"), ("statement", "SELECT 1")])
        task.transactionOption = .required
        seq.executables = [task, .task("Plain", component: "sluice.executeSQL", properties: [("connection", "Db"), ("statement", "SELECT 2")])]
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(.items([[1]]), mappings: [])))
        loop.transactionOption = .required
        var handler = EventHandler(.error)
        handler.container.transactionOption = .notSupported
        p.executables = [seq, loop]
        p.eventHandlers = [handler]
        return p
    }

    @Test func theOptionRoundTripsOnPackageContainersTasksLoopsAndHandlers() throws {
        let original = package()
        let text = PackageFile.encode(original)
        let loaded = try PackageFile.decode(Array(text.utf8))
        #expect(loaded == original)
        #expect(PackageFile.encode(loaded) == text)
        #expect(loaded.root.transactionOption == .required)
        #expect(loaded.eventHandlers.first?.container.transactionOption == .notSupported)
    }

    @Test func theDefaultSupportedIsNotWritten() throws {
        var p = Package(name: "Plain")
        p.executables = [.task("T", component: "sluice.executeSQL")]
        #expect(p.executables[0].transactionOption == .supported)
        #expect(!PackageFile.encode(p).contains("transactionOption"))
    }

    @Test func theSchemaAcceptsTheThreeValuesAndRejectsAnyOther() throws {
        let schema = try SchemaValidator(try RepositoryFiles.parse(RepositoryFiles.schema))
        let text = PackageFile.encode(package())
        let document = try JSONParser.parse(Array(text.utf8))
        #expect(schema.validate(document).isEmpty, "\(schema.validate(document))")
        let broken = text.replacingOccurrences(of: "\"transactionOption\": \"NotSupported\"", with: "\"transactionOption\": \"Mandatory\"")
        #expect(broken != text)
        #expect(!schema.validate(try JSONParser.parse(Array(broken.utf8))).isEmpty)
    }

    @Test func anUnknownValueIsACodedErrorNamingTheField() throws {
        let text = PackageFile.encode(package()).replacingOccurrences(of: "\"transactionOption\": \"Required\"", with: "\"transactionOption\": \"required\"")
        let error = try #require(throws: SluiceError.self) { try PackageFile.decode(Array(text.utf8)) }
        #expect(error.code == SluiceMessage.packageFieldInvalid.code)
        #expect(error.description.contains("transactionOption"))
        #expect(error.description.contains("\"NotSupported\", \"Supported\", \"Required\""))
    }

    @Test func setTakesTheNameInAnyCaseOrDTSTransactionOptionsNumber() throws {
        var p = package()
        try PropertyPath.apply(#"\Package\Load.Properties[TransactionOption]"#, value: "required", to: &p)
        #expect(p.executables[0].transactionOption == .required)
        try PropertyPath.apply(#"\Package\Load\Insert.Properties[TransactionOption]"#, value: "0", to: &p)
        #expect(p.executables[0].executables[0].transactionOption == .notSupported)
        try PropertyPath.apply(#"\Package.Properties[TransactionOption]"#, value: "1", to: &p)
        #expect(p.root.transactionOption == .supported)
        let error = try #require(throws: SluiceError.self) {
            try PropertyPath.apply(#"\Package\Load.Properties[TransactionOption]"#, value: "3", to: &p)
        }
        #expect(error.description.contains("NotSupported, Supported or Required"))
    }
}
