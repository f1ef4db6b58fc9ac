/*
 * FixtureDataFlow: data flow components in C, built against the ABI 1.1 header.
 *
 * fixtures.dataflow.numbers (source): `rows` rows of two columns, `id` (int64, 0..rows-1) and
 * `name` (utf8 "row<i>", NULL every third row), as one batch: through `produce` (the host's
 * `emit`) or `open_stream` (an ArrowArrayStream). With `malform` set, the batch is broken on
 * purpose, for the host's import checks: "length" (a column one row longer than the batch),
 * "type" (the id column has the buffers of a string), "release" (the batch's release is NULL),
 * "offsets" (the name offsets go down), "format" (the schema gives id the format "x").
 * fixtures.dataflow.upper (transform): upper-cases (ASCII) the utf8 column named by `column`,
 * passing the other columns on without a copy; one input, a synchronous "Output" and an
 * "Error Output" (exclusion group 1; declared and negotiated with ErrorCode and ErrorColumn,
 * never sent a row: no row of this transform can fail).
 *
 * The source's `user_data` points to counters of batches made and released, so a test can see
 * that the host called each `release` exactly once.
 */
#include <sluice/sluice.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct release_counters {
    int64_t made;
    int64_t released;
} release_counters;
static release_counters numbers_counters;

static sluice_status fail(sluice_error *err, sluice_status status, const char *message) {
    snprintf(err->message, sizeof err->message, "%s", message);
    return status;
}

/* ---- schemas: a "+s" node and its children in one block; every string is copied ---- */

static void release_leaf_schema(struct ArrowSchema *schema) {
    free((char *)schema->format), free((char *)schema->name);
    schema->release = NULL;
}

static void release_struct_schema(struct ArrowSchema *schema) {
    for (int64_t i = 0; i < schema->n_children; i++) {
        struct ArrowSchema *child = schema->children[i];
        if (child->release != NULL) child->release(child); /* not moved out by the consumer */
    }
    free(schema->children); /* the nodes live in the same block */
    schema->release = NULL;
}

static char *copy_text(const char *text) {
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    if (copy != NULL) memcpy(copy, text, length + 1);
    return copy;
}

/* Fills `out` with a "+s" schema of `count` columns, copying names and formats. */
static int make_schema(struct ArrowSchema *out, int64_t count, const char *const *names, const char *const *formats) {
    struct ArrowSchema **children = calloc((size_t)count + 1, sizeof *children + sizeof **children);
    if (children == NULL) return 0;
    struct ArrowSchema *nodes = (struct ArrowSchema *)(children + count + 1);
    for (int64_t i = 0; i < count; i++) {
        nodes[i] = (struct ArrowSchema){.format = copy_text(formats[i]), .name = copy_text(names[i]),
                                        .flags = ARROW_FLAG_NULLABLE, .release = release_leaf_schema};
        children[i] = &nodes[i];
        if (nodes[i].format == NULL || nodes[i].name == NULL) {
            for (int64_t j = 0; j <= i; j++) release_leaf_schema(&nodes[j]);
            free(children);
            return 0;
        }
    }
    *out = (struct ArrowSchema){.format = "+s", .name = "", .n_children = count, .children = children,
                                .release = release_struct_schema};
    return 1;
}

/* ---- fixtures.dataflow.numbers ---- */

typedef struct numbers {
    const sluice_host_api *host;
    int64_t rows;
    char malform[16];
    void *unreleasable; /* the batch made with a NULL release: freed by destroy instead */
} numbers;

static const sluice_output_def numbers_output = {sizeof(sluice_output_def), SLUICE_OUTPUT_ASYNCHRONOUS, "Output", 0, 0};
static const sluice_output_def *const numbers_outputs[] = {&numbers_output};

static sluice_status numbers_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                    sluice_error *err) {
    (void)def;
    numbers *n = calloc(1, sizeof *n);
    if (n == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    n->host = host;
    n->rows = 3;
    *out = n;
    return SLUICE_OK;
}

static void plain_destroy(void *instance) { free(instance); }

static void release_numbers_batch(struct ArrowArray *array);

static void numbers_destroy(void *instance) {
    numbers *n = instance;
    if (n->unreleasable != NULL) {
        struct ArrowArray fake = {.private_data = n->unreleasable};
        release_numbers_batch(&fake);
        numbers_counters.released--; /* it was never counted as made */
    }
    free(n);
}

static sluice_status numbers_set_property(void *instance, const char *name, const sluice_value *value,
                                          sluice_error *err) {
    numbers *n = instance;
    if (strcmp(name, "rows") == 0 && value->kind == SLUICE_VALUE_INT64) {
        if (value->as.int64 < 0 || value->as.int64 > 1000000) return fail(err, SLUICE_E_INVALID_ARGUMENT, "rows: 0..1000000");
        n->rows = value->as.int64;
        return SLUICE_OK;
    }
    if (strcmp(name, "malform") == 0 && value->kind == SLUICE_VALUE_STRING) {
        snprintf(n->malform, sizeof n->malform, "%.*s", (int)value->as.string.length, value->as.string.data);
        return SLUICE_OK;
    }
    return fail(err, SLUICE_E_NOT_FOUND, "unknown property");
}

static sluice_status ok_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    return SLUICE_OK;
}

static sluice_status numbers_ports(void *instance, sluice_ports *out, sluice_error *err) {
    (void)instance, (void)err;
    out->output_count = 1;
    out->outputs = numbers_outputs;
    return SLUICE_OK;
}

static const char *const numbers_names[] = {"id", "name"};

static sluice_status numbers_negotiate(void *instance, int32_t input_count, const struct ArrowSchema *const *inputs,
                                       int32_t output_count, struct ArrowSchema *out, sluice_error *err) {
    numbers *n = instance;
    (void)inputs;
    if (input_count != 0 || output_count != 1) return fail(err, SLUICE_E_INVALID_ARGUMENT, "a source has 0 inputs, 1 output");
    const char *formats[] = {strcmp(n->malform, "format") == 0 ? "x" : "l", "u"};
    return make_schema(out, 2, numbers_names, formats) ? SLUICE_OK : fail(err, SLUICE_E_NO_MEMORY, "out of memory");
}

/* One batch: a struct array with two children, all of it in one block the release frees. */
typedef struct numbers_batch {
    struct ArrowArray *children[2];
    struct ArrowArray id, name;
    const void *struct_buffers[1], *id_buffers[3], *name_buffers[3];
    int64_t *ids;
    int32_t *offsets;
    char *data;
    uint8_t *validity;
} numbers_batch;

static void release_child(struct ArrowArray *array) { array->release = NULL; } /* the parent frees */

static void release_numbers_batch(struct ArrowArray *array) {
    numbers_batch *b = array->private_data;
    free(b->ids), free(b->offsets), free(b->data), free(b->validity), free(b);
    numbers_counters.released++;
    array->release = NULL;
}

static int make_numbers_batch(numbers *n, struct ArrowArray *out) {
    int64_t rows = n->rows;
    numbers_batch *b = calloc(1, sizeof *b);
    if (b == NULL) return 0;
    b->ids = malloc(sizeof(int64_t) * (size_t)(rows + 2));
    b->offsets = malloc(sizeof(int32_t) * (size_t)(rows + 2));
    b->data = malloc((size_t)rows * 24 + 1);
    b->validity = calloc((size_t)(rows / 8 + 1), 1);
    if (b->ids == NULL || b->offsets == NULL || b->data == NULL || b->validity == NULL) {
        free(b->ids), free(b->offsets), free(b->data), free(b->validity), free(b);
        return 0;
    }
    int64_t nulls = 0, end = 0;
    b->offsets[0] = 0;
    for (int64_t i = 0; i < rows; i++) {
        b->ids[i] = i;
        if (i % 3 == 2) {
            nulls++;
        } else {
            b->validity[i / 8] |= (uint8_t)(1u << (i % 8));
            end += snprintf(b->data + end, 24, "row%lld", (long long)i);
        }
        b->offsets[i + 1] = (int32_t)end;
    }
    if (strcmp(n->malform, "offsets") == 0 && rows > 1) b->offsets[1] = b->offsets[2] + 1;
    int wrong_type = strcmp(n->malform, "type") == 0;
    b->id_buffers[0] = NULL, b->id_buffers[1] = wrong_type ? (const void *)b->offsets : b->ids, b->id_buffers[2] = b->data;
    b->name_buffers[0] = b->validity, b->name_buffers[1] = b->offsets, b->name_buffers[2] = b->data;
    b->id = (struct ArrowArray){.length = rows, .null_count = 0, .n_buffers = wrong_type ? 3 : 2, .buffers = b->id_buffers,
                                .release = release_child};
    b->name = (struct ArrowArray){.length = strcmp(n->malform, "length") == 0 ? rows + 1 : rows, .null_count = nulls,
                                  .n_buffers = 3, .buffers = b->name_buffers, .release = release_child};
    b->children[0] = &b->id, b->children[1] = &b->name;
    *out = (struct ArrowArray){.length = rows, .n_buffers = 1, .n_children = 2, .buffers = b->struct_buffers,
                               .children = b->children, .release = release_numbers_batch, .private_data = b};
    numbers_counters.made++;
    if (strcmp(n->malform, "release") == 0) {
        out->release = NULL; /* broken on purpose: the host cannot release it; destroy frees it */
        numbers_counters.made--;
        if (n->unreleasable != NULL) {
            struct ArrowArray fake = {.private_data = n->unreleasable};
            release_numbers_batch(&fake);
            numbers_counters.released--;
        }
        n->unreleasable = b;
    }
    return 1;
}

static sluice_status numbers_produce(void *instance, sluice_context *ctx, int32_t *out_done, sluice_error *err) {
    numbers *n = instance;
    if (!SLUICE_HAS_MEMBER(n->host, sluice_host_api, emit)) return fail(err, SLUICE_E_UNSUPPORTED, "the host has no emit");
    struct ArrowArray batch;
    if (!make_numbers_batch(n, &batch)) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    *out_done = 1;
    return n->host->emit(ctx, 0, &batch, err); /* emit moves the batch: its release is NULL now */
}

/* The stream: one batch, then the end (an array with release NULL). */
typedef struct numbers_stream {
    numbers *source;
    int given;
} numbers_stream;

static int stream_get_schema(struct ArrowArrayStream *stream, struct ArrowSchema *out) {
    numbers_stream *s = stream->private_data;
    sluice_error err;
    return numbers_negotiate(s->source, 0, NULL, 1, out, &err) == SLUICE_OK ? 0 : 12; /* ENOMEM */
}

static int stream_get_next(struct ArrowArrayStream *stream, struct ArrowArray *out) {
    numbers_stream *s = stream->private_data;
    if (s->given) {
        memset(out, 0, sizeof *out); /* the end of the stream */
        return 0;
    }
    s->given = 1;
    return make_numbers_batch(s->source, out) ? 0 : 12;
}

static const char *stream_last_error(struct ArrowArrayStream *stream) {
    (void)stream;
    return "out of memory";
}

static void stream_release(struct ArrowArrayStream *stream) {
    free(stream->private_data);
    stream->release = NULL;
}

static sluice_status numbers_open_stream(void *instance, sluice_context *ctx, struct ArrowArrayStream *out,
                                         sluice_error *err) {
    (void)ctx;
    numbers_stream *s = calloc(1, sizeof *s);
    if (s == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    s->source = instance;
    *out = (struct ArrowArrayStream){.get_schema = stream_get_schema, .get_next = stream_get_next,
                                     .get_last_error = stream_last_error, .release = stream_release, .private_data = s};
    return SLUICE_OK;
}

static const sluice_property_def numbers_properties[] = {
    {.name = "rows", .type = SLUICE_PROPERTY_INT64, .default_value = "3", .description = "Rows in the batch."},
    {.name = "malform", .type = SLUICE_PROPERTY_STRING, .default_value = "", .description = "How to break the batch."},
};
static const sluice_dataflow_vtable numbers_vtable = {
    .struct_size = sizeof(sluice_dataflow_vtable), .create = numbers_create, .destroy = numbers_destroy,
    .set_property = numbers_set_property, .validate = ok_validate, .ports = numbers_ports,
    .negotiate = numbers_negotiate, .produce = numbers_produce, .open_stream = numbers_open_stream,
};
static const sluice_component_def numbers_def = {
    .struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_SOURCE, .id = "fixtures.dataflow.numbers",
    .display_name = "Numbers", .description = "A batch of ids and names, whole or broken on purpose.", .version = "1.0.0",
    .property_count = 2, .properties = numbers_properties, .vtable = &numbers_vtable, .user_data = &numbers_counters,
};

/* ---- fixtures.dataflow.upper ---- */

typedef struct upper {
    const sluice_host_api *host;
    char column[129];
    int64_t position; /* of the column in the input, found by negotiate; -1 before */
    int64_t width;    /* columns of the input */
} upper;

static const sluice_input_def upper_input = {sizeof(sluice_input_def), 0, "Input"};
static const sluice_input_def *const upper_inputs[] = {&upper_input};
static const sluice_output_def upper_output = {sizeof(sluice_output_def), 0, "Output", 1, 0};
static const sluice_output_def upper_error_output = {sizeof(sluice_output_def), 0, "Error Output", 1, 1};
static const sluice_output_def *const upper_outputs[] = {&upper_output, &upper_error_output};

static sluice_status upper_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                  sluice_error *err) {
    (void)def;
    upper *u = calloc(1, sizeof *u);
    if (u == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    u->host = host;
    u->position = -1;
    *out = u;
    return SLUICE_OK;
}

static sluice_status upper_set_property(void *instance, const char *name, const sluice_value *value, sluice_error *err) {
    upper *u = instance;
    if (strcmp(name, "column") != 0 || value->kind != SLUICE_VALUE_STRING) return fail(err, SLUICE_E_NOT_FOUND, "unknown property");
    if (value->as.string.length > 128) return fail(err, SLUICE_E_INVALID_ARGUMENT, "column: at most 128 bytes");
    snprintf(u->column, sizeof u->column, "%.*s", (int)value->as.string.length, value->as.string.data);
    return SLUICE_OK;
}

static sluice_status upper_ports(void *instance, sluice_ports *out, sluice_error *err) {
    (void)instance, (void)err;
    out->input_count = 1, out->inputs = upper_inputs;
    out->output_count = 2, out->outputs = upper_outputs;
    return SLUICE_OK;
}

static sluice_status upper_negotiate(void *instance, int32_t input_count, const struct ArrowSchema *const *inputs,
                                     int32_t output_count, struct ArrowSchema *out, sluice_error *err) {
    upper *u = instance;
    if (input_count != 1 || output_count != 2) return fail(err, SLUICE_E_INVALID_ARGUMENT, "1 input, 2 outputs");
    const struct ArrowSchema *in = inputs[0];
    if (in->n_children > 4094) return fail(err, SLUICE_E_INVALID_ARGUMENT, "too many columns");
    u->position = -1;
    u->width = in->n_children;
    const char *names[4096], *formats[4096];
    for (int64_t i = 0; i < in->n_children; i++) {
        names[i] = in->children[i]->name, formats[i] = in->children[i]->format;
        if (strcmp(names[i], u->column) == 0) u->position = i;
    }
    if (u->position < 0) return fail(err, SLUICE_E_FAILED, "the input has no column named by `column`");
    if (strcmp(formats[u->position], "u") != 0) return fail(err, SLUICE_E_TYPE_MISMATCH, "the column is not a string (\"u\")");
    /* The input's strings are borrowed for this call only: make_schema copies them. */
    if (!make_schema(&out[0], in->n_children, names, formats)) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    names[in->n_children] = "ErrorCode", formats[in->n_children] = "i";
    names[in->n_children + 1] = "ErrorColumn", formats[in->n_children + 1] = "i";
    if (!make_schema(&out[1], in->n_children + 2, names, formats)) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    return SLUICE_OK;
}

/* The output batch: the input's children, with the upper-cased column in place of the original.
 * It holds the moved input batch, whose release frees the other columns when this one goes.
 * (Its children are released by the parent only: a consumer must not move one out.) */
typedef struct upper_batch {
    struct ArrowArray input; /* moved from the host's batch */
    struct ArrowArray column;
    const void *column_buffers[3];
    const void *struct_buffers[1];
    char *data;
    struct ArrowArray **children;
} upper_batch;

static void release_upper_batch(struct ArrowArray *array) {
    upper_batch *b = array->private_data;
    b->input.release(&b->input);
    free(b->data), free(b->children), free(b);
    array->release = NULL;
}

static sluice_status upper_process(void *instance, sluice_context *ctx, int32_t input_index, struct ArrowArray *batch,
                                   sluice_error *err) {
    upper *u = instance;
    if (input_index != 0 || u->position < 0 || batch->n_children != u->width) {
        return fail(err, SLUICE_E_INVALID_ARGUMENT, "a batch that does not match the negotiated input");
    }
    const struct ArrowArray *source = batch->children[u->position];
    const int32_t *offsets = source->buffers[1];
    int32_t end = source->length > 0 ? offsets[source->length] : 0;
    upper_batch *b = calloc(1, sizeof *b);
    char *data = malloc((size_t)end + 1);
    struct ArrowArray **children = calloc((size_t)batch->n_children + 1, sizeof *children);
    if (b == NULL || data == NULL || children == NULL) {
        free(b), free(data), free(children);
        return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    }
    const char *text = source->buffers[2];
    for (int32_t i = 0; i < end; i++) data[i] = (text[i] >= 'a' && text[i] <= 'z') ? (char)(text[i] - 32) : text[i];
    b->data = data, b->children = children;
    b->column_buffers[0] = source->buffers[0], b->column_buffers[1] = offsets, b->column_buffers[2] = data;
    b->column = *source;
    b->column.buffers = b->column_buffers;
    b->column.release = release_child;
    for (int64_t i = 0; i < batch->n_children; i++) children[i] = i == u->position ? &b->column : batch->children[i];
    b->input = *batch; /* move: the host will not release the input now */
    batch->release = NULL;
    struct ArrowArray out = {.length = b->input.length, .n_buffers = 1, .n_children = b->input.n_children,
                             .buffers = b->struct_buffers, .children = children, .release = release_upper_batch,
                             .private_data = b};
    return u->host->emit(ctx, 0, &out, err);
}

static const sluice_property_def upper_properties[] = {
    {.name = "column", .type = SLUICE_PROPERTY_STRING, .required = 1, .description = "The string column to upper-case."},
};
static const sluice_dataflow_vtable upper_vtable = {
    .struct_size = sizeof(sluice_dataflow_vtable), .create = upper_create, .destroy = plain_destroy,
    .set_property = upper_set_property, .validate = ok_validate, .ports = upper_ports, .negotiate = upper_negotiate,
    .process = upper_process,
};
static const sluice_component_def upper_def = {
    .struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TRANSFORM, .id = "fixtures.dataflow.upper",
    .display_name = "Upper", .description = "Upper-cases one string column (ASCII letters).", .version = "1.0.0",
    .property_count = 1, .properties = upper_properties, .vtable = &upper_vtable,
};

static const sluice_component_def *const components[] = {&numbers_def, &upper_def};
static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = 2, .name = "fixtures.dataflow", .version = "1.0.0", .vendor = "Sluice tests",
    .description = "Data flow components in C: a source and an upper-case transform.", .components = components,
};
SLUICE_PLUGIN_DEFINE(descriptor)
