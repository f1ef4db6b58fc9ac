import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The package argument when it is not a readable regular file, and `--max-concurrent`.
@Suite struct PackageArgumentTests {
    @Test(arguments: [
        ("dir", "it is a directory, not a file"), ("/dev/null", "it is a character device, not a regular file"),
    ])
    func aPathThatIsNotARegularFileExitsFiveAndSaysWhy(_ name: String, _ reason: String) throws {
        let f = try CLIFixture()
        let directory = f.directory.appendingPathComponent("dir")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let r = try f.sluice(["run", name])
        #expect(r.status == 5, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_PACKAGE_UNREADABLE (10002)"))
        #expect(r.standardError.contains(reason), "\(r.standardError)")
    }

    @Test func aFIFOExitsFiveWithoutWaitingForAWriter() throws {
        let f = try CLIFixture()
        let fifo = f.directory.appendingPathComponent("package.sluice.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let r = try f.sluice(["validate", fifo])
        #expect(r.status == 5, "\(r.transcript)")
        #expect(r.standardError.contains("FIFO"))
    }

    /// Root reads through any permission, so as root the check runs sluice as `nobody`.
    @Test(.enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aFileBehindAnUnreadableDirectoryIsPermissionDeniedNotMissing() throws {
        let f = try CLIFixture()
        let locked = f.directory.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        let path = try f.save(CLIFixture.greetingPackage(), as: "locked/package.sluice.json")
        // Root's own directory closed to others; for an unprivileged user, closed to everyone.
        #expect(chmod(locked.path, getuid() == 0 ? 0o700 : 0o000) == 0)
        defer { chmod(locked.path, 0o755) }
        let r: ChildProcess
        if getuid() == 0 {
            r = try ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/setpriv"),
                ["--reuid=65534", "--regid=65534", "--clear-groups", BuildProducts.sluice.path, "validate", path],
                environment: ["SLUICE_DEFAULT_PLUGIN_DIR": "none", "SLUICE_PLUGIN_PATH": ""])
        } else {
            r = try f.sluice(["validate", path])
        }
        #expect(r.status == 5, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_PACKAGE_UNREADABLE (10002)"), "\(r.standardError)")
        #expect(r.standardError.contains("EACCES"))
    }

    @Test func maxConcurrentTakesMinusOneTheDocumentedDefault() throws {
        let f = try CLIFixture()
        let path = try f.save(CLIFixture.greetingPackage())
        for arguments in [["--max-concurrent", "-1"], ["--max-concurrent=-1"], ["--max-concurrent", "3"]] {
            let r = try f.sluice(["run", path] + arguments)
            #expect(r.status == 0, "\(arguments): \(r.transcript)")
        }
    }

    @Test(arguments: ["0", "-2"])
    func maxConcurrentRefusesZeroAndOtherNegatives(_ value: String) throws {
        let f = try CLIFixture()
        let r = try f.sluice(["run", try f.save(CLIFixture.greetingPackage()), "--max-concurrent", value])
        #expect(r.status == 6, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_COMMAND_LINE_INVALID"))
        #expect(r.standardError.contains("-1 (processors + 2) or a positive number"))
    }
}
