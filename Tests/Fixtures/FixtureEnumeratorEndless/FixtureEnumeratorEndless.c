/*
 * FixtureEnumeratorEndless: a foreach enumerator that never returns SLUICE_NO_MORE_ITEMS.
 * `sluice plugins check` must report SLUICE_E_CHECK_ENUMERATOR_ENDLESS.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

static sluice_status endless_begin(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    return SLUICE_OK;
}

static sluice_status endless_next(void *instance, sluice_context *ctx, sluice_value *out_values, int32_t capacity,
                                  int32_t *out_count, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    *out_count = 0;
    if (capacity >= 1) {
        out_values[0].kind = SLUICE_VALUE_BOOL;
        out_values[0].as.boolean = 1;
        *out_count = 1;
    }
    return SLUICE_OK; /* the defect: always another item */
}

static void endless_end(void *instance) { (void)instance; }

static const sluice_enumerator_vtable vtable = {
    sizeof(sluice_enumerator_vtable), fixture_noop_create, fixture_noop_destroy, fixture_noop_set_property,
    fixture_noop_validate, endless_begin, endless_next, endless_end,
};

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_FOREACH_ENUMERATOR,
     .id = "fixtures.endless.items", .display_name = "Endless", .description = "Never ends.", .version = "1.0.0",
     .vtable = &vtable},
};

/* Listed by pointer: the host reads each definition by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.endless", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "Enumerator without an end.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
