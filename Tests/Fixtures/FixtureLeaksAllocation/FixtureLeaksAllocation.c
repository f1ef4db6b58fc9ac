/*
 * FixtureLeaksAllocation: a task that takes a block from the host's `allocate` in create and
 * forgets to `deallocate` it in destroy. `sluice plugins check` must report
 * SLUICE_E_CHECK_ALLOCATION_LEAKED.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

static sluice_status leaky_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                  sluice_error *err) {
    (void)def;
    void *scratch = host->allocate(64);
    if (scratch == NULL) {
        snprintf(err->message, sizeof err->message, "%s", "out of memory");
        return SLUICE_E_NO_MEMORY;
    }
    *out = scratch;
    return SLUICE_OK;
}

static void leaky_destroy(void *instance) { (void)instance; /* the defect: no host->deallocate(instance) */ }

static const sluice_task_vtable vtable = {
    sizeof(sluice_task_vtable), leaky_create, leaky_destroy, fixture_noop_set_property, fixture_noop_validate,
    fixture_noop_execute,
};

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.leaks.task",
     .display_name = "Leaks", .description = "Keeps a host block after destroy.", .version = "1.0.0", .vtable = &vtable},
};

/* Listed by pointer: the host reads each definition by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.leaks", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "Leaks a host allocation.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
