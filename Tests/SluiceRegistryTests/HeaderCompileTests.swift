import Foundation
@testable import SluicePluginHost
@testable import SluiceRegistry
import SluiceTestSupport
import Testing

/// The SDK's promise to third parties: the headers alone are enough to build a plugin, from C or C++,
/// under strict warnings, with no Swift and no host library involved. These tests run the system
/// compilers exactly as a plugin author would.
@Suite struct HeaderCompileTests {
    static let headers = ["sluice.h", "sluice_abi.h", "sluice_host.h", "sluice_plugin.h", "sluice_arrow.h"]

    @Test func headersCompileAsStrictC11() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try write(dir, "plugin.c", Self.cPlugin)
        let result = try run(
            ["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-I", sdkInclude, "-c", source,
             "-o", path(dir, "plugin.o")])
        #expect(result.status == 0, "cc rejected the headers in strict C11:\n\(result.output)")
    }

    @Test(arguments: headers) func eachHeaderCompilesOnItsOwnAsStrictC11(header: String) throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try write(dir, "only.c", "#include <sluice/\(header)>\n")
        let result = try run(
            ["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-I", sdkInclude, "-c", source,
             "-o", path(dir, "only.o")])
        #expect(result.status == 0, "\(header) does not compile on its own:\n\(result.output)")
    }

    @Test func headersCompileAsStrictCxx17WithCLinkage() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try write(dir, "plugin.cpp", Self.cxxPlugin)
        let object = path(dir, "plugin.o")
        let result = try run(
            ["c++", "-std=c++17", "-Wall", "-Wextra", "-Werror", "-I", sdkInclude, "-c", source, "-o", object])
        try #require(result.status == 0, "c++ rejected the headers in C++17:\n\(result.output)")

        // The header's extern "C" must give the entry its plain name; a mangled one is never found.
        let symbols = try run(["nm", "--defined-only", object])
        #expect(symbols.status == 0, "nm failed:\n\(symbols.output)")
        #expect(
            definesFunction("sluice_plugin_entry", in: symbols.output),
            "sluice_plugin_entry is not defined with C linkage:\n\(symbols.output)")
    }

    @Test func helloExampleBuildsAsAThirdPartyWouldAndExportsTheEntry() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let library = path(dir, "libhello.so")
        let build = try run(
            ["cc", "-shared", "-fPIC", "-I", "SDK/include", "Plugins/HelloC/hello.c", "-o", library])
        try #require(build.status == 0, "building Plugins/HelloC/hello.c failed:\n\(build.output)")

        let symbols = try run(["nm", "-D", "--defined-only", library])
        #expect(symbols.status == 0, "nm failed:\n\(symbols.output)")
        #expect(
            definesFunction("sluice_plugin_entry", in: symbols.output),
            "libhello.so does not export sluice_plugin_entry:\n\(symbols.output)")
    }

    @Test func helloExampleCompilesWithoutWarningsAsStrictC11() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try run(
            ["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-fPIC", "-I", "SDK/include", "-c",
             "Plugins/HelloC/hello.c", "-o", path(dir, "hello.o")])
        #expect(result.status == 0, "the example authors copy has warnings:\n\(result.output)")
    }

    @Test func dataFlowFixtureCompilesWithoutWarningsAsStrictC11AndItsHeadersAsCxx17() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = try run(
            ["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-fPIC", "-I", "SDK/include", "-c",
             "Tests/Fixtures/FixtureDataFlow/FixtureDataFlow.c", "-o", path(dir, "dataflow.o")])
        #expect(c.status == 0, "the C data flow fixture has warnings:\n\(c.output)")
        let source = try write(dir, "dataflow.cpp", """
            #include <sluice/sluice.h>
            static_assert(sizeof(sluice_dataflow_vtable) == SLUICE_DATAFLOW_VTABLE_SIZE_1_1, "1.1 data flow table");
            static_assert(sizeof(ArrowArrayStream) == 5 * sizeof(void *), "Arrow C Stream Interface");
            int main() {
                sluice_output_def output = {sizeof(sluice_output_def), SLUICE_OUTPUT_ASYNCHRONOUS, "Output", 0, 0};
                return output.synchronous_input == -1 && SLUICE_HOST_API_SIZE_1_1 > SLUICE_HOST_API_SIZE_1_0 ? 0 : 1;
            }
            """)
        let cxx = try run(["c++", "-std=c++17", "-Wall", "-Wextra", "-Werror", "-I", sdkInclude, source, "-o", path(dir, "dataflow")])
        #expect(cxx.status == 0, "\(cxx.output)")
        let ran = try run([path(dir, "dataflow")])
        #expect(ran.status == 0)
    }

    /// The host's Swift mirror of the per-version minimum sizes (the clang importer cannot bring
    /// the offsetof macros over) must agree with the header on this platform, whatever it is.
    @Test func perVersionMinimumSizesAgreeWithTheHostsReadingRule() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try write(dir, "sizes.c", """
            #include <sluice/sluice.h>
            #include <stdio.h>
            int main(void) {
                printf("%u %u %u %u %u %u %u %u\\n", SLUICE_PLUGIN_DESCRIPTOR_SIZE_1_0, SLUICE_COMPONENT_DEF_SIZE_1_0,
                       SLUICE_COMPONENT_DEF_SIZE_1_1, SLUICE_TASK_VTABLE_SIZE_1_0, SLUICE_DATAFLOW_VTABLE_SIZE_1_1,
                       SLUICE_CONNECTION_VTABLE_SIZE_1_0, SLUICE_LOG_PROVIDER_VTABLE_SIZE_1_0,
                       SLUICE_ENUMERATOR_VTABLE_SIZE_1_0);
                return 0;
            }
            """)
        let program = path(dir, "sizes")
        let build = try run(["cc", "-std=c11", "-Wall", "-Werror", "-I", sdkInclude, source, "-o", program])
        try #require(build.status == 0, "\(build.output)")
        let printed = try run([program])
        try #require(printed.status == 0, "\(printed.output)")
        let numbers = printed.output.split(separator: "\n").last.map(String.init) ?? ""
        let mirrored: [(ABIReading.Structure, UInt32)] = [
            (.descriptor, 0), (.componentDef, 0), (.componentDef, 1), (.taskVTable, 0), (.dataflowVTable, 1),
            (.connectionVTable, 0), (.logProviderVTable, 0), (.enumeratorVTable, 0),
        ]
        let expected = mirrored.map { structure, minor in structure.minimumSize(minor: minor) }
        #expect(numbers == expected.map(String.init).joined(separator: " "), "\(printed.output)")
    }

    // MARK: - Sources

    /// A complete plugin in C: descriptor, components of every vtable kind, properties, the entry macro.
    static let cPlugin = """
        #include <sluice/sluice.h>

        _Static_assert(SLUICE_ABI_VERSION_NUM == SLUICE_ABI_MAJOR * 100 + SLUICE_ABI_MINOR, "version formula");

        static int host_has_deallocate(const sluice_host_api *host);
        static sluice_status t_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                      sluice_error *err) {
            (void)def, (void)err;
            *out = 0;
            return host_has_deallocate(host) ? SLUICE_OK : SLUICE_E_UNSUPPORTED;
        }
        static void t_destroy(void *instance) { (void)instance; }
        static sluice_status t_set(void *instance, const char *name, const sluice_value *value, sluice_error *err) {
            (void)instance, (void)name, (void)value, (void)err;
            return SLUICE_E_NOT_FOUND;
        }
        static sluice_status t_validate(void *instance, sluice_context *ctx, sluice_error *err) {
            (void)instance, (void)ctx, (void)err;
            return SLUICE_OK;
        }
        static sluice_status t_execute(void *instance, sluice_context *ctx, sluice_value *out, sluice_error *err) {
            (void)instance, (void)ctx, (void)err;
            out->kind = SLUICE_VALUE_INT64;
            out->as.int64 = 1;
            return SLUICE_OK;
        }
        static const sluice_property_def properties[] = {
            {.name = "p", .type = SLUICE_PROPERTY_STRING, .default_value = "x", .description = "A property."},
        };
        static const sluice_task_vtable task = {
            sizeof(sluice_task_vtable), t_create, t_destroy, t_set, t_validate, t_execute,
        };
        static const sluice_output_def source_output = {sizeof(sluice_output_def), SLUICE_OUTPUT_ASYNCHRONOUS, "Output", 0, 0};
        static const sluice_output_def *const source_outputs[] = {&source_output};
        static sluice_status d_ports(void *instance, sluice_ports *out, sluice_error *err) {
            (void)instance, (void)err;
            out->output_count = 1;
            out->outputs = source_outputs;
            return SLUICE_OK;
        }
        static sluice_status d_stream(void *instance, sluice_context *ctx, struct ArrowArrayStream *out, sluice_error *err) {
            (void)instance, (void)ctx, (void)err;
            return out->release == 0 ? SLUICE_E_UNSUPPORTED : SLUICE_E_INVALID_ARGUMENT;
        }
        static const sluice_dataflow_vtable dataflow = {
            .struct_size = sizeof(sluice_dataflow_vtable), .ports = d_ports, .open_stream = d_stream};
        static const sluice_connection_vtable connection = {.struct_size = sizeof(sluice_connection_vtable)};
        static const sluice_log_provider_vtable log_provider = {.struct_size = sizeof(sluice_log_provider_vtable)};
        static const sluice_enumerator_vtable enumerator = {.struct_size = sizeof(sluice_enumerator_vtable)};
        static const sluice_component_def definitions[] = {
            {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "test.task",
             .display_name = "Task", .version = "1.0.0", .property_count = 1, .properties = properties,
             .vtable = &task},
            {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_SOURCE, .id = "test.source",
             .display_name = "Source", .version = "1.0.0", .vtable = &dataflow},
            {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_CONNECTION_MANAGER,
             .id = "test.connection", .display_name = "Connection", .version = "1.0.0", .vtable = &connection,
             .connection_kind = "sluice.file"},
            {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_LOG_PROVIDER, .id = "test.log",
             .display_name = "Log", .version = "1.0.0", .vtable = &log_provider},
            {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_FOREACH_ENUMERATOR,
             .id = "test.enumerator", .display_name = "Enumerator", .version = "1.0.0", .vtable = &enumerator},
        };
        static const sluice_component_def *const components[] = {
            &definitions[0], &definitions[1], &definitions[2], &definitions[3], &definitions[4],
        };

        /* A plugin tests a host member's presence before it touches it (the reading rule). */
        static int host_has_deallocate(const sluice_host_api *host) {
            return SLUICE_HAS_MEMBER(host, sluice_host_api, deallocate);
        }
        _Static_assert(SLUICE_COMPONENT_DEF_SIZE_1_0 < SLUICE_COMPONENT_DEF_SIZE_1_1, "1.1 adds to the definition");
        _Static_assert(SLUICE_TASK_VTABLE_SIZE_1_0 <= sizeof(sluice_task_vtable), "vtable minimum");
        _Static_assert(SLUICE_PLUGIN_DESCRIPTOR_SIZE_1_0 <= sizeof(sluice_plugin_descriptor), "descriptor minimum");
        _Static_assert(SLUICE_HOST_API_SIZE_1_0 <= sizeof(sluice_host_api), "host table minimum");
        _Static_assert(SLUICE_LOG_ENTRY_SIZE_1_0 <= sizeof(sluice_log_entry), "log entry minimum");
        _Static_assert(SLUICE_DATAFLOW_VTABLE_SIZE_1_1 + SLUICE_CONNECTION_VTABLE_SIZE_1_0
                       + SLUICE_LOG_PROVIDER_VTABLE_SIZE_1_0 + SLUICE_ENUMERATOR_VTABLE_SIZE_1_0 > 0, "all defined");
        static const sluice_plugin_descriptor descriptor = {
            .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR,
            .struct_size = sizeof(sluice_plugin_descriptor), .component_count = 5, .name = "test.plugin",
            .version = "1.0.0", .vendor = "Tests", .components = components,
        };
        SLUICE_PLUGIN_DEFINE(descriptor)

        """

    /// The same in C++17 (no designated initializers before C++20), defined outside any extern "C".
    static let cxxPlugin = """
        #include <sluice/sluice.h>

        static_assert(sizeof(sluice_value) == 24, "sluice_value layout");
        static_assert(SLUICE_COMPONENT_DEF_SIZE_1_1 <= sizeof(sluice_component_def), "usable as a constant in C++");

        namespace {
        sluice_status t_create(const sluice_component_def *, const sluice_host_api *, void **out, sluice_error *) {
            *out = nullptr;
            return SLUICE_OK;
        }
        void t_destroy(void *) {}
        sluice_status t_set(void *, const char *, const sluice_value *, sluice_error *) { return SLUICE_E_NOT_FOUND; }
        sluice_status t_validate(void *, sluice_context *, sluice_error *) { return SLUICE_OK; }
        sluice_status t_execute(void *, sluice_context *, sluice_value *, sluice_error *) { return SLUICE_OK; }

        const sluice_task_vtable task = {sizeof(sluice_task_vtable), t_create, t_destroy, t_set, t_validate, t_execute};
        const sluice_component_def task_def = {
            sizeof(sluice_component_def), SLUICE_COMPONENT_TASK, "test.task", "Task", "A task.", "1.0.0", 0,
            nullptr, &task, nullptr, nullptr};
        const sluice_component_def *const components[] = {&task_def};
        const sluice_plugin_descriptor descriptor = {
            SLUICE_ABI_MAJOR, SLUICE_ABI_MINOR, sizeof(sluice_plugin_descriptor), 1, "test.plugin", "1.0.0",
            "Tests", "A plugin.", components, nullptr};
        }  // namespace

        SLUICE_PLUGIN_DEFINE(descriptor)

        """

    // MARK: - Helpers

    /// The repository root: the nearest directory above this file that holds Package.swift.
    let root: URL

    init() throws {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            let parent = dir.deletingLastPathComponent()
            guard parent.path != dir.path else { throw CocoaError(.fileNoSuchFile) }
            dir = parent
        }
        root = dir
    }

    var sdkInclude: String { root.appendingPathComponent("SDK/include").path }

    /// Runs a command found on PATH in the repository root; returns its exit status and its
    /// combined stdout and stderr.
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let run = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), arguments, currentDirectory: root)
        return (run.status, "$ \(arguments.joined(separator: " "))\n" + run.standardOutput + run.standardError)
    }

    /// A fresh directory for one test's files; the test removes it with `defer`.
    func makeTemporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-headers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func path(_ dir: URL, _ name: String) -> String { dir.appendingPathComponent(name).path }

    func write(_ dir: URL, _ name: String, _ contents: String) throws -> String {
        try contents.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return path(dir, name)
    }

    /// Whether nm output lists `name` as a defined text (function) symbol.
    func definesFunction(_ name: String, in nmOutput: String) -> Bool {
        nmOutput.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.count == 3 && fields[1] == "T" && fields[2] == name
        }
    }
}
