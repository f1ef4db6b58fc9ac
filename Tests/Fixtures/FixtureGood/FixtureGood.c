/*
 * FixtureGood: a valid plugin with tasks, a foreach enumerator, a log provider and a connection
 * manager, used by the registry and runtime tests as the "everything right" case.
 *
 * fixtures.good.echo (task): writes `message` into the variable `target`, raises an Information
 * event and a custom "Echoed" event with it, writes it to the log at every level (`write_log`),
 * and returns `count` as its execution value; with
 * `status` set, it returns that status instead (to test how the host reads each status).
 * fixtures.good.numbers (foreach enumerator): yields one INT64 per item, 1..limit; with `failAt`
 * set, `next` fails with SLUICE_E_NOT_FOUND at that item (a real error, not the end); a
 * negative `limit` fails validate. fixtures.good.numbers-strict: the same, `limit` required.
 *
 * Every call path can fail with a plugin code of its own (err->code, 1xxxxx), for tests that
 * follow the code to the OnError event and the log: `create` of the component that the
 * environment variable SLUICE_FIXTURE_REFUSE_CREATE names (codes 100111 task, 100411
 * enumerator, 100611 log provider); `set_property` of a negative echo `count` (100112), a
 * negative numbers `failAt` (100412), a filelog `failValidate` other than 0 or 1 (100612);
 * filelog `open` of a path it cannot open (100051).
 */
#include <sluice/sluice.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sluice_status fail(sluice_error *err, sluice_status status, const char *message) {
    snprintf(err->message, sizeof err->message, "%s", message);
    return status;
}

/* ---- fixtures.good.echo ---- */

typedef struct echo_task {
    const sluice_host_api *host;
    char *message; /* NULL until set */
    int64_t message_length; /* bytes of message: it may hold a NUL */
    char *target;
    int64_t count;
    int64_t status; /* 0: behave; otherwise execute returns this status */
} echo_task;

/* A create the environment refuses: lets a test make `create` fail in a child `sluice` only. */
static sluice_status refused_create(const sluice_component_def *def, int32_t code, sluice_error *err) {
    const char *refused = getenv("SLUICE_FIXTURE_REFUSE_CREATE");
    if (refused == NULL || strcmp(refused, def->id) != 0) return SLUICE_OK;
    err->code = code;
    return fail(err, SLUICE_E_FAILED, "create refused: SLUICE_FIXTURE_REFUSE_CREATE names this component");
}

static char *copy_string(const char *data, int64_t length) {
    char *copy = malloc((size_t)length + 1);
    if (copy != NULL) {
        if (length > 0) memcpy(copy, data, (size_t)length);
        copy[length] = '\0';
    }
    return copy;
}

static sluice_status echo_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                 sluice_error *err) {
    if (refused_create(def, 100111, err) != SLUICE_OK) return SLUICE_E_FAILED;
    echo_task *task = calloc(1, sizeof *task);
    if (task == NULL || (task->target = copy_string("User::Out", 9)) == NULL) {
        free(task);
        return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    }
    task->host = host;
    task->count = 1;
    *out = task;
    return SLUICE_OK;
}

static void echo_destroy(void *instance) {
    echo_task *task = instance;
    free(task->message);
    free(task->target);
    free(task);
}

static sluice_status echo_set_property(void *instance, const char *name, const sluice_value *value,
                                       sluice_error *err) {
    echo_task *task = instance;
    if (strcmp(name, "count") == 0 || strcmp(name, "status") == 0) {
        if (value->kind != SLUICE_VALUE_INT64) return fail(err, SLUICE_E_TYPE_MISMATCH, "expected INT64");
        if (strcmp(name, "count") == 0 && value->as.int64 < 0) {
            err->code = 100112;
            return fail(err, SLUICE_E_INVALID_ARGUMENT, "count must not be negative");
        }
        *(strcmp(name, "count") == 0 ? &task->count : &task->status) = value->as.int64;
        return SLUICE_OK;
    }
    char **slot = strcmp(name, "message") == 0 ? &task->message : strcmp(name, "target") == 0 ? &task->target : NULL;
    if (slot == NULL) return fail(err, SLUICE_E_NOT_FOUND, "unknown property");
    if (value->kind != SLUICE_VALUE_STRING) return fail(err, SLUICE_E_TYPE_MISMATCH, "expected a string");
    char *copy = copy_string(value->as.string.data, value->as.string.length);
    if (copy == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    free(*slot);
    *slot = copy;
    if (slot == &task->message) task->message_length = value->as.string.length;
    return SLUICE_OK;
}

static sluice_status echo_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)instance, (void)ctx, (void)err;
    return SLUICE_OK;
}

static sluice_status echo_execute(void *instance, sluice_context *ctx, sluice_value *out, sluice_error *err) {
    echo_task *task = instance;
    if (task->status != 0) {
        err->code = 100000 + (int32_t)task->status; /* a plugin's own code, in its reserved range */
        return fail(err, (sluice_status)task->status, "returned the status it was told to");
    }
    const char *message = task->message != NULL ? task->message : "";
    sluice_value value = {.kind = SLUICE_VALUE_STRING};
    value.as.string.data = message;
    value.as.string.length = task->message != NULL ? task->message_length : 0;
    sluice_status status = task->host->variable_set(ctx, task->target, &value, err);
    if (status != SLUICE_OK) return status;
    task->host->fire_information(ctx, 0, message);
    for (int32_t level = SLUICE_LOG_DEBUG; level <= SLUICE_LOG_ERROR; level++) task->host->write_log(ctx, level, message);
    task->host->fire_custom(ctx, "Echoed", message);
    out->kind = SLUICE_VALUE_INT64;
    out->as.int64 = task->count;
    return SLUICE_OK;
}

static const sluice_property_def echo_properties[] = {
    {.name = "message", .type = SLUICE_PROPERTY_STRING, .required = 1, .description = "Text to echo."},
    {.name = "target", .type = SLUICE_PROPERTY_STRING, .default_value = "User::Out", .description = "Variable."},
    {.name = "count", .type = SLUICE_PROPERTY_INT64, .default_value = "1", .description = "Execution value."},
    {.name = "status", .type = SLUICE_PROPERTY_INT64, .default_value = "0", .description = "Status to return instead."},
};

static const sluice_task_vtable echo_vtable = {
    sizeof(sluice_task_vtable), echo_create, echo_destroy, echo_set_property, echo_validate, echo_execute,
};

/* ---- fixtures.good.numbers ---- */

typedef struct numbers_enumerator {
    int64_t limit;
    int64_t fail_at; /* 0: never */
    int64_t current; /* last item yielded; 0 after begin */
} numbers_enumerator;

static sluice_status numbers_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                    sluice_error *err) {
    (void)host;
    if (refused_create(def, 100411, err) != SLUICE_OK) return SLUICE_E_FAILED;
    numbers_enumerator *numbers = calloc(1, sizeof *numbers);
    if (numbers == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    numbers->limit = 3;
    *out = numbers;
    return SLUICE_OK;
}

static void numbers_destroy(void *instance) { free(instance); }

static sluice_status numbers_set_property(void *instance, const char *name, const sluice_value *value,
                                          sluice_error *err) {
    numbers_enumerator *numbers = instance;
    int64_t *slot = strcmp(name, "limit") == 0 ? &numbers->limit : strcmp(name, "failAt") == 0 ? &numbers->fail_at : NULL;
    if (slot == NULL) return fail(err, SLUICE_E_NOT_FOUND, "unknown property");
    if (value->kind != SLUICE_VALUE_INT64) return fail(err, SLUICE_E_TYPE_MISMATCH, "expected INT64");
    if (slot == &numbers->fail_at && value->as.int64 < 0) {
        err->code = 100412;
        return fail(err, SLUICE_E_INVALID_ARGUMENT, "failAt must not be negative");
    }
    *slot = value->as.int64;
    return SLUICE_OK;
}

static sluice_status numbers_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)ctx;
    if (((numbers_enumerator *)instance)->limit >= 0) return SLUICE_OK;
    err->code = 100400;
    return fail(err, SLUICE_E_INVALID_ARGUMENT, "limit must not be negative");
}

static sluice_status numbers_begin(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)ctx, (void)err;
    ((numbers_enumerator *)instance)->current = 0;
    return SLUICE_OK;
}

static sluice_status numbers_next(void *instance, sluice_context *ctx, sluice_value *out_values, int32_t capacity,
                                  int32_t *out_count, sluice_error *err) {
    (void)ctx;
    numbers_enumerator *numbers = instance;
    *out_count = 0;
    if (numbers->current >= numbers->limit) return SLUICE_NO_MORE_ITEMS;
    if (numbers->current + 1 == numbers->fail_at) {
        err->code = 100404;
        return fail(err, SLUICE_E_NOT_FOUND, "the next number is missing");
    }
    numbers->current++;
    if (capacity >= 1) {
        out_values[0].kind = SLUICE_VALUE_INT64;
        out_values[0].as.int64 = numbers->current;
        *out_count = 1;
    }
    return SLUICE_OK;
}

static void numbers_end(void *instance) { (void)instance; }

static const sluice_property_def numbers_properties[] = {
    {.name = "limit", .type = SLUICE_PROPERTY_INT64, .default_value = "3", .description = "Last number."},
    {.name = "failAt", .type = SLUICE_PROPERTY_INT64, .default_value = "0", .description = "Fail at this item (0: never)."},
};

/* fixtures.good.numbers-strict: the same enumerator with `limit` required. */
static const sluice_property_def strict_numbers_properties[] = {
    {.name = "limit", .type = SLUICE_PROPERTY_INT64, .required = 1, .description = "Last number."},
};

static const sluice_enumerator_vtable numbers_vtable = {
    sizeof(sluice_enumerator_vtable), numbers_create, numbers_destroy, numbers_set_property, numbers_validate,
    numbers_begin, numbers_next, numbers_end,
};

/* ---- the descriptor ---- */

/* --- fixtures.good.filelog: a log provider appending "event|source|code|message" lines --- */

typedef struct filelog {
    char path[1024];
    FILE *file;
    int opens;
    int64_t fail_validate;
} filelog;

static const sluice_property_def filelog_properties[] = {
    {.name = "path", .type = SLUICE_PROPERTY_STRING, .required = 1, .description = "File to append to."},
    {.name = "failValidate", .type = SLUICE_PROPERTY_INT64, .default_value = "0", .description = "Fail validate."},
};

/* Appends one line to PATH.lifecycle: lets tests count creates, destroys and misplaced closes. */
static void filelog_note(const filelog *log, const char *what) {
    char side[1100];
    if (log->path[0] == '\0') return;
    snprintf(side, sizeof side, "%s.lifecycle", log->path);
    FILE *f = fopen(side, "a");
    if (f) {
        fprintf(f, "%s\n", what);
        fclose(f);
    }
}

static sluice_status filelog_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                    sluice_error *err) {
    (void)host;
    if (refused_create(def, 100611, err) != SLUICE_OK) return SLUICE_E_FAILED;
    filelog *log = calloc(1, sizeof *log);
    if (!log) return SLUICE_E_NO_MEMORY;
    *out = log;
    return SLUICE_OK;
}

static void filelog_destroy(void *instance) {
    filelog *log = instance;
    filelog_note(log, "destroy");
    if (log->file) fclose(log->file);
    free(log);
}

static sluice_status filelog_set_property(void *instance, const char *name, const sluice_value *value,
                                          sluice_error *err) {
    filelog *log = instance;
    if (strcmp(name, "failValidate") == 0 && value->kind == SLUICE_VALUE_INT64) {
        if (value->as.int64 != 0 && value->as.int64 != 1) {
            err->code = 100612;
            return fail(err, SLUICE_E_INVALID_ARGUMENT, "failValidate must be 0 or 1");
        }
        log->fail_validate = value->as.int64;
        return SLUICE_OK;
    }
    if (strcmp(name, "path") != 0 || value->kind != SLUICE_VALUE_STRING) {
        snprintf(err->message, sizeof err->message, "unknown property '%s'", name);
        return SLUICE_E_NOT_FOUND;
    }
    snprintf(log->path, sizeof log->path, "%.*s", (int)value->as.string.length, value->as.string.data);
    filelog_note(log, "create"); /* the path is known from here on */
    return SLUICE_OK;
}

static sluice_status filelog_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)ctx;
    if (((filelog *)instance)->fail_validate == 0) return SLUICE_OK;
    err->code = 100600;
    return fail(err, SLUICE_E_INVALID_ARGUMENT, "the log provider was told to fail validation");
}

static sluice_status filelog_open(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)ctx;
    filelog *log = instance;
    if (!log->file) log->file = fopen(log->path, "a"); /* append: open may come more than once */
    if (!log->file) {
        err->code = 100051;
        snprintf(err->message, sizeof err->message, "cannot open %.900s", log->path);
        return SLUICE_E_IO;
    }
    log->opens++;
    return SLUICE_OK;
}

static sluice_status filelog_write(void *instance, const sluice_log_entry *entry, sluice_error *err) {
    (void)err;
    filelog *log = instance;
    if (!log->file) return SLUICE_E_IO;
    fprintf(log->file, "%s|%s|%d|%s\n", entry->event, entry->source_name, (int)entry->code, entry->message);
    return SLUICE_OK;
}

static sluice_status filelog_close(void *instance, sluice_error *err) {
    (void)err;
    filelog *log = instance;
    filelog_note(log, log->file ? "close" : "close without an open");
    if (log->file && --log->opens == 0) {
        fclose(log->file);
        log->file = NULL;
    }
    return SLUICE_OK;
}

static const sluice_log_provider_vtable filelog_vtable = {
    .struct_size = sizeof(sluice_log_provider_vtable), .create = filelog_create, .destroy = filelog_destroy,
    .set_property = filelog_set_property, .validate = filelog_validate, .open = filelog_open, .write_entry = filelog_write, .close = filelog_close,
};

/* --- fixtures.good.connection: a connection manager that journals its lifecycle ---
 *
 * With `journal` set, appends one line per call to that file: "create", then "validate S",
 * "acquire S", "release S", "destroy S" with S the ConnectionString (and the
 * fixtures.good.useconn task adds "use <task>"), so tests can see the order of everything. `failValidate` makes validate fail,
 * `failAcquire` makes acquire fail, each with a plugin code of its own. */

#define CONNECTION_MAGIC 0x636f6e6eu /* "conn": marks a handle this library made */

typedef struct connection {
    uint32_t magic;
    char journal[1024];
    char connection_string[512];
    int64_t fail_validate;
    int64_t fail_acquire;
    int64_t acquired; /* how many times acquire succeeded */
} connection;

static void connection_note(const connection *c, const char *what, const char *detail) {
    if (c->journal[0] == '\0') return;
    FILE *f = fopen(c->journal, "a");
    if (f) {
        fprintf(f, detail ? "%s %s\n" : "%s\n", what, detail);
        fclose(f);
    }
}

static sluice_status connection_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                       sluice_error *err) {
    (void)def, (void)host;
    connection *c = calloc(1, sizeof *c);
    if (c == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    c->magic = CONNECTION_MAGIC;
    *out = c;
    return SLUICE_OK;
}

static void connection_destroy(void *instance) {
    connection *c = instance;
    connection_note(c, "destroy", c->connection_string);
    free(c);
}

static sluice_status connection_set_property(void *instance, const char *name, const sluice_value *value,
                                             sluice_error *err) {
    connection *c = instance;
    if (strcmp(name, "failValidate") == 0 || strcmp(name, "failAcquire") == 0) {
        if (value->kind != SLUICE_VALUE_INT64) return fail(err, SLUICE_E_TYPE_MISMATCH, "expected INT64");
        *(strcmp(name, "failValidate") == 0 ? &c->fail_validate : &c->fail_acquire) = value->as.int64;
        return SLUICE_OK;
    }
    char *slot = strcmp(name, "journal") == 0 ? c->journal : strcmp(name, "ConnectionString") == 0 ? c->connection_string : NULL;
    size_t size = slot == c->journal ? sizeof c->journal : sizeof c->connection_string;
    if (slot == NULL) return fail(err, SLUICE_E_NOT_FOUND, "unknown property");
    if (value->kind != SLUICE_VALUE_STRING) return fail(err, SLUICE_E_TYPE_MISMATCH, "expected a string");
    snprintf(slot, size, "%.*s", (int)value->as.string.length, value->as.string.data);
    if (slot == c->journal) connection_note(c, "create", NULL); /* journal is declared first */
    return SLUICE_OK;
}

static sluice_status connection_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)ctx;
    connection *c = instance;
    connection_note(c, "validate", c->connection_string);
    if (c->fail_validate == 0) return SLUICE_OK;
    err->code = 100501;
    return fail(err, SLUICE_E_INVALID_ARGUMENT, "the connection was told to fail validation");
}

static sluice_status connection_acquire(void *instance, sluice_context *ctx, void **out, sluice_error *err) {
    (void)ctx;
    connection *c = instance;
    if (c->fail_acquire != 0) {
        err->code = 100502;
        return fail(err, SLUICE_E_IO, "the connection was told to fail acquire");
    }
    connection_note(c, "acquire", c->connection_string);
    c->acquired++;
    *out = c;
    return SLUICE_OK;
}

static void connection_release(void *instance, void *handle) {
    connection *c = instance;
    connection_note(c, handle == c ? "release" : "release of a handle this instance never gave", c->connection_string);
}

static const sluice_property_def connection_properties[] = {
    {.name = "journal", .type = SLUICE_PROPERTY_STRING, .description = "File to append lifecycle lines to."},
    {.name = "ConnectionString", .type = SLUICE_PROPERTY_STRING, .description = "Any text; acquire records it."},
    {.name = "failValidate", .type = SLUICE_PROPERTY_INT64, .default_value = "0", .description = "Fail validate."},
    {.name = "failAcquire", .type = SLUICE_PROPERTY_INT64, .default_value = "0", .description = "Fail acquire."},
};

static const sluice_connection_vtable connection_vtable = {
    .struct_size = sizeof(sluice_connection_vtable), .create = connection_create, .destroy = connection_destroy,
    .set_property = connection_set_property, .validate = connection_validate, .acquire = connection_acquire,
    .release = connection_release,
};

/* --- fixtures.good.useconn: a task that asks the host for its connection ---
 *
 * Calls connection_acquire for the connection manager named by `connection` and writes what it
 * got into the variable `target`: "handle=<ConnectionString the handle was acquired with>
 * string=<string>" for a handle of this library, "handle=none string=<string>" for none. With
 * a handle of its own library it also adds "use <task name>" to the connection's journal. */

typedef struct useconn_task {
    const sluice_host_api *host;
    char connection[256];
    char target[256];
} useconn_task;

static sluice_status useconn_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                    sluice_error *err) {
    (void)def;
    useconn_task *task = calloc(1, sizeof *task);
    if (task == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    task->host = host;
    *out = task;
    return SLUICE_OK;
}

static sluice_status useconn_set_property(void *instance, const char *name, const sluice_value *value,
                                          sluice_error *err) {
    useconn_task *task = instance;
    char *slot = strcmp(name, "connection") == 0 ? task->connection : strcmp(name, "target") == 0 ? task->target : NULL;
    if (slot == NULL) return fail(err, SLUICE_E_NOT_FOUND, "unknown property");
    if (value->kind != SLUICE_VALUE_STRING) return fail(err, SLUICE_E_TYPE_MISMATCH, "expected a string");
    snprintf(slot, 256, "%.*s", (int)value->as.string.length, value->as.string.data);
    return SLUICE_OK;
}

static sluice_status useconn_execute(void *instance, sluice_context *ctx, sluice_value *out, sluice_error *err) {
    (void)out;
    useconn_task *task = instance;
    const sluice_host_api *host = task->host;
    /* A 1.1 service: check the table is long enough to have it. */
    if (host->struct_size < offsetof(sluice_host_api, connection_acquire) + sizeof host->connection_acquire ||
        host->connection_acquire == NULL)
        return fail(err, SLUICE_E_UNSUPPORTED, "the host has no connection_acquire");
    void *handle = NULL;
    const char *string = NULL;
    sluice_status status = host->connection_acquire(ctx, task->connection, &handle, &string, err);
    if (status != SLUICE_OK) return status; /* err holds the host's message */
    char text[1024];
    const connection *c = handle;
    if (c != NULL && c->magic == CONNECTION_MAGIC) {
        snprintf(text, sizeof text, "handle=%s string=%s", c->connection_string, string);
        sluice_value name;
        if (host->variable_get(ctx, "System::TaskName", &name, err) == SLUICE_OK && name.kind == SLUICE_VALUE_STRING)
            connection_note(c, "use", name.as.string.data);
    } else {
        snprintf(text, sizeof text, "handle=%s string=%s", c == NULL ? "none" : "foreign", string);
    }
    sluice_value value = {.kind = SLUICE_VALUE_STRING};
    value.as.string.data = text;
    value.as.string.length = (int64_t)strlen(text);
    return host->variable_set(ctx, task->target, &value, err);
}

static const sluice_property_def useconn_properties[] = {
    {.name = "connection", .type = SLUICE_PROPERTY_STRING, .required = 1, .description = "Connection manager name."},
    {.name = "target", .type = SLUICE_PROPERTY_STRING, .default_value = "User::Out", .description = "Variable."},
};

static const sluice_task_vtable useconn_vtable = {
    sizeof(sluice_task_vtable), useconn_create, free, useconn_set_property, echo_validate, useconn_execute,
};

static const sluice_component_def definitions[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.good.echo",
     .display_name = "Echo", .description = "Echoes a message.", .version = "1.2.3", .property_count = sizeof echo_properties / sizeof echo_properties[0],
     .properties = echo_properties, .vtable = &echo_vtable},
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_FOREACH_ENUMERATOR,
     .id = "fixtures.good.numbers", .display_name = "Numbers", .description = "Yields 1..limit.",
     .version = "1.2.3", .property_count = sizeof numbers_properties / sizeof numbers_properties[0], .properties = numbers_properties, .vtable = &numbers_vtable},
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_FOREACH_ENUMERATOR,
     .id = "fixtures.good.numbers-strict", .display_name = "Numbers (limit required)", .description = "Yields 1..limit.",
     .version = "1.2.3", .property_count = 1, .properties = strict_numbers_properties, .vtable = &numbers_vtable},
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_LOG_PROVIDER,
     .id = "fixtures.good.filelog", .display_name = "File log", .description = "Appends entries to a file.",
     .version = "1.2.3", .property_count = sizeof filelog_properties / sizeof filelog_properties[0],
     .properties = filelog_properties, .vtable = &filelog_vtable},
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_CONNECTION_MANAGER,
     .id = "fixtures.good.connection", .display_name = "Journaled connection", .description = "Journals its lifecycle.",
     .version = "1.2.3", .property_count = sizeof connection_properties / sizeof connection_properties[0],
     .properties = connection_properties, .vtable = &connection_vtable},
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "fixtures.good.useconn",
     .display_name = "Use connection", .description = "Reports the connection the host hands it.",
     .version = "1.2.3", .property_count = sizeof useconn_properties / sizeof useconn_properties[0],
     .properties = useconn_properties, .vtable = &useconn_vtable},
};

/* The descriptor lists its components by pointer: each is read by its own struct_size. */
static const sluice_component_def *const components[] = {
    &definitions[0], &definitions[1], &definitions[2], &definitions[3], &definitions[4], &definitions[5],
};
_Static_assert(sizeof components / sizeof components[0] == sizeof definitions / sizeof definitions[0],
               "every definition is listed");

static sluice_status good_init(const sluice_host_api *host, sluice_error *err) {
    (void)host, (void)err;
    return SLUICE_OK;
}

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = sizeof components / sizeof components[0], .name = "fixtures.good", .version = "1.2.3", .vendor = "Sluice tests",
    .description = "A valid fixture plugin.", .components = components, .init = good_init,
};

SLUICE_PLUGIN_DEFINE(descriptor)
