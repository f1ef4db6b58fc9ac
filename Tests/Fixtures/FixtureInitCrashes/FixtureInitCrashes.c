/*
 * FixtureInitCrashes: a valid descriptor whose init dereferences NULL (a real SIGSEGV, as a
 * plugin with a bad pointer would). Discovery must record it as rejected with the signal and
 * keep every command that does not use it alive.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

FIXTURE_NOOP_TASK_VTABLE(vtable);

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.init-crashes.task",
     .display_name = "Init crashes", .description = "Fixture task.", .version = "1.0.0", .vtable = &vtable},
};

/* Listed by pointer: the host reads each definition by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static sluice_status plugin_init(const sluice_host_api *host, sluice_error *err) {
    (void)host, (void)err;
    volatile int *nowhere = NULL;
    *nowhere = 42; /* SIGSEGV */
    return SLUICE_OK;
}

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.init-crashes", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "init segfaults.", .components = components, .init = plugin_init,
};

SLUICE_PLUGIN_DEFINE(descriptor)
