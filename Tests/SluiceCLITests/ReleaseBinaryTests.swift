import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// The binary users deploy (scripts/build-release.sh): release, with the Swift runtime linked
/// in statically. Plugins stay shared libraries on the shared runtime, so a Swift plugin brings
/// a second runtime into the process; nothing but the C ABI may cross between them. These tests
/// run both example plugins with that binary. scripts/test.sh builds it and sets
/// SLUICE_RELEASE_BINARY; a bare `swift test` skips them.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SLUICE_RELEASE_BINARY"] != nil))
struct ReleaseBinaryTests {
    let binary = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SLUICE_RELEASE_BINARY"] ?? "/nonexistent")
    let fixture: CLIFixture

    init() throws { fixture = try CLIFixture(plugins: ["SluiceHelloC", "SluiceHelloSwift"]) }

    private func sluice(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess.run(
            binary, arguments, environment: ["SLUICE_PLUGIN_PATH": fixture.plugins.path, "SLUICE_DEFAULT_PLUGIN_DIR": "none"],
            currentDirectory: fixture.directory)
    }

    @Test func theDeployedBinaryLinksNoSharedSwiftRuntime() throws {
        let r = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ldd"), [binary.path])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(!r.standardOutput.contains("libswiftCore"), "\(r.standardOutput)")
        #expect(!r.standardOutput.contains("libFoundation"), "\(r.standardOutput)")
    }

    @Test func itListsAndRunsTheCAndTheSwiftPlugin() throws {
        let list = try sluice(["plugins", "list"])
        #expect(list.status == 0, "\(list.transcript)")
        #expect(list.standardOutput.contains("examples.hello-c") && list.standardOutput.contains("examples.hello-swift"))

        var p = Package(name: "TwoRuntimes")
        p.variables = [Variable("User::FromC", type: .wstr, value: .string("")), Variable("User::FromSwift", type: .wstr, value: .string(""))]
        p.executables = [
            .task("C", component: "examples.hello-c", properties: [("name", "Ada"), ("variable", "User::FromC"), ("steps", .int(3))]),
            .task("Swift", component: "examples.hello-swift", properties: [("name", "Grace"), ("variable", "User::FromSwift"), ("steps", .int(3))]),
        ]
        p.connect("C", to: "Swift")
        let r = try sluice(["run", try fixture.save(p), "--report", "EWIP", "--show-variables"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("User::FromC = Hello, Ada!"), "\(r.transcript)")
        #expect(r.standardError.contains("User::FromSwift = Hello, Grace!"), "\(r.transcript)")
        #expect(r.standardError.contains("Progress at \\Package\\Swift: 100%"), "\(r.transcript)")
    }

    @Test func aPluginTaskThatFailsReportsItsErrorThroughTheDeployedBinary() throws {
        var p = Package(name: "Fails")
        // The Swift plugin refuses steps < 1 at validation: its error crosses the C ABI from the
        // plugin's runtime to the host's.
        p.executables = [.task("Swift", component: "examples.hello-swift", properties: [("variable", "User::X"), ("steps", .int(0))])]
        let r = try sluice(["run", try fixture.save(p)])
        #expect(r.status == 1, "\(r.transcript)")
        #expect(r.standardError.contains("Error at \\Package\\Swift"), "\(r.transcript)")
        #expect(r.standardError.contains("property 'steps' must be at least 1, got 0"), "\(r.transcript)")
    }
}
