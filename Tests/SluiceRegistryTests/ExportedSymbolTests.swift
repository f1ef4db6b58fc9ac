import Foundation
import SluiceTestSupport
import Testing

/// SDK/README.md promises that a plugin exports one symbol, `sluice_plugin_entry`, and gives the
/// flags that make it so. These tests hold the example plugins (built by SwiftPM with those
/// flags, see Package.swift) and the guide's C command to it, counting with `nm -D --defined-only`.
///
/// Measured when the flags went in: the Swift example exported 520 symbols without its version
/// script (a debug build, with every internal symbol visible for testing) and 1 with it; a small
/// C++17 plugin using std::string and std::vector exported 90 plain, 86 with -fvisibility=hidden
/// (libstdc++'s template instantiations keep default visibility), 4 adding
/// -fvisibility-inlines-hidden, and 1 with the version script.
@Suite struct ExportedSymbolTests {
    /// Defined by the linker in every shared library (the ends of .data and .bss), not by the plugin.
    static let linkerSymbols: Set<String> = ["__bss_start", "_edata", "_end"]

    /// The global defined dynamic symbols of `library`, linker-defined ones left out.
    /// Swift libraries also list some local-binding (lower-case type letter) entries that
    /// relocations refer to; local symbols cannot be bound from outside, so they are not exports.
    private func exports(_ library: String) throws -> [String] {
        let nm = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["nm", "-D", "--defined-only", library])
        try #require(nm.status == 0, "nm failed: \(nm.transcript)")
        return nm.standardOutput.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 3, let type = fields[1].first, type.isUppercase else { return nil }
            let name = String(fields[2])
            return Self.linkerSymbols.contains(name) ? nil : name
        }
    }

    @Test(arguments: ["SluiceHelloC", "SluiceHelloSwift", "SluiceUppercaseC", "FixtureSwiftKinds"])
    func aSwiftPMBuiltPluginExportsOnlyTheEntrySymbol(product: String) throws {
        #expect(try exports(BuildProducts.library(product).path) == ["sluice_plugin_entry"])
    }

    /// The guide's C command, on a plugin with a function that is not `static`: without
    /// -fvisibility=hidden it is exported, with it only the entry is.
    @Test func theGuidesCCommandHidesEverythingButTheEntry() throws {
        let dir = try BuildProducts.temporaryDirectory("exports")
        let source = dir.appendingPathComponent("plugin.c")
        try """
            #include <sluice/sluice.h>
            int plugin_helper(void) { return 42; }  /* not static: exported unless hidden */
            static const sluice_plugin_descriptor descriptor = {.abi_major = SLUICE_ABI_MAJOR};
            SLUICE_PLUGIN_DEFINE(descriptor)

            """.write(to: source, atomically: true, encoding: .utf8)
        let include = BuildProducts.repositoryRoot.appendingPathComponent("SDK/include").path
        func build(_ flags: [String], _ name: String) throws -> [String] {
            let library = dir.appendingPathComponent(name).path
            let cc = try ChildProcess.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["cc", "-shared", "-fPIC"] + flags + ["-I", include, source.path, "-o", library])
            try #require(cc.status == 0, "cc failed: \(cc.transcript)")
            return try exports(library).sorted()
        }
        #expect(try build([], "libplain.so") == ["plugin_helper", "sluice_plugin_entry"])
        #expect(try build(["-fvisibility=hidden"], "libhidden.so") == ["sluice_plugin_entry"])
    }

    /// The guide's C++ command: templates instantiated from libstdc++ keep default visibility
    /// even under -fvisibility=hidden, so C++ uses the version script.
    @Test func theGuidesCxxCommandWithTheVersionScriptExportsOnlyTheEntry() throws {
        let dir = try BuildProducts.temporaryDirectory("exports")
        let source = dir.appendingPathComponent("plugin.cpp")
        try """
            #include <sluice/sluice.h>
            #include <stdexcept>
            #include <string>
            #include <vector>
            std::string greet(const std::string &name) { return "Hello, " + name + "!"; }
            int check() noexcept {
                try { std::vector<std::string> v{greet("x")}; if (v.empty()) throw std::runtime_error("empty"); return 0; }
                catch (...) { return 1; }  // exceptions never cross the C boundary
            }
            static const sluice_plugin_descriptor descriptor = {SLUICE_ABI_MAJOR, SLUICE_ABI_MINOR, 0, 0, "a.b", "1",
                                                                nullptr, nullptr, nullptr, nullptr};
            SLUICE_PLUGIN_DEFINE(descriptor)

            """.write(to: source, atomically: true, encoding: .utf8)
        let sdk = BuildProducts.repositoryRoot.appendingPathComponent("SDK")
        let library = dir.appendingPathComponent("libplugin.so").path
        let cxx = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "c++", "-std=c++17", "-shared", "-fPIC", "-fvisibility=hidden", "-I", sdk.appendingPathComponent("include").path,
            source.path, "-Wl,--version-script=\(sdk.appendingPathComponent("sluice_plugin.map").path)", "-o", library,
        ])
        try #require(cxx.status == 0, "c++ failed: \(cxx.transcript)")
        #expect(try exports(library) == ["sluice_plugin_entry"])
    }
}
