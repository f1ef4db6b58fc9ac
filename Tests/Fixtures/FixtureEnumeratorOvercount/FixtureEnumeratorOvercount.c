/*
 * FixtureEnumeratorOvercount: a foreach enumerator whose one item has more values than the
 * loop has room for (out_count > capacity). `sluice plugins check` must report
 * SLUICE_E_CHECK_ENUMERATOR_COUNT.
 */
#include <sluice/sluice.h>

#include <sluice_fixture.h>

static int items_given;

static sluice_status over_begin(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    items_given = 0;
    return SLUICE_OK;
}

static sluice_status over_next(void *instance, sluice_context *ctx, sluice_value *out_values, int32_t capacity,
                               int32_t *out_count, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    if (items_given++ > 0) return SLUICE_NO_MORE_ITEMS;
    for (int32_t i = 0; i <= capacity; i++) { /* the defect: one value past the capacity */
        out_values[i].kind = SLUICE_VALUE_INT64;
        out_values[i].as.int64 = i;
    }
    *out_count = capacity + 1;
    return SLUICE_OK;
}

static void over_end(void *instance) { (void)instance; }

static const sluice_enumerator_vtable vtable = {
    sizeof(sluice_enumerator_vtable), fixture_noop_create, fixture_noop_destroy, fixture_noop_set_property,
    fixture_noop_validate, over_begin, over_next, over_end,
};

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_FOREACH_ENUMERATOR,
     .id = "fixtures.overcount.items", .display_name = "Overcount", .description = "One value too many.",
     .version = "1.0.0", .vtable = &vtable},
};

/* Listed by pointer: the host reads each definition by its own struct_size. */
static const sluice_component_def *const components[] = {&definitions[0]};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "fixtures.overcount", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "Enumerator with out_count > capacity.", .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
