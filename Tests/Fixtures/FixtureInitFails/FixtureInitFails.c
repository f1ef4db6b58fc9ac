/*
 * FixtureInitFails: a valid descriptor whose init refuses to load, as a plugin
 * that cannot find its license would. The host must record the message and skip the plugin.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

FIXTURE_NOOP_TASK_VTABLE(vtable);

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.init-fails.task",
     .display_name = "Init fails", .description = "Fixture task.", .version = "1.0.0", .vtable = &vtable},
};

/* The descriptor lists its components by pointer: each is read by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static sluice_status plugin_init(const sluice_host_api *host, sluice_error *err) {
    (void)host;
    snprintf(err->message, sizeof err->message, "%s", "license file not found");
    err->code = 100123; /* the plugin's own code for it, in the range reserved for plugins */
    return SLUICE_E_FAILED;
}

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.init-fails", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "init always fails.", .components = components, .init = plugin_init,
};

SLUICE_PLUGIN_DEFINE(descriptor)
