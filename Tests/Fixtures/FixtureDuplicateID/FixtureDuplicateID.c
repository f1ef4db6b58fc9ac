/*
 * FixtureDuplicateID: a valid plugin whose one task reuses the id `fixtures.good.echo` of
 * FixtureGood, with the same properties. Loaded together with FixtureGood, the registry must
 * report the conflict. It behaves like the good echo minus the custom event.
 */
#include <sluice/sluice.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct echo_task {
    const sluice_host_api *host;
    char *message;
    char *target;
    int64_t count;
} echo_task;

static sluice_status fail(sluice_error *err, sluice_status status, const char *message) {
    snprintf(err->message, sizeof err->message, "%s", message);
    return status;
}

static char *copy_string(const char *data, int64_t length) {
    char *copy = malloc((size_t)length + 1);
    if (copy != NULL) {
        if (length > 0) memcpy(copy, data, (size_t)length);
        copy[length] = '\0';
    }
    return copy;
}

static sluice_status echo_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                 sluice_error *err) {
    (void)def;
    echo_task *task = calloc(1, sizeof *task);
    if (task == NULL || (task->target = copy_string("User::Out", 9)) == NULL) {
        free(task);
        return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    }
    task->host = host;
    task->count = 1;
    *out = task;
    return SLUICE_OK;
}

static void echo_destroy(void *instance) {
    echo_task *task = instance;
    free(task->message);
    free(task->target);
    free(task);
}

static sluice_status echo_set_property(void *instance, const char *name, const sluice_value *value,
                                       sluice_error *err) {
    echo_task *task = instance;
    if (strcmp(name, "count") == 0) {
        if (value->kind != SLUICE_VALUE_INT64) return fail(err, SLUICE_E_TYPE_MISMATCH, "count must be INT64");
        task->count = value->as.int64;
        return SLUICE_OK;
    }
    char **slot = strcmp(name, "message") == 0 ? &task->message : strcmp(name, "target") == 0 ? &task->target : NULL;
    if (slot == NULL) return fail(err, SLUICE_E_NOT_FOUND, "unknown property");
    if (value->kind != SLUICE_VALUE_STRING) return fail(err, SLUICE_E_TYPE_MISMATCH, "expected a string");
    char *copy = copy_string(value->as.string.data, value->as.string.length);
    if (copy == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    free(*slot);
    *slot = copy;
    return SLUICE_OK;
}

static sluice_status echo_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    return SLUICE_OK;
}

static sluice_status echo_execute(void *instance, sluice_context *ctx, sluice_value *out, sluice_error *err) {
    echo_task *task = instance;
    const char *message = task->message != NULL ? task->message : "";
    sluice_value value = {.kind = SLUICE_VALUE_STRING};
    value.as.string.data = message;
    value.as.string.length = (int64_t)strlen(message);
    sluice_status status = task->host->variable_set(ctx, task->target, &value, err);
    if (status != SLUICE_OK) return status;
    task->host->fire_information(ctx, 0, message);
    out->kind = SLUICE_VALUE_INT64;
    out->as.int64 = task->count;
    return SLUICE_OK;
}

static const sluice_property_def properties[] = {
    {.name = "message", .type = SLUICE_PROPERTY_STRING, .required = 1, .description = "Text to echo."},
    {.name = "target", .type = SLUICE_PROPERTY_STRING, .default_value = "User::Out", .description = "Variable."},
    {.name = "count", .type = SLUICE_PROPERTY_INT64, .default_value = "1", .description = "Execution value."},
};

static const sluice_task_vtable vtable = {
    sizeof(sluice_task_vtable), echo_create, echo_destroy, echo_set_property, echo_validate, echo_execute,
};

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.good.echo",
     .display_name = "Echo (duplicate)", .description = "Same id as FixtureGood's echo.", .version = "1.0.0",
     .property_count = 3, .properties = properties, .vtable = &vtable},
};

/* The descriptor lists its components by pointer: each is read by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.duplicate", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "Declares a component id that FixtureGood already uses.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
