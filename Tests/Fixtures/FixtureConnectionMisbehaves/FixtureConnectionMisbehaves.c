/*
 * FixtureConnectionMisbehaves: three connection managers, each breaking one rule of the
 * acquire / release lifecycle. `sluice plugins check` must report each with its code:
 *
 * fixtures.bad-connection.leaks: acquire takes a block from the host's `allocate` and returns
 *   SLUICE_OK with a NULL handle, so release can never give the block back
 *   (SLUICE_E_CHECK_ALLOCATION_LEAKED).
 * fixtures.bad-connection.release-crashes: release crashes (SIGSEGV) on the handle acquire gave
 *   (SLUICE_E_CHECK_CRASHED, in "release #1").
 * fixtures.bad-connection.silent: acquire fails with an empty message and no error raised
 *   (SLUICE_E_CHECK_FAILURE_UNEXPLAINED).
 */
#include <sluice/sluice.h>

#include <signal.h>
#include <sluice_fixture.h>

static const sluice_host_api *host_api; /* kept by create: acquire has no host parameter */

static sluice_status keeping_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                    sluice_error *err) {
    host_api = host;
    return fixture_noop_create(def, host, out, err);
}

static sluice_status leaking_acquire(void *instance, sluice_context *ctx, void **out, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    (void)host_api->allocate(32); /* the defect: the block is dropped on the floor */
    *out = NULL;
    return SLUICE_OK;
}

static void noop_release(void *instance, void *connection) { (void)instance, (void)connection; }

static sluice_status token_acquire(void *instance, sluice_context *ctx, void **out, sluice_error *err) {
    static char handle_token;
    (void)instance, (void)ctx, (void)err;
    *out = &handle_token;
    return SLUICE_OK;
}

static void crashing_release(void *instance, void *connection) {
    (void)instance, (void)connection;
    raise(SIGSEGV); /* the defect, as a double free would do it */
}

static sluice_status silent_acquire(void *instance, sluice_context *ctx, void **out, sluice_error *err) {
    (void)instance, (void)ctx, (void)out, (void)err;
    return SLUICE_E_IO; /* the defect: no message */
}

#define CONNECTION_VTABLE(name, acquire_fn, release_fn)                                                          \
    static const sluice_connection_vtable name = {                                                               \
        .struct_size = sizeof(sluice_connection_vtable), .create = keeping_create, .destroy = fixture_noop_destroy, \
        .set_property = fixture_noop_set_property, .validate = fixture_noop_validate, .acquire = acquire_fn,      \
        .release = release_fn,                                                                                   \
    }

CONNECTION_VTABLE(leaks_vtable, leaking_acquire, noop_release);
CONNECTION_VTABLE(crashes_vtable, token_acquire, crashing_release);
CONNECTION_VTABLE(silent_vtable, silent_acquire, noop_release);

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_CONNECTION_MANAGER,
     .id = "fixtures.bad-connection.leaks", .display_name = "Leaks", .description = "Leaks a host block per acquire.",
     .version = "1.0.0", .vtable = &leaks_vtable},
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_CONNECTION_MANAGER,
     .id = "fixtures.bad-connection.release-crashes", .display_name = "Release crashes",
     .description = "Crashes in release.", .version = "1.0.0", .vtable = &crashes_vtable},
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_CONNECTION_MANAGER,
     .id = "fixtures.bad-connection.silent", .display_name = "Silent", .description = "acquire fails without a message.",
     .version = "1.0.0", .vtable = &silent_vtable},
};

/* Listed by pointer: the host reads each definition by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0], &definitions[1], &definitions[2]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 3, .name = "fixtures.bad-connection", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "Connection managers that break the acquire / release rules.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
