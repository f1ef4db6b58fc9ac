/*
 * FixtureRequiredDefault: a task whose property is declared required and given a default,
 * so `required` means nothing. `sluice plugins check` must report
 * SLUICE_E_CHECK_PROPERTY_REQUIRED_DEFAULT (and nothing else: the task is otherwise fine).
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

static sluice_status accepting_set_property(void *instance, const char *name, const sluice_value *value,
                                            sluice_error *err) {
    (void)instance, (void)name, (void)value, (void)err;
    return SLUICE_OK;
}

static const sluice_task_vtable vtable = {
    sizeof(sluice_task_vtable), fixture_noop_create, fixture_noop_destroy, accepting_set_property,
    fixture_noop_validate, fixture_noop_execute,
};

static const sluice_property_def properties[] = {
    {.name = "mode", .type = SLUICE_PROPERTY_STRING, .required = 1 /* the defect */, .default_value = "fast",
     .description = "Required, yet defaulted."},
};

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.required-default.task",
     .display_name = "Required default", .description = "Fixture task.", .version = "1.0.0", .property_count = 1,
     .properties = properties, .vtable = &vtable},
};

/* Listed by pointer: the host reads each definition by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.required-default", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "A required property with a default.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
