/*
 * uppercase.c: the example data flow transform in C. Copy it to start your own.
 *
 * `examples.uppercase` upper-cases (ASCII) the string columns named in its `columns` property
 * (comma-separated), one batch per call. Columns it does not touch pass on without a copy: the
 * output batch points at the input's children. A touched column shares the input's validity and
 * offsets and gets one new data buffer (the input's buffers must not change: other components
 * may read the same batch). It needs nothing but the SDK header:
 *
 *     cc -shared -fPIC -I SDK/include uppercase.c -o libuppercase.so
 */
#include <sluice/sluice.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLUMNS 4096

typedef struct uppercase {
    const sluice_host_api *host;
    char columns[1024];           /* the property, copied */
    int64_t width;                /* columns of the input, from negotiate */
    uint8_t selected[MAX_COLUMNS]; /* 1 for each input column to upper-case */
} uppercase;

static sluice_status fail(sluice_error *err, sluice_status status, const char *message) {
    snprintf(err->message, sizeof err->message, "%s", message);
    return status;
}

static sluice_status uppercase_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                      sluice_error *err) {
    (void)def;
    uppercase *u = calloc(1, sizeof *u);
    if (u == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    u->host = host;
    *out = u;
    return SLUICE_OK;
}

static void uppercase_destroy(void *instance) { free(instance); }

static sluice_status uppercase_set_property(void *instance, const char *name, const sluice_value *value,
                                            sluice_error *err) {
    uppercase *u = instance;
    if (strcmp(name, "columns") != 0 || value->kind != SLUICE_VALUE_STRING) return fail(err, SLUICE_E_NOT_FOUND, "unknown property");
    if (value->as.string.length >= (int64_t)sizeof u->columns) return fail(err, SLUICE_E_INVALID_ARGUMENT, "columns: at most 1023 bytes");
    snprintf(u->columns, sizeof u->columns, "%.*s", (int)value->as.string.length, value->as.string.data);
    return SLUICE_OK;
}

static sluice_status uppercase_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)ctx;
    uppercase *u = instance;
    return u->columns[0] == '\0' ? fail(err, SLUICE_E_INVALID_ARGUMENT, "columns: name at least one string column") : SLUICE_OK;
}

static const sluice_input_def input = {sizeof(sluice_input_def), 0, "Input"};
static const sluice_input_def *const inputs[] = {&input};
static const sluice_output_def output = {sizeof(sluice_output_def), 0, "Output", 0, 0};
static const sluice_output_def *const outputs[] = {&output};

static sluice_status uppercase_ports(void *instance, sluice_ports *out, sluice_error *err) {
    (void)instance, (void)err;
    out->input_count = 1, out->inputs = inputs;
    out->output_count = 1, out->outputs = outputs;
    return SLUICE_OK;
}

/* Is `name` one of the comma-separated names in `list`? */
static int listed(const char *list, const char *name) {
    size_t length = strlen(name);
    for (const char *p = list; *p != '\0';) {
        const char *end = strchr(p, ',');
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
        if (n == length && strncmp(p, name, n) == 0) return 1;
        if (end == NULL) break;
        p = end + 1;
    }
    return 0;
}

/* ---- the output schema: the input's, copied (the input's is borrowed for the call) ---- */

static void release_schema(struct ArrowSchema *schema) {
    for (int64_t i = 0; i < schema->n_children; i++) {
        struct ArrowSchema *child = schema->children[i]; /* NULL past a column negotiate failed on */
        if (child != NULL && child->release != NULL) free((char *)child->format), free((char *)child->name), child->release = NULL;
    }
    free(schema->children); /* the child nodes live in the same block */
    schema->release = NULL;
}

static void release_child_schema(struct ArrowSchema *schema) { schema->release = NULL; } /* the parent frees */

static char *copy_text(const char *text) {
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    if (copy != NULL) memcpy(copy, text, length + 1);
    return copy;
}

static sluice_status uppercase_negotiate(void *instance, int32_t input_count, const struct ArrowSchema *const *in,
                                         int32_t output_count, struct ArrowSchema *out, sluice_error *err) {
    uppercase *u = instance;
    if (input_count != 1 || output_count != 1) return fail(err, SLUICE_E_INVALID_ARGUMENT, "1 input and 1 output");
    int64_t count = in[0]->n_children;
    if (count < 0 || count > MAX_COLUMNS) return fail(err, SLUICE_E_INVALID_ARGUMENT, "too many columns");
    struct ArrowSchema **children = calloc((size_t)count + 1, sizeof *children + sizeof **children);
    if (children == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    struct ArrowSchema *nodes = (struct ArrowSchema *)(children + count + 1);
    *out = (struct ArrowSchema){.format = "+s", .name = "", .n_children = count, .children = children, .release = release_schema};
    int64_t found = 0;
    for (int64_t i = 0; i < count; i++) {
        const struct ArrowSchema *column = in[0]->children[i];
        nodes[i] = (struct ArrowSchema){.format = copy_text(column->format), .name = copy_text(column->name),
                                        .flags = column->flags, .release = release_child_schema};
        children[i] = &nodes[i];
        if (nodes[i].format == NULL || nodes[i].name == NULL) {
            release_schema(out);
            return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
        }
        u->selected[i] = (uint8_t)listed(u->columns, column->name);
        if (u->selected[i] && strcmp(column->format, "u") != 0) {
            snprintf(err->message, sizeof err->message, "column \"%s\" is not a string (format \"%s\")", column->name, column->format);
            release_schema(out);
            return SLUICE_E_TYPE_MISMATCH;
        }
        found += u->selected[i];
    }
    u->width = count;
    if (found == 0) {
        release_schema(out);
        return fail(err, SLUICE_E_NOT_FOUND, "the input has none of the columns named in `columns`");
    }
    return SLUICE_OK;
}

/* ---- one output batch: holds the moved input, whose release frees the untouched columns ---- */

typedef struct upper_batch {
    struct ArrowArray input;    /* moved from the host's batch */
    struct ArrowArray *columns; /* the touched columns, one per input column (used where selected) */
    const void **buffers;       /* three per input column */
    char **data;                /* the new data buffers, NULL where not selected */
    struct ArrowArray **children;
    const void *struct_buffers[1];
} upper_batch;

static void release_column(struct ArrowArray *array) { array->release = NULL; } /* the parent frees */

static void release_upper_batch(struct ArrowArray *array) {
    upper_batch *b = array->private_data;
    for (int64_t i = 0; i < b->input.n_children; i++) free(b->data[i]);
    b->input.release(&b->input);
    free(b->columns), free(b->buffers), free(b->data), free(b->children), free(b);
    array->release = NULL;
}

static sluice_status uppercase_process(void *instance, sluice_context *ctx, int32_t input_index, struct ArrowArray *batch,
                                       sluice_error *err) {
    uppercase *u = instance;
    int64_t n = batch->n_children;
    if (input_index != 0 || n != u->width) return fail(err, SLUICE_E_INVALID_ARGUMENT, "a batch that does not match the negotiated input");
    upper_batch *b = calloc(1, sizeof *b);
    if (b == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    b->columns = calloc((size_t)n + 1, sizeof *b->columns);
    b->buffers = calloc((size_t)n * 3 + 1, sizeof *b->buffers);
    b->data = calloc((size_t)n + 1, sizeof *b->data);
    b->children = calloc((size_t)n + 1, sizeof *b->children);
    int ok = b->columns != NULL && b->buffers != NULL && b->data != NULL && b->children != NULL;
    for (int64_t i = 0; ok && i < n; i++) {
        struct ArrowArray *source = batch->children[i];
        b->children[i] = source;
        if (!u->selected[i]) continue;
        const int32_t *offsets = source->buffers[1];
        const char *text = source->buffers[2];
        int32_t end = source->length > 0 ? offsets[source->length] : 0;
        char *data = malloc((size_t)end + 1);
        if (data == NULL) { ok = 0; break; }
        for (int32_t k = 0; k < end; k++) data[k] = (text[k] >= 'a' && text[k] <= 'z') ? (char)(text[k] - 32) : text[k];
        b->data[i] = data;
        b->buffers[i * 3] = source->buffers[0], b->buffers[i * 3 + 1] = offsets, b->buffers[i * 3 + 2] = data;
        b->columns[i] = *source;
        b->columns[i].buffers = &b->buffers[i * 3];
        b->columns[i].release = release_column;
        b->children[i] = &b->columns[i];
    }
    if (!ok) {
        if (b->data != NULL) for (int64_t i = 0; i < n; i++) free(b->data[i]);
        free(b->columns), free(b->buffers), free(b->data), free(b->children), free(b);
        return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    }
    b->input = *batch; /* move: the host no longer releases the input; our release does */
    batch->release = NULL;
    struct ArrowArray result = {.length = b->input.length, .n_buffers = 1, .n_children = n, .buffers = b->struct_buffers,
                                .children = b->children, .release = release_upper_batch, .private_data = b};
    return u->host->emit(ctx, 0, &result, err); /* emit moves `result` whatever it returns */
}

static const sluice_property_def properties[] = {
    {.name = "columns", .type = SLUICE_PROPERTY_STRING, .required = 1, .description = "The string columns to upper-case, comma-separated."},
};
static const sluice_dataflow_vtable vtable = {
    .struct_size = sizeof(sluice_dataflow_vtable), .create = uppercase_create, .destroy = uppercase_destroy,
    .set_property = uppercase_set_property, .validate = uppercase_validate, .ports = uppercase_ports,
    .negotiate = uppercase_negotiate, .process = uppercase_process,
};
static const sluice_component_def uppercase_def = {
    .struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TRANSFORM, .id = "examples.uppercase",
    .display_name = "Uppercase", .description = "Upper-cases (ASCII) the string columns it names.", .version = "1.0.0",
    .property_count = 1, .properties = properties, .vtable = &vtable,
};
static const sluice_component_def *const components[] = {&uppercase_def};
static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 1, .name = "examples.uppercase", .version = "1.0.0", .vendor = "Sluice examples",
    .description = "A data flow transform in C: upper-cases string columns, per batch.", .components = components,
};
SLUICE_PLUGIN_DEFINE(descriptor)
