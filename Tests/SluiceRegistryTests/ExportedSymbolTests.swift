import Foundation
import SluiceTestSupport
import Testing

/// SDK/README.md promises that a plugin exports one symbol, `sluice_plugin_entry`, and gives the
/// flags that make it so. These tests hold the example plugins (built by SwiftPM with those
/// flags, see Package.swift) and the guide's C command to it, counting with `nm -D --defined-only`.
///
/// Measured when the flags went in: the Swift example exported 520 symbols without its version
/// script (a debug build, with every internal symbol visible for testing) and 1 with it.
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

    @Test(arguments: ["SluiceHelloC", "SluiceHelloSwift", "FixtureSwiftKinds"])
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
}
