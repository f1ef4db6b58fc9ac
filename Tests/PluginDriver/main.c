/*
 * sluice-plugin-driver: loads one plugin library and drives each of its components through the
 * C ABI with a minimal host table, releasing everything, so valgrind (or ASan/LSan) can watch
 * the plugin's memory without the Swift test binary in the way.
 *
 *     sluice-plugin-driver LIBRARY [id.property=value ...]
 *
 * Tasks: create, set_property, validate, execute, destroy. Sources: negotiate, then produce
 * until done (at most 10000 calls). Transforms and destinations: negotiate one input of
 * n (int32), id (int64) and text (utf8), then process three batches (3 rows, 0 rows, 2 rows with NULLs),
 * end_of_input, post_execute. Every emitted batch is released at once; every batch given is
 * checked to be released exactly once. Exit 0 when all went by the rules; 2 on a usage or load
 * error; 3 when a call failed or a release rule was broken (the message says which).
 */
#include <sluice/sluice.h>

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int broken = 0;
static int64_t emitted_batches = 0, emitted_rows = 0;

#define FAIL(...) (fprintf(stderr, "driver: " __VA_ARGS__), fputc('\n', stderr), broken = 1)

/* ---- the host table: events go nowhere, variables are accepted, emit releases at once ---- */

static void quiet_event(sluice_context *ctx, int32_t code, const char *message) { (void)ctx, (void)code, (void)message; }
static void quiet_custom(sluice_context *ctx, const char *name, const char *text) { (void)ctx, (void)name, (void)text; }
static void quiet_log(sluice_context *ctx, int32_t level, const char *message) { (void)ctx, (void)level, (void)message; }
static sluice_status no_variable(sluice_context *ctx, const char *name, sluice_value *out, sluice_error *err) {
    (void)ctx, (void)out;
    snprintf(err->message, sizeof err->message, "no variable %s", name);
    return SLUICE_E_NOT_FOUND;
}
static sluice_status accept_variable(sluice_context *ctx, const char *name, const sluice_value *value, sluice_error *err) {
    (void)ctx, (void)name, (void)value, (void)err;
    return SLUICE_OK;
}
static sluice_status no_connection(sluice_context *ctx, const char *name, const char **out, sluice_error *err) {
    (void)ctx, (void)out;
    snprintf(err->message, sizeof err->message, "no connection %s", name);
    return SLUICE_E_NOT_FOUND;
}
static int32_t never_canceled(sluice_context *ctx) { (void)ctx; return 0; }
static void *host_allocate(uint64_t size) { return size > SIZE_MAX ? NULL : malloc(size == 0 ? 1 : (size_t)size); }
static void host_deallocate(void *pointer) { free(pointer); }
static sluice_status no_acquire(sluice_context *ctx, const char *name, void **out, const char **string, sluice_error *err) {
    (void)ctx, (void)out, (void)string;
    snprintf(err->message, sizeof err->message, "no connection %s", name);
    return SLUICE_E_NOT_FOUND;
}
static sluice_status emit_and_release(sluice_context *ctx, int32_t output, struct ArrowArray *batch, sluice_error *err) {
    (void)ctx, (void)output;
    if (batch == NULL || batch->release == NULL) {
        snprintf(err->message, sizeof err->message, "emit: a NULL or released batch");
        FAIL("the plugin emitted a NULL or released batch");
        return SLUICE_E_INVALID_ARGUMENT;
    }
    emitted_batches++, emitted_rows += batch->length;
    batch->release(batch);
    if (batch->release != NULL) FAIL("an emitted batch's release did not mark it released");
    return SLUICE_OK;
}

static const sluice_host_api host = {
    .struct_size = sizeof(sluice_host_api), .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR,
    .fire_error = quiet_event, .fire_warning = quiet_event, .fire_information = quiet_event, .fire_progress = quiet_event,
    .fire_custom = quiet_custom, .write_log = quiet_log, .variable_get = no_variable, .variable_set = accept_variable,
    .connection_string = no_connection, .is_canceled = never_canceled, .allocate = host_allocate,
    .deallocate = host_deallocate, .connection_acquire = no_acquire, .emit = emit_and_release,
};

/* The context is opaque to plugins: any unique non-NULL pointer will do. */
static char context_token;
#define CTX ((sluice_context *)&context_token)

/* ---- batches given to transforms: each in one malloc block, its release counted ---- */

typedef struct given_batch {
    int *releases; /* counted by the driver, outside the block */
    struct ArrowArray columns[3];
    struct ArrowArray *children[3];
    const void *buffers[1 + 2 + 2 + 3];
    uint8_t validity[8];
    int32_t n[8];
    int64_t id[8];
    int32_t offsets[9];
    char text[64];
} given_batch;

static void release_given_child(struct ArrowArray *array) { array->release = NULL; }
static void release_given(struct ArrowArray *array) {
    given_batch *b = array->private_data;
    (*b->releases)++;
    free(b); /* a second release of a copy frees it again: valgrind's "Invalid free" */
    array->release = NULL;
}

static int make_given(struct ArrowArray *out, int rows, int with_nulls, int *releases) {
    given_batch *b = calloc(1, sizeof *b);
    if (b == NULL) return 0;
    b->releases = releases;
    int64_t nulls = 0;
    for (int i = 0; i < rows; i++) {
        int valid = !(with_nulls && i % 2 == 1);
        if (valid) b->validity[0] |= (uint8_t)(1u << i); else nulls++;
        b->n[i] = i + 1;
        b->id[i] = (int64_t)(i + 1) * 1000000007;
        int written = valid ? snprintf(b->text + b->offsets[i], 8, "row %d", i) : 0;
        b->offsets[i + 1] = b->offsets[i] + written;
    }
    b->buffers[0] = NULL;
    b->buffers[1] = nulls ? b->validity : NULL, b->buffers[2] = b->n;
    b->buffers[3] = nulls ? b->validity : NULL, b->buffers[4] = b->id;
    b->buffers[5] = nulls ? b->validity : NULL, b->buffers[6] = b->offsets, b->buffers[7] = b->text;
    b->columns[0] = (struct ArrowArray){.length = rows, .null_count = nulls, .n_buffers = 2, .buffers = &b->buffers[1], .release = release_given_child};
    b->columns[1] = (struct ArrowArray){.length = rows, .null_count = nulls, .n_buffers = 2, .buffers = &b->buffers[3], .release = release_given_child};
    b->columns[2] = (struct ArrowArray){.length = rows, .null_count = nulls, .n_buffers = 3, .buffers = &b->buffers[5], .release = release_given_child};
    for (int c = 0; c < 3; c++) b->children[c] = &b->columns[c];
    *out = (struct ArrowArray){.length = rows, .n_buffers = 1, .n_children = 3, .buffers = b->buffers, .children = b->children,
                               .release = release_given, .private_data = b};
    return 1;
}

/* The input schema: static, its release only marks it released. */
static void release_static_schema(struct ArrowSchema *schema) { schema->release = NULL; }
static struct ArrowSchema input_columns[3];
static struct ArrowSchema *input_column_pointers[3] = {&input_columns[0], &input_columns[1], &input_columns[2]};

static struct ArrowSchema input_schema(void) {
    input_columns[0] = (struct ArrowSchema){.format = "i", .name = "n", .flags = ARROW_FLAG_NULLABLE, .release = release_static_schema};
    input_columns[1] = (struct ArrowSchema){.format = "l", .name = "id", .flags = ARROW_FLAG_NULLABLE, .release = release_static_schema};
    input_columns[2] = (struct ArrowSchema){.format = "u", .name = "text", .flags = ARROW_FLAG_NULLABLE, .release = release_static_schema};
    return (struct ArrowSchema){.format = "+s", .name = "", .n_children = 3, .children = input_column_pointers, .release = release_static_schema};
}

/* ---- properties: id.name=value from the command line, converted to the declared type ---- */

static int set_properties(const sluice_component_def *def, const sluice_task_vtable *common, void *instance, int argc, char **argv) {
    size_t id_length = strlen(def->id);
    for (int a = 2; a < argc; a++) {
        const char *arg = argv[a], *equals = strchr(arg, '=');
        if (equals == NULL || strncmp(arg, def->id, id_length) != 0 || arg[id_length] != '.') continue;
        const char *name = arg + id_length + 1;
        size_t name_length = (size_t)(equals - name);
        for (uint32_t p = 0; p < def->property_count; p++) {
            const sluice_property_def *property = &def->properties[p];
            if (strlen(property->name) != name_length || strncmp(property->name, name, name_length) != 0) continue;
            sluice_value value = {0};
            const char *text = equals + 1;
            switch (property->type) {
            case SLUICE_PROPERTY_INT64: value.kind = SLUICE_VALUE_INT64, value.as.int64 = strtoll(text, NULL, 10); break;
            case SLUICE_PROPERTY_DOUBLE: value.kind = SLUICE_VALUE_DOUBLE, value.as.float64 = strtod(text, NULL); break;
            case SLUICE_PROPERTY_BOOL: value.kind = SLUICE_VALUE_BOOL, value.as.boolean = strcmp(text, "true") == 0; break;
            default: value.kind = SLUICE_VALUE_STRING, value.as.string.data = text, value.as.string.length = (int64_t)strlen(text); break;
            }
            sluice_error err = {0};
            if (common->set_property(instance, property->name, &value, &err) != SLUICE_OK) {
                FAIL("%s: set_property(%s): %s", def->id, property->name, err.message);
                return 0;
            }
        }
    }
    return 1;
}

/* ---- driving one component ---- */

static void drive_dataflow(const sluice_component_def *def, const sluice_dataflow_vtable *t, void *instance) {
    sluice_error err = {0};
    sluice_ports ports = {.struct_size = sizeof ports};
    if (t->ports(instance, &ports, &err) != SLUICE_OK) { FAIL("%s: ports: %s", def->id, err.message); return; }
    if (ports.input_count > 1 || ports.output_count > 8) { fprintf(stderr, "driver: %s: more ports than the driver feeds; skipped\n", def->id); return; }
    struct ArrowSchema in = input_schema(), out[8];
    memset(out, 0, sizeof out);
    const struct ArrowSchema *inputs[1] = {&in};
    sluice_status negotiated = t->negotiate(instance, (int32_t)ports.input_count, ports.input_count ? inputs : NULL,
                                            (int32_t)ports.output_count, out, &err);
    for (uint32_t o = 0; o < ports.output_count; o++) if (out[o].release != NULL) out[o].release(&out[o]);
    if (negotiated != SLUICE_OK) { FAIL("%s: negotiate: %s", def->id, err.message); return; }
    if (t->pre_execute != NULL && t->pre_execute(instance, CTX, &err) != SLUICE_OK) { FAIL("%s: pre_execute: %s", def->id, err.message); return; }
    if (def->kind == SLUICE_COMPONENT_SOURCE) {
        int32_t done = 0;
        for (int calls = 0; !done && calls < 10000; calls++) {
            if (t->produce == NULL || t->produce(instance, CTX, &done, &err) != SLUICE_OK) { FAIL("%s: produce: %s", def->id, err.message); break; }
        }
    } else {
        static const int shapes[3][2] = {{3, 0}, {0, 0}, {2, 1}}; /* rows, with NULLs */
        for (int s = 0; s < 3; s++) {
            int releases = 0;
            struct ArrowArray batch;
            if (!make_given(&batch, shapes[s][0], shapes[s][1], &releases)) { FAIL("out of memory"); break; }
            sluice_status status = t->process(instance, CTX, 0, &batch, &err);
            if (batch.release != NULL) batch.release(&batch); /* the host's release, unless the plugin moved it */
            if (status != SLUICE_OK) FAIL("%s: process: %s", def->id, err.message);
            /* A plugin may keep a moved batch (an asynchronous transform): judged only when it released it twice. */
            if (releases > 1) FAIL("%s: a batch given was released %d times", def->id, releases);
        }
        if (t->end_of_input != NULL && t->end_of_input(instance, CTX, 0, &err) != SLUICE_OK) FAIL("%s: end_of_input: %s", def->id, err.message);
    }
    if (t->post_execute != NULL && t->post_execute(instance, CTX, &err) != SLUICE_OK) FAIL("%s: post_execute: %s", def->id, err.message);
}

static void drive(const sluice_component_def *def, int argc, char **argv) {
    const sluice_task_vtable *common = def->vtable; /* every vtable starts with these members */
    sluice_error err = {0};
    void *instance = NULL;
    if (common->create(def, &host, &instance, &err) != SLUICE_OK) { FAIL("%s: create: %s", def->id, err.message); return; }
    if (set_properties(def, common, instance, argc, argv)) {
        if (common->validate != NULL && common->validate(instance, CTX, &err) != SLUICE_OK) {
            FAIL("%s: validate: %s", def->id, err.message);
        } else if (def->kind == SLUICE_COMPONENT_TASK) {
            sluice_value result = {0};
            if (common == NULL || ((const sluice_task_vtable *)def->vtable)->execute(instance, CTX, &result, &err) != SLUICE_OK)
                FAIL("%s: execute: %s", def->id, err.message);
        } else if (def->kind == SLUICE_COMPONENT_SOURCE || def->kind == SLUICE_COMPONENT_TRANSFORM || def->kind == SLUICE_COMPONENT_DESTINATION) {
            drive_dataflow(def, def->vtable, instance);
        }
    }
    common->destroy(instance);
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: sluice-plugin-driver LIBRARY [id.property=value ...]\n"); return 2; }
    void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) { fprintf(stderr, "driver: %s\n", dlerror()); return 2; }
    sluice_plugin_entry_fn entry = (sluice_plugin_entry_fn)dlsym(library, "sluice_plugin_entry");
    const sluice_plugin_descriptor *d = entry != NULL ? entry() : NULL;
    if (d == NULL) { fprintf(stderr, "driver: %s: no descriptor\n", argv[1]); dlclose(library); return 2; }
    if (d->init != NULL) {
        sluice_error err = {0};
        if (d->init(&host, &err) != SLUICE_OK) { fprintf(stderr, "driver: init: %s\n", err.message); dlclose(library); return 3; }
    }
    for (uint32_t c = 0; c < d->component_count; c++) drive(d->components[c], argc, argv);
    printf("driver: %u component(s), %lld batch(es) and %lld row(s) emitted\n", d->component_count, (long long)emitted_batches,
           (long long)emitted_rows);
    /* No dlclose, as in the host: the descriptor lives for the life of the process, and memory
     * only the library's globals point to would read as "definitely lost" once it is unmapped. */
    return broken ? 3 : 0;
}
