/*
 * FixtureWrongMajor: a well-formed plugin built for the next ABI major.
 * The host must refuse it on the version check, before calling anything but the entry.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

FIXTURE_NOOP_TASK_VTABLE(vtable);

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.wrong-major.task",
     .display_name = "Wrong major", .description = "Fixture task.", .version = "1.0.0", .vtable = &vtable},
};

/* The descriptor lists its components by pointer: each is read by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR + 1 /* the defect */, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.wrong-major", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "Claims ABI major + 1.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
