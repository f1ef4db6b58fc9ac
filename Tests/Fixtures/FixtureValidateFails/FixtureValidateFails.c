/*
 * FixtureValidateFails: a valid plugin whose task always fails validation
 * (execute would succeed, but must never be reached).
 */
#include <sluice/sluice.h>

#include <stdio.h>
#include <stdlib.h>

/* A task with no properties; its instance only keeps the host table, for fire_error. */
typedef struct fixture_task {
    const sluice_host_api *host;
} fixture_task;

static sluice_status task_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                 sluice_error *err) {
    (void)def;
    fixture_task *task = malloc(sizeof *task);
    if (task == NULL) {
        snprintf(err->message, sizeof err->message, "%s", "out of memory");
        return SLUICE_E_NO_MEMORY;
    }
    task->host = host;
    *out = task;
    return SLUICE_OK;
}

static void task_destroy(void *instance) { free(instance); }

static sluice_status task_set_property(void *instance, const char *name, const sluice_value *value,
                                       sluice_error *err) {
    (void)instance, (void)value;
    snprintf(err->message, sizeof err->message, "unknown property '%s'", name);
    return SLUICE_E_NOT_FOUND;
}

/* Always fails, through both channels: an OnError event on ctx and the status with `err`. */
static sluice_status task_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    fixture_task *task = instance;
    task->host->fire_error(ctx, 0, "fixture validation always fails");
    snprintf(err->message, sizeof err->message, "%s", "fixture validation always fails");
    return SLUICE_E_FAILED;
}

static sluice_status task_execute(void *instance, sluice_context *ctx, sluice_value *out, sluice_error *err) {
    (void)instance, (void)ctx, (void)out, (void)err;
    return SLUICE_OK;
}

static const sluice_task_vtable vtable = {
    sizeof(sluice_task_vtable), task_create, task_destroy, task_set_property, task_validate, task_execute,
};

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.validate-fails.task",
     .display_name = "Validate fails", .description = "Fixture task.", .version = "1.0.0", .vtable = &vtable},
};

/* The descriptor lists its components by pointer: each is read by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.validate-fails", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "validate always fails.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
