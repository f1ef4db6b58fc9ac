/*
 * FixtureWrongMajor: a well-formed plugin built for the next ABI major.
 * The host must refuse it on the version check, before calling anything but the entry.
 */
#include <sluice/sluice.h>

#include <stdio.h>

/* A task with no properties and no state: every instance is the same static token. */
static char instance_token;

static sluice_status task_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                 sluice_error *err) {
    (void)def, (void)host, (void)err;
    *out = &instance_token;
    return SLUICE_OK;
}

static void task_destroy(void *instance) { (void)instance; }

static sluice_status task_set_property(void *instance, const char *name, const sluice_value *value,
                                       sluice_error *err) {
    (void)instance, (void)value;
    snprintf(err->message, sizeof err->message, "unknown property '%s'", name);
    return SLUICE_E_NOT_FOUND;
}

static sluice_status task_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    return SLUICE_OK;
}

static sluice_status task_execute(void *instance, sluice_context *ctx, sluice_value *out, sluice_error *err) {
    (void)instance, (void)ctx, (void)out, (void)err;
    return SLUICE_OK;
}

static const sluice_task_vtable vtable = {
    sizeof(sluice_task_vtable), task_create, task_destroy, task_set_property, task_validate, task_execute,
};

static const sluice_component_def components[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.wrong-major.task",
     .display_name = "Wrong major", .description = "Fixture task.", .version = "1.0.0", .vtable = &vtable},
};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR + 1 /* the defect */, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.wrong-major", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "Claims ABI major + 1.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
