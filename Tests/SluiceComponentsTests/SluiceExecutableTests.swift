import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

@testable import SluiceComponents

/// How an out-of-process Execute Package finds `sluice`: SLUICE_EXECUTABLE first, else this
/// process when it is sluice, else a sluice beside it.
@Suite struct SluiceExecutableTests {
    @Test func theEnvironmentSettingComesFirst() throws {
        let sluice = BuildProducts.sluice.path
        #expect(try SluiceExecutable.locate(environment: ["SLUICE_EXECUTABLE": sluice], executable: "/usr/bin/sluice") == sluice)
    }

    @Test func aSettingThatIsNotAnExecutableIsACodedError() throws {
        #expect(throws: SluiceError.self) {
            try SluiceExecutable.locate(environment: ["SLUICE_EXECUTABLE": "/nonexistent/sluice"])
        }
        let plain = try BuildProducts.temporaryDirectory("sluice-exe").appendingPathComponent("sluice").path
        #expect(FileManager.default.createFile(atPath: plain, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o644]))
        do {
            _ = try SluiceExecutable.locate(environment: ["SLUICE_EXECUTABLE": plain])
            Issue.record("a file that cannot be executed was accepted")
        } catch let error as SluiceError {
            #expect(error.code == SluiceMessage.sluiceExecutableNotFound.code)
        }
    }

    @Test func thisProcessIsUsedWhenItIsSluice() throws {
        #expect(try SluiceExecutable.locate(environment: [:], executable: "/opt/tools/sluice") == "/opt/tools/sluice")
    }

    @Test func otherwiseTheSluiceBesideThisProcess() throws {
        let runner = BuildProducts.binDirectory.appendingPathComponent("SluicePackageTests.xctest").path
        #expect(try SluiceExecutable.locate(environment: [:], executable: runner) == BuildProducts.sluice.path)
        #expect(throws: SluiceError.self) { try SluiceExecutable.locate(environment: [:], executable: "/nonexistent/dir/host") }
    }
}
