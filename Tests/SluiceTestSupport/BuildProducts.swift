import Foundation

/// Where the build put the binaries and plugin libraries the tests use, and a fresh directory
/// per test.
public enum BuildProducts {
    /// The build's bin directory: the test runner lives there, beside `sluice` and the `.so` files.
    public static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["SLUICE_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On Linux the runner is `<bin>/SluicePackageTests.xctest`; it is a file, so its parent is the bin dir.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("sluice").path), dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir
    }

    /// The repository root (the directory holding Package.swift).
    public static var repositoryRoot: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir.deleteLastPathComponent()
        }
        return dir
    }

    /// The path of the shared library built from product `name` (`libName.so`).
    public static func library(_ name: String) -> URL { binDirectory.appendingPathComponent("lib\(name).so") }

    /// The `sluice` executable.
    public static var sluice: URL { binDirectory.appendingPathComponent("sluice") }

    /// A new empty directory, removed when the process exits is not guaranteed: tests keep them small.
    public static func temporaryDirectory(_ label: String = "test") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A directory holding copies of the named plugin products, so a scan sees exactly those.
    public static func pluginDirectory(with products: [String]) throws -> URL {
        let dir = try temporaryDirectory("plugins")
        for p in products {
            try FileManager.default.copyItem(at: library(p), to: dir.appendingPathComponent("lib\(p).so"))
        }
        return dir
    }
}
