/*
 * FixtureCrashesInCreate: its first task crashes (SIGSEGV) in create; its second is fine.
 * `sluice plugins check` must report SLUICE_E_CHECK_CRASHED for the first, survive, and go on
 * to check the second in a fresh process.
 */
#include <sluice/sluice.h>

#include <signal.h>
#include <sluice_fixture.h>

static sluice_status crashing_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                     sluice_error *err) {
    (void)def, (void)host, (void)out, (void)err;
    raise(SIGSEGV); /* the defect, as a stray pointer would do it */
    return SLUICE_OK;
}

static const sluice_task_vtable crashing_vtable = {
    sizeof(sluice_task_vtable), crashing_create, fixture_noop_destroy, fixture_noop_set_property,
    fixture_noop_validate, fixture_noop_execute,
};

FIXTURE_NOOP_TASK_VTABLE(fine_vtable);

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.crashes.create",
     .display_name = "Crashes", .description = "Crashes in create.", .version = "1.0.0", .vtable = &crashing_vtable},
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.crashes.fine",
     .display_name = "Fine", .description = "Does nothing, correctly.", .version = "1.0.0", .vtable = &fine_vtable},
};

/* Listed by pointer: the host reads each definition by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0], &definitions[1]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 2, .name = "fixtures.crashes", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "One task crashes in create.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
