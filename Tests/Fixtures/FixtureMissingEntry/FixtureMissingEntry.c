/*
 * FixtureMissingEntry: a valid descriptor behind the wrong symbol name. It exports
 * `sluice_plugin_entry_v0` and not `sluice_plugin_entry`, so the host must reject the library
 * as having no entry point.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

FIXTURE_NOOP_TASK_VTABLE(vtable);

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.missing-entry.task",
     .display_name = "Missing entry", .description = "Fixture task.", .version = "1.0.0", .vtable = &vtable},
};

/* The descriptor lists its components by pointer: each is read by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.missing-entry", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "Exports the wrong entry symbol.", .components = components,
};

/* Deliberately not SLUICE_PLUGIN_DEFINE: the right function under the wrong name. */
SLUICE_EXPORT const sluice_plugin_descriptor *sluice_plugin_entry_v0(void);
SLUICE_EXPORT const sluice_plugin_descriptor *sluice_plugin_entry_v0(void) { return &descriptor; }
