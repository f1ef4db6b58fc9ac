/*
 * FixtureNewerMinor: a well-formed plugin built for a newer ABI minor than the host.
 * It may call host services this host lacks, so the host must refuse it.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

FIXTURE_NOOP_TASK_VTABLE(vtable);

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.newer-minor.task",
     .display_name = "Newer minor", .description = "Fixture task.", .version = "1.0.0", .vtable = &vtable},
};

/* The descriptor lists its components by pointer: each is read by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR + 1 /* the defect */, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.newer-minor", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "Claims ABI minor + 1.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
