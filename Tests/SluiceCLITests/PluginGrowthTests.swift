import Foundation
import SluiceTestSupport
import Testing

/// ABI 1.1 through the real binary: a connection manager's `connection_kind` is listed, and a
/// 1.1 plugin whose component definition has only the 1.0 size is refused with its own code.
/// Each plugin is a few lines of C built with `cc` from SDK/include, as a third party would.
@Suite struct PluginGrowthTests {
    /// A plugin with one connection manager; `definitionSize` and `connectionKind` vary.
    static func connectionPlugin(definitionSize: String, connectionKind: String) -> String {
        """
        #include <sluice/sluice.h>

        static sluice_status cm_create(const sluice_component_def *d, const sluice_host_api *h, void **out, sluice_error *e) {
            (void)d, (void)h, (void)e;
            *out = 0;
            return SLUICE_OK;
        }
        static void cm_destroy(void *i) { (void)i; }
        static sluice_status cm_acquire(void *i, sluice_context *c, void **out, sluice_error *e) {
            (void)i, (void)c, (void)e;
            *out = 0;
            return SLUICE_OK;
        }
        static void cm_release(void *i, void *c) { (void)i, (void)c; }
        static const sluice_connection_vtable vtable = {
            .struct_size = sizeof(sluice_connection_vtable), .create = cm_create, .destroy = cm_destroy,
            .acquire = cm_acquire, .release = cm_release,
        };
        static const sluice_component_def files = {
            .struct_size = \(definitionSize), .kind = SLUICE_COMPONENT_CONNECTION_MANAGER, .id = "growth.files",
            .version = "1.0.0", .vtable = &vtable, .connection_kind = \(connectionKind),
        };
        static const sluice_component_def *const components[] = {&files};
        static const sluice_plugin_descriptor descriptor = {
            .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
            .component_count = 1, .name = "growth.plugin", .version = "1.0.0", .components = components,
        };
        SLUICE_PLUGIN_DEFINE(descriptor)

        """
    }

    /// Builds `source` into the fixture's plugin directory as `libgrowth.so`.
    private func build(_ source: String, into f: CLIFixture) throws {
        let file = try f.write(source, as: "growth.c")
        let cc = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-fvisibility=hidden", "-I",
             BuildProducts.repositoryRoot.appendingPathComponent("SDK/include").path, file,
             "-o", f.plugins.appendingPathComponent("libgrowth.so").path])
        try #require(cc.status == 0, "\(cc.transcript)")
    }

    @Test func pluginsListShowsTheStockConnectionKindAConnectionManagerFollows() throws {
        let f = try CLIFixture(plugins: [])
        try build(Self.connectionPlugin(definitionSize: "sizeof(sluice_component_def)", connectionKind: "\"sluice.file\""), into: f)
        let r = try f.sluice(["plugins", "list"])
        #expect(r.status == 0, "\(r.transcript)")
        let row = r.standardOutput.split(separator: "\n").first { $0.hasPrefix("growth.files") }
        #expect(row?.contains("connection-manager (sluice.file)") == true, "\(r.transcript)")
    }

    @Test func aOnePointOnePluginWithAOnePointZeroSizedDefinitionIsRefusedWithItsCode() throws {
        let f = try CLIFixture(plugins: [])
        try build(Self.connectionPlugin(definitionSize: "SLUICE_COMPONENT_DEF_SIZE_1_0", connectionKind: "NULL"), into: f)
        let listed = try f.sluice(["plugins", "list"])
        #expect(!listed.standardOutput.contains("growth.files"), "\(listed.transcript)")
        let r = try f.sluice(["plugins", "list", "--rejected"])
        #expect(r.standardOutput.contains("libgrowth.so"), "\(r.transcript)")
        #expect(r.standardOutput.contains("SLUICE_E_PLUGIN_STRUCT_TOO_SMALL (30013)"), "\(r.transcript)")
        #expect(r.standardOutput.contains("sluice_component_def has struct_size 72, smaller than the 80 bytes ABI 1.1 requires"), "\(r.transcript)")
    }
}
