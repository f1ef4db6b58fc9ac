import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// The contract holds for languages other than C: the greeting task of Plugins/HelloC written in
/// Rust (no crates, hand-written `#[repr(C)]` structs) and in C++17 (Examples/plugins), each built
/// with the real compiler exactly as its README says, loaded by the real `sluice` binary, run in
/// a package, and checked with `nm` to export only `sluice_plugin_entry`.
@Suite struct BindingExamplesTests {
    struct Binding: Sendable, CustomStringConvertible {
        let component: String
        let compiler: String
        /// The build command from the example's README; `OUT` is the library, paths from the repository root.
        let build: [String]
        var description: String { component }
    }

    static let rust = Binding(
        component: "examples.hello-rust", compiler: "rustc",
        build: ["rustc", "--edition", "2021", "--crate-type", "cdylib", "-C", "panic=unwind", "-O",
                "Examples/plugins/rust-hello/hello.rs", "-o", "OUT"])
    static let cpp = Binding(
        component: "examples.hello-cpp", compiler: "c++",
        build: ["c++", "-std=c++17", "-O2", "-Wall", "-Wextra", "-Werror", "-fPIC", "-shared", "-fvisibility=hidden",
                "-Wl,--version-script=Examples/plugins/cpp-hello/exports.map", "-I", "SDK/include",
                "Examples/plugins/cpp-hello/hello.cpp", "-o", "OUT"])

    /// Whether `tool` is on PATH (the test is skipped, with a message saying so, when it is not).
    static func installed(_ tool: String) -> Bool {
        (try? ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "command -v \"$0\"", tool]).status) == 0
    }

    @Test(.enabled(if: installed("rustc"), "rustc is not installed: the Rust binding example cannot be built"))
    func rustExampleBuildsLoadsRunsAndExportsOnlyTheEntry() throws {
        try check(Self.rust)
    }

    @Test(.enabled(if: installed("c++"), "c++ is not installed: the C++ binding example cannot be built"))
    func cppExampleBuildsLoadsRunsAndExportsOnlyTheEntry() throws {
        try check(Self.cpp)
    }

    private func check(_ binding: Binding) throws {
        let f = try CLIFixture(plugins: [])
        let library = f.plugins.appendingPathComponent("lib\(binding.compiler == "rustc" ? "hello_rust" : "hello_cpp").so")
        let build = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"), binding.build.map { $0 == "OUT" ? library.path : $0 },
            currentDirectory: BuildProducts.repositoryRoot)
        try #require(build.status == 0, "building \(binding) failed:\n\(build.transcript)")

        // Exported: the entry and no other function or sluice_ symbol.
        let nm = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["nm", "-D", "--defined-only", library.path])
        try #require(nm.status == 0, "\(nm.transcript)")
        let exported = nm.standardOutput.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            guard fields.count == 3 else { return nil }
            let isFunction = ["T", "t", "W", "w", "i"].contains(fields[1])
            return isFunction || fields[2].hasPrefix("sluice_") ? String(fields[2]) : nil
        }
        #expect(exported == ["sluice_plugin_entry"], "\(binding) exports more than its entry:\n\(nm.standardOutput)")

        // Loaded and listed by the real binary.
        let list = try f.sluice(["plugins", "list"])
        #expect(list.status == 0, "\(list.transcript)")
        #expect(list.standardOutput.contains(binding.component), "\(list.transcript)")
        let rejected = try f.sluice(["plugins", "list", "--rejected"])
        #expect(!rejected.standardOutput.contains(library.lastPathComponent), "\(rejected.transcript)")

        // A package using its task runs: progress, the greeting in the variable, an Information event
        // (the report and the variables go to stderr).
        var package = Package(name: "Greeting")
        package.variables = [Variable("User::Greeting", type: .wstr, value: .string(""))]
        package.executables = [.task("Greet", component: binding.component, properties: [
            ("name", "Ada"), ("variable", "User::Greeting"), ("steps", .int(2)),
        ])]
        let run = try f.sluice(["run", try f.save(package), "--report", "EWIP", "--show-variables"])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.standardError.contains("User::Greeting = Hello, Ada! (DT_WSTR)"), "\(run.transcript)")
        #expect(run.standardError.contains("Progress at \\Package\\Greet: 50% step 1 of 2"), "\(run.transcript)")
        #expect(run.standardError.contains("Information at \\Package\\Greet: Hello, Ada!"), "\(run.transcript)")

        // Its validation failure is a coded error, reported once (the binding's err buffer path).
        package.executables[0].set("steps", 0)
        let invalid = try f.sluice(["run", try f.save(package, as: "invalid.sluice.json")])
        #expect(invalid.status == 1, "\(invalid.transcript)")
        let all = invalid.standardOutput + invalid.standardError
        #expect(all.components(separatedBy: "property 'steps' must be at least 1").count == 2, "\(invalid.transcript)")

        // The conformance kit passes it, its task executed too.
        let conformance = try f.sluice(["plugins", "check", library.path, "--execute", "--property", "\(binding.component).variable=User::Greeting"])
        #expect(conformance.status == 0, "\(binding) fails the conformance kit:\n\(conformance.transcript)")
    }
}
