/*
 * FixtureInitHangs: a valid descriptor whose init never returns (a plugin waiting forever on a
 * license server). Discovery must kill the scanner at its timeout and record the library as
 * rejected.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>
#include <unistd.h>

FIXTURE_NOOP_TASK_VTABLE(vtable);

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.init-hangs.task",
     .display_name = "Init hangs", .description = "Fixture task.", .version = "1.0.0", .vtable = &vtable},
};

/* Listed by pointer: the host reads each definition by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static sluice_status plugin_init(const sluice_host_api *host, sluice_error *err) {
    (void)host, (void)err;
    for (;;) pause();
    return SLUICE_OK;
}

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.init-hangs", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "init never returns.", .components = components, .init = plugin_init,
};

SLUICE_PLUGIN_DEFINE(descriptor)
