/*
 * FixtureMalformed: the right ABI version, but its only component has no id.
 * The host must reject the descriptor without calling into the plugin.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

FIXTURE_NOOP_TASK_VTABLE(vtable);

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = NULL /* the defect */,
     .display_name = "Malformed", .description = "Fixture task.", .version = "1.0.0", .vtable = &vtable},
};

/* The descriptor lists its components by pointer: each is read by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.malformed", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "A component without an id.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
