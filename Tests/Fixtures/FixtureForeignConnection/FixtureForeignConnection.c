/*
 * FixtureForeignConnection: a second library with a connection manager, so tests can show
 * that a task of another library (FixtureGood's useconn) is refused its handle: a handle means
 * something only to the library that made it.
 *
 * fixtures.foreign.connection: acquire hands out a static token; it takes ConnectionString.
 */
#include <sluice/sluice.h>

#include <stdio.h>

static char instance_token;
static char connection_token;

static sluice_status foreign_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                    sluice_error *err) {
    (void)def, (void)host, (void)err;
    *out = &instance_token;
    return SLUICE_OK;
}

static void foreign_destroy(void *instance) { (void)instance; }

static sluice_status foreign_set_property(void *instance, const char *name, const sluice_value *value,
                                          sluice_error *err) {
    (void)instance, (void)value, (void)err;
    (void)name; /* only ConnectionString is declared, and its value is not needed */
    return SLUICE_OK;
}

static sluice_status foreign_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    return SLUICE_OK;
}

static sluice_status foreign_acquire(void *instance, sluice_context *ctx, void **out, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    *out = &connection_token;
    return SLUICE_OK;
}

static void foreign_release(void *instance, void *connection) { (void)instance, (void)connection; }

static const sluice_property_def properties[] = {
    {.name = "ConnectionString", .type = SLUICE_PROPERTY_STRING, .description = "Not used."},
};

static const sluice_connection_vtable vtable = {
    .struct_size = sizeof(sluice_connection_vtable), .create = foreign_create, .destroy = foreign_destroy,
    .set_property = foreign_set_property, .validate = foreign_validate, .acquire = foreign_acquire,
    .release = foreign_release,
};

static const sluice_component_def connection_definition = {
    .struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_CONNECTION_MANAGER,
     .id = "fixtures.foreign.connection", .display_name = "Foreign connection", .description = "Fixture.",
     .version = "1.0.0", .property_count = 1, .properties = properties, .vtable = &vtable,
};

static const sluice_component_def *const components[] = {&connection_definition};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.foreign", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "A connection manager of a second library.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
