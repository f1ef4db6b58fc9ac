/*
 * A plugin built by an older SDK: it includes the simulated ABI 1.0 headers in its own
 * include/sluice/ (minor 0, component definitions without the 1.1 `connection_kind`), not
 * SDK/include. The current host must load it, walk its smaller component definitions by their
 * own struct_size, read the missing 1.1 members as NULL and run its task.
 */
#include <sluice/sluice.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Proof that this file sees the 1.0 headers, not the host's. */
_Static_assert(SLUICE_ABI_MINOR == 0, "FixtureABI10 must build against the simulated ABI 1.0 headers");
_Static_assert(sizeof(sluice_component_def) == SLUICE_COMPONENT_DEF_SIZE_1_0, "a 1.0 definition has no 1.1 tail");

/* ---- a task: writes which ABI it was built for and which host ABI ran it into a variable ---- */

typedef struct {
    const sluice_host_api *host;
    char variable[256];
} stamp_task;

static sluice_status stamp_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                  sluice_error *err) {
    (void)def;
    stamp_task *task = calloc(1, sizeof *task);
    if (task == NULL) {
        snprintf(err->message, sizeof err->message, "%s", "out of memory");
        return SLUICE_E_NO_MEMORY;
    }
    task->host = host;
    *out = task;
    return SLUICE_OK;
}

static void stamp_destroy(void *instance) { free(instance); }

static sluice_status stamp_set_property(void *instance, const char *name, const sluice_value *value,
                                        sluice_error *err) {
    stamp_task *task = instance;
    if (strcmp(name, "variable") != 0 || value->kind != SLUICE_VALUE_STRING ||
        value->as.string.length >= (int64_t)sizeof task->variable) {
        snprintf(err->message, sizeof err->message, "unknown or bad property '%s'", name);
        return SLUICE_E_INVALID_ARGUMENT;
    }
    memcpy(task->variable, value->as.string.data, (size_t)value->as.string.length);
    task->variable[value->as.string.length] = '\0';
    return SLUICE_OK;
}

static sluice_status stamp_execute(void *instance, sluice_context *ctx, sluice_value *out, sluice_error *err) {
    stamp_task *task = instance;
    char text[128];
    int length = snprintf(text, sizeof text, "built for ABI %d.%d, run by host ABI %u.%u", SLUICE_ABI_MAJOR,
                          SLUICE_ABI_MINOR, (unsigned)task->host->abi_major, (unsigned)task->host->abi_minor);
    sluice_value value = {.kind = SLUICE_VALUE_STRING};
    value.as.string.data = text;
    value.as.string.length = length;
    (void)out;
    return task->host->variable_set(ctx, task->variable, &value, err);
}

static const sluice_property_def stamp_properties[] = {
    {.name = "variable", .type = SLUICE_PROPERTY_STRING, .required = 1, .description = "Receives the stamp."},
};

static const sluice_task_vtable stamp_vtable = {
    .struct_size = sizeof(sluice_task_vtable), .create = stamp_create, .destroy = stamp_destroy,
    .set_property = stamp_set_property, .execute = stamp_execute,
};

/* ---- a connection manager: a 1.0 one cannot name a connection kind ---- */

static char connection_token;

static sluice_status link_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                 sluice_error *err) {
    (void)def, (void)host, (void)err;
    *out = &connection_token;
    return SLUICE_OK;
}

static void link_destroy(void *instance) { (void)instance; }

static sluice_status link_acquire(void *instance, sluice_context *ctx, void **out, sluice_error *err) {
    (void)ctx, (void)err;
    *out = instance;
    return SLUICE_OK;
}

static void link_release(void *instance, void *connection) { (void)instance, (void)connection; }

static const sluice_connection_vtable link_vtable = {
    .struct_size = sizeof(sluice_connection_vtable), .create = link_create, .destroy = link_destroy,
    .acquire = link_acquire, .release = link_release,
};

/* Two separate definitions of the 1.0 size, listed by pointer; the connection manager first, so
 * the task is only found by walking past a smaller-than-the-host's definition. */
static const sluice_component_def link_component = {
    .struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_CONNECTION_MANAGER,
    .id = "fixtures.abi10.link", .display_name = "Link (ABI 1.0)", .version = "1.0.0", .vtable = &link_vtable,
};
static const sluice_component_def stamp_component = {
    .struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.abi10.stamp",
    .display_name = "Stamp (ABI 1.0)", .version = "1.0.0", .property_count = 1, .properties = stamp_properties,
    .vtable = &stamp_vtable,
};
static const sluice_component_def *const components[] = {&link_component, &stamp_component};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 2, .name = "fixtures.abi10", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "Built against the simulated ABI 1.0 headers.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
