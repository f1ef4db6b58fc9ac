/*
 * sluice_fixture.h: the do-nothing task the small fixture plugins share, so each fixture file
 * shows only the one rule it breaks. Static inline: every fixture library gets its own copy and
 * exports nothing but its entry symbol.
 */
#ifndef SLUICE_FIXTURE_H
#define SLUICE_FIXTURE_H

#include <sluice/sluice.h>

#include <stdio.h>

/* A task with no properties and no state: every instance is the same static token. */
static inline sluice_status fixture_noop_create(const sluice_component_def *def, const sluice_host_api *host,
                                                void **out, sluice_error *err) {
    static char instance_token;
    (void)def, (void)host, (void)err;
    *out = &instance_token;
    return SLUICE_OK;
}

static inline void fixture_noop_destroy(void *instance) { (void)instance; }

static inline sluice_status fixture_noop_set_property(void *instance, const char *name, const sluice_value *value,
                                                      sluice_error *err) {
    (void)instance, (void)value;
    snprintf(err->message, sizeof err->message, "unknown property '%s'", name);
    return SLUICE_E_NOT_FOUND;
}

static inline sluice_status fixture_noop_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    return SLUICE_OK;
}

static inline sluice_status fixture_noop_execute(void *instance, sluice_context *ctx, sluice_value *out,
                                                 sluice_error *err) {
    (void)instance, (void)ctx, (void)out, (void)err;
    return SLUICE_OK;
}

/* Defines `static const sluice_task_vtable name` for the do-nothing task. */
#define FIXTURE_NOOP_TASK_VTABLE(name)                                                                    \
    static const sluice_task_vtable name = {                                                              \
        sizeof(sluice_task_vtable), fixture_noop_create, fixture_noop_destroy, fixture_noop_set_property, \
        fixture_noop_validate, fixture_noop_execute,                                                      \
    }

/*
 * Defines a whole plugin library `library_name` with one task `task_id` whose create and validate are the
 * given functions (the rest do nothing): for fixtures that break one rule in one of the two.
 */
#define FIXTURE_ONE_TASK_PLUGIN(library_name, task_id, create_fn, validate_fn)                                         \
    static const sluice_task_vtable fixture_vtable = {                                                          \
        sizeof(sluice_task_vtable), create_fn, fixture_noop_destroy, fixture_noop_set_property, validate_fn,    \
        fixture_noop_execute,                                                                                   \
    };                                                                                                          \
    static const sluice_component_def fixture_definition = {                                                    \
        .struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = task_id,              \
        .display_name = task_id, .description = "Fixture task.", .version = "1.0.0", .vtable = &fixture_vtable,      \
    };                                                                                                          \
    static const sluice_component_def *const fixture_components[] = {&fixture_definition};                    \
    static const sluice_plugin_descriptor fixture_descriptor = {                                                \
        .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor), \
        .component_count = 1, .name = library_name, .version = "1.0.0", .vendor = "Sluice tests",                    \
        .description = "Breaks one rule.", .components = fixture_components,                                    \
    };                                                                                                          \
    SLUICE_PLUGIN_DEFINE(fixture_descriptor)

#endif /* SLUICE_FIXTURE_H */
