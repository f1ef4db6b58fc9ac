/*
 * sluice_fixture_flow.h: a tiny data flow transform the conformance fixtures share, so each
 * fixture file shows only the Arrow rule it breaks. Define FIXTURE_FLOW_BREAKS to one of the
 * FIXTURE_BREAKS_* values before including, then use FIXTURE_FLOW_PLUGIN(id).
 *
 * The transform has one input and one asynchronous output of two columns, n (int32) and
 * s (utf8); per batch it gets, it emits two rows (1 "a", 2 "bc") in a block its release frees.
 */
#ifndef SLUICE_FIXTURE_FLOW_H
#define SLUICE_FIXTURE_FLOW_H

#include <sluice/sluice.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE_BREAKS_NOTHING 0
#define FIXTURE_BREAKS_EMITS_RELEASED 1  /* emits an array whose release is NULL */
#define FIXTURE_BREAKS_BAD_OFFSETS 2     /* emits string offsets that go back */
#define FIXTURE_BREAKS_KEEPS_INPUT 3     /* moves each input batch and never releases it */
#define FIXTURE_BREAKS_RELEASES_TWICE 4  /* releases each input batch, then a copy of it again */
#define FIXTURE_BREAKS_EMITS_AFTER_END 5 /* emits in post_execute */

#ifndef FIXTURE_FLOW_BREAKS
#define FIXTURE_FLOW_BREAKS FIXTURE_BREAKS_NOTHING
#endif

typedef struct fixture_flow {
    const sluice_host_api *host;
    struct ArrowArray kept; /* FIXTURE_BREAKS_KEEPS_INPUT: the last batch moved, never released */
} fixture_flow;

typedef struct fixture_flow_batch {
    struct ArrowArray columns[2];
    struct ArrowArray *children[2];
    const void *buffers[1 + 2 + 3];
    int32_t n[2];
    int32_t offsets[3];
    char text[4];
} fixture_flow_batch;

static void fixture_flow_release_child(struct ArrowArray *array) { array->release = NULL; }

static void fixture_flow_release_batch(struct ArrowArray *array) {
    free(array->private_data);
    array->release = NULL;
}

/* Two rows: n = 1, 2 and s = "a", "bc" (offsets 0, 1, 3; BAD_OFFSETS makes them 0, 3, 1). */
static inline int fixture_flow_make(struct ArrowArray *out) {
    fixture_flow_batch *b = calloc(1, sizeof *b);
    if (b == NULL) return 0;
    b->n[0] = 1, b->n[1] = 2;
    b->offsets[0] = 0, b->offsets[1] = 1, b->offsets[2] = 3;
    if (FIXTURE_FLOW_BREAKS == FIXTURE_BREAKS_BAD_OFFSETS) b->offsets[1] = 3, b->offsets[2] = 1;
    memcpy(b->text, "abc", 4);
    b->buffers[0] = NULL;
    b->buffers[1] = NULL, b->buffers[2] = b->n;
    b->buffers[3] = NULL, b->buffers[4] = b->offsets, b->buffers[5] = b->text;
    b->columns[0] = (struct ArrowArray){.length = 2, .n_buffers = 2, .buffers = &b->buffers[1], .release = fixture_flow_release_child};
    b->columns[1] = (struct ArrowArray){.length = 2, .n_buffers = 3, .buffers = &b->buffers[3], .release = fixture_flow_release_child};
    b->children[0] = &b->columns[0], b->children[1] = &b->columns[1];
    *out = (struct ArrowArray){.length = 2, .n_buffers = 1, .n_children = 2, .buffers = b->buffers, .children = b->children,
                               .release = fixture_flow_release_batch, .private_data = b};
    return 1;
}

static inline sluice_status fixture_flow_emit(fixture_flow *f, sluice_context *ctx, sluice_error *err) {
    struct ArrowArray batch;
    if (!fixture_flow_make(&batch)) return snprintf(err->message, sizeof err->message, "out of memory"), SLUICE_E_NO_MEMORY;
    if (FIXTURE_FLOW_BREAKS == FIXTURE_BREAKS_EMITS_RELEASED) {
        batch.release(&batch); /* frees the block and sets release to NULL: then emits the husk */
    }
    return f->host->emit(ctx, 0, &batch, err);
}

static inline sluice_status fixture_flow_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                                sluice_error *err) {
    (void)def;
    fixture_flow *f = calloc(1, sizeof *f);
    if (f == NULL) return snprintf(err->message, sizeof err->message, "out of memory"), SLUICE_E_NO_MEMORY;
    f->host = host;
    *out = f;
    return SLUICE_OK;
}

static inline void fixture_flow_destroy(void *instance) { free(instance); }

static inline sluice_status fixture_flow_set_property(void *instance, const char *name, const sluice_value *value,
                                                      sluice_error *err) {
    (void)instance, (void)value;
    snprintf(err->message, sizeof err->message, "unknown property '%s'", name);
    return SLUICE_E_NOT_FOUND;
}

static inline sluice_status fixture_flow_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    return SLUICE_OK;
}

static const sluice_input_def fixture_flow_input = {sizeof(sluice_input_def), 0, "Input"};
static const sluice_input_def *const fixture_flow_inputs[] = {&fixture_flow_input};
static const sluice_output_def fixture_flow_output = {sizeof(sluice_output_def), SLUICE_OUTPUT_ASYNCHRONOUS, "Output", 0, 0};
static const sluice_output_def *const fixture_flow_outputs[] = {&fixture_flow_output};

static inline sluice_status fixture_flow_ports(void *instance, sluice_ports *out, sluice_error *err) {
    (void)instance, (void)err;
    out->input_count = 1, out->inputs = fixture_flow_inputs;
    out->output_count = 1, out->outputs = fixture_flow_outputs;
    return SLUICE_OK;
}

/* The output schema: static strings, children in one static block (nothing to free). */
static struct ArrowSchema fixture_flow_schema_children[2];
static struct ArrowSchema *fixture_flow_schema_pointers[2] = {&fixture_flow_schema_children[0], &fixture_flow_schema_children[1]};
static void fixture_flow_release_schema(struct ArrowSchema *schema) { schema->release = NULL; }

static inline sluice_status fixture_flow_negotiate(void *instance, int32_t input_count, const struct ArrowSchema *const *in,
                                                   int32_t output_count, struct ArrowSchema *out, sluice_error *err) {
    (void)instance, (void)in;
    if (input_count != 1 || output_count != 1) return snprintf(err->message, sizeof err->message, "1 input, 1 output"), SLUICE_E_INVALID_ARGUMENT;
    fixture_flow_schema_children[0] = (struct ArrowSchema){.format = "i", .name = "n", .release = fixture_flow_release_schema};
    fixture_flow_schema_children[1] = (struct ArrowSchema){.format = "u", .name = "s", .flags = ARROW_FLAG_NULLABLE, .release = fixture_flow_release_schema};
    *out = (struct ArrowSchema){.format = "+s", .name = "", .n_children = 2, .children = fixture_flow_schema_pointers,
                                .release = fixture_flow_release_schema};
    return SLUICE_OK;
}

static inline sluice_status fixture_flow_process(void *instance, sluice_context *ctx, int32_t input_index, struct ArrowArray *batch,
                                                 sluice_error *err) {
    fixture_flow *f = instance;
    (void)input_index;
    if (FIXTURE_FLOW_BREAKS == FIXTURE_BREAKS_KEEPS_INPUT) {
        f->kept = *batch; /* moved: the host will not release it, and neither do we */
        batch->release = NULL;
    } else if (FIXTURE_FLOW_BREAKS == FIXTURE_BREAKS_RELEASES_TWICE) {
        struct ArrowArray copy = *batch;
        batch->release(batch);
        copy.release(&copy);
    }
    return fixture_flow_emit(f, ctx, err);
}

static inline sluice_status fixture_flow_post_execute(void *instance, sluice_context *ctx, sluice_error *err) {
    if (FIXTURE_FLOW_BREAKS != FIXTURE_BREAKS_EMITS_AFTER_END) return SLUICE_OK;
    (void)fixture_flow_emit(instance, ctx, err); /* the breach is emitting at all, whatever the host answers */
    return SLUICE_OK;
}

/* A whole plugin library with one transform `component_id` of this file's FIXTURE_FLOW_BREAKS. */
#define FIXTURE_FLOW_PLUGIN(component_id)                                                                             \
    static const sluice_dataflow_vtable fixture_flow_vtable = {                                                      \
        .struct_size = sizeof(sluice_dataflow_vtable), .create = fixture_flow_create, .destroy = fixture_flow_destroy, \
        .set_property = fixture_flow_set_property, .validate = fixture_flow_validate, .ports = fixture_flow_ports,   \
        .negotiate = fixture_flow_negotiate, .process = fixture_flow_process, .post_execute = fixture_flow_post_execute, \
    };                                                                                                               \
    static const sluice_component_def fixture_flow_definition = {                                                    \
        .struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TRANSFORM, .id = component_id,         \
        .display_name = component_id, .description = "Fixture transform.", .version = "1.0.0",                      \
        .vtable = &fixture_flow_vtable,                                                                               \
    };                                                                                                               \
    static const sluice_component_def *const fixture_flow_components[] = {&fixture_flow_definition};                 \
    static const sluice_plugin_descriptor fixture_flow_descriptor = {                                                \
        .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor), \
        .component_count = 1, .name = component_id, .version = "1.0.0", .vendor = "Sluice tests",                    \
        .description = "A data flow fixture.", .components = fixture_flow_components,                                \
    };                                                                                                               \
    SLUICE_PLUGIN_DEFINE(fixture_flow_descriptor)

#endif /* SLUICE_FIXTURE_FLOW_H */
