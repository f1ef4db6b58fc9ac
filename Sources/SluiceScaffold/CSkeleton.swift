/// The C plugin skeleton: `<name>.c`, the SDK headers in `include/sluice/`, a Makefile using
/// nothing but `cc`, and the shared sample package and `test.sh`.
enum CSkeleton {
    static func files(_ name: PluginSkeletonName) -> [PluginSkeleton.File] {
        let stem = name.cName
        let library = "lib\(stem).so"
        return [
            PluginSkeleton.File(path: "\(stem).c", contents: source(name), executable: false),
            PluginSkeleton.File(path: "Makefile", contents: makefile(stem: stem, library: library), executable: false),
            SkeletonTest.samplePackage(name),
            SkeletonTest.script(name, build: "make", pluginDirectory: "."),
            SkeletonTest.readme(name, language: "C", build: "make", library: library),
        ] + PluginSkeleton.sdkFiles({ $0.hasPrefix("include/sluice/") }, under: "")
    }

    private static func makefile(stem: String, library: String) -> String {
        """
        # Builds \(library) with a C compiler and the SDK headers copied into include/.
        # -fvisibility=hidden: the library exports sluice_plugin_entry (marked SLUICE_EXPORT) and nothing else.
        CC ?= cc
        CFLAGS ?= -O2 -g -Wall -Wextra -Werror

        \(library): \(stem).c
        \t$(CC) -std=c11 $(CFLAGS) -shared -fPIC -fvisibility=hidden -Iinclude -o $@ \(stem).c

        .PHONY: test clean
        test: \(library)
        \t./test.sh

        clean:
        \trm -f \(library)

        """
    }

    private static func source(_ name: PluginSkeletonName) -> String {
        let c = name.cName
        return """
        /*
         * \(c).c: the Sluice plugin `\(name.id)`, one task with one property, `name`.
         *
         *     make          # builds lib\(c).so
         *     ./test.sh     # builds it and runs test/sample.sluice.json with `sluice run`
         *
         * The contract is the headers in include/sluice/; the guide is SDK/README.md in the Sluice sources.
         */
        #include <sluice/sluice.h>

        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>

        /* One instance per task in a package, used by one thread at a time. */
        typedef struct \(c)_task {
            const sluice_host_api *host; /* from create; valid for the life of the process */
            char *name;                  /* a copy: property values are borrowed for the call */
        } \(c)_task;

        static sluice_status fail(sluice_error *err, sluice_status status, const char *message) {
            if (err != NULL) snprintf(err->message, sizeof err->message, "%s", message);
            return status;
        }

        static sluice_status task_create(const sluice_component_def *def, const sluice_host_api *host, void **out_instance,
                                         sluice_error *err) {
            (void)def;
            \(c)_task *task = calloc(1, sizeof *task);
            if (task == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
            task->host = host;
            *out_instance = task;
            return SLUICE_OK;
        }

        static void task_destroy(void *instance) {
            \(c)_task *task = instance;
            if (task == NULL) return;
            free(task->name);
            free(task);
        }

        static sluice_status task_set_property(void *instance, const char *name, const sluice_value *value,
                                               sluice_error *err) {
            \(c)_task *task = instance;
            if (strcmp(name, "name") != 0) return fail(err, SLUICE_E_NOT_FOUND, "unknown property");
            if (value->kind != SLUICE_VALUE_STRING) return fail(err, SLUICE_E_TYPE_MISMATCH, "name must be a string");
            /* Strings carry a length and are not NUL-terminated by contract: copy exactly that many bytes. */
            size_t length = (size_t)value->as.string.length;
            char *copy = malloc(length + 1);
            if (copy == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
            if (length > 0) memcpy(copy, value->as.string.data, length);
            copy[length] = '\\0';
            free(task->name);
            task->name = copy;
            return SLUICE_OK;
        }

        static sluice_status task_validate(void *instance, sluice_context *ctx, sluice_error *err) {
            (void)ctx;
            \(c)_task *task = instance;
            if (task->name == NULL || task->name[0] == '\\0') return fail(err, SLUICE_E_INVALID_ARGUMENT, "name must not be empty");
            return SLUICE_OK;
        }

        static sluice_status task_execute(void *instance, sluice_context *ctx, sluice_value *out_execution_value,
                                          sluice_error *err) {
            (void)out_execution_value;
            (void)err;
            \(c)_task *task = instance;
            char greeting[256];
            snprintf(greeting, sizeof greeting, "Hello, %s!", task->name);
            task->host->fire_information(ctx, 0, greeting);
            return SLUICE_OK;
        }

        /* Static data, valid for the life of the process. Fields left out (every `reserved` one) are zero. */
        static const sluice_property_def properties[] = {
            {.name = "name", .type = SLUICE_PROPERTY_STRING, .default_value = "world", .description = "Who to greet."},
        };

        static const sluice_task_vtable task_vtable = {
            .struct_size = sizeof(sluice_task_vtable),
            .create = task_create,
            .destroy = task_destroy,
            .set_property = task_set_property,
            .validate = task_validate,
            .execute = task_execute,
        };

        static const sluice_component_def task_definition = {
            .struct_size = sizeof(sluice_component_def),
            .kind = SLUICE_COMPONENT_TASK,
            .id = "\(name.id)",
            .display_name = "\(name.swiftName)",
            .description = "Raises \\"Hello, <name>!\\" as an information event.",
            .version = "0.1.0",
            .property_count = sizeof properties / sizeof properties[0],
            .properties = properties,
            .vtable = &task_vtable,
        };

        /* Components are listed by pointer: the host reads each by its own struct_size. */
        static const sluice_component_def *const components[] = {&task_definition};

        static const sluice_plugin_descriptor descriptor = {
            .abi_major = SLUICE_ABI_MAJOR,
            .abi_minor = SLUICE_ABI_MINOR,
            .struct_size = sizeof(sluice_plugin_descriptor),
            .component_count = sizeof components / sizeof components[0],
            .name = "\(name.id)",
            .version = "0.1.0",
            .vendor = "",
            .description = "\(name.id): a Sluice plugin.",
            .components = components,
        };

        SLUICE_PLUGIN_DEFINE(descriptor)

        """
    }
}
