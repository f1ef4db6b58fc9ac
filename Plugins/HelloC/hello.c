/*
 * hello.c: the example Sluice plugin in C. Copy it to start your own.
 *
 * One task, `examples.hello-c`, counts through a few progress steps (checking for cancellation
 * before each), writes "Hello, <name>!" into a package variable and reports it as its execution
 * value. It needs nothing but the SDK header:
 *
 *     cc -shared -fPIC -I SDK/include hello.c -o libhello.so
 */
#define _POSIX_C_SOURCE 200809L /* for nanosleep under -std=c11 */

#include <sluice/sluice.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One instance per task in a package. The host creates it, sets its properties, validates it and
 * executes it, always from one thread at a time, so it needs no locks. */
typedef struct hello_task {
    const sluice_host_api *host; /* from create; valid for the life of the process */
    char *name;                  /* property values are copies: the host's are borrowed */
    char *variable;              /* NULL until set: the check in validate relies on it */
    int64_t steps;
    int64_t delay_ms;
    char *greeting; /* the execution value's storage; must outlive execute (see the vtable docs) */
} hello_task;

/* Writes a printf-style message into the caller's error buffer and returns `status`, so that
 * every failure path is one line. snprintf truncates safely to the buffer's fixed size. */
static sluice_status fail(sluice_error *err, sluice_status status, const char *format, ...) {
    if (err != NULL) {
        va_list args;
        va_start(args, format);
        vsnprintf(err->message, sizeof err->message, format, args);
        va_end(args);
    }
    return status;
}

/* Strings in a sluice_value carry a length and are not NUL-terminated by contract: copy exactly
 * `length` bytes and add the NUL ourselves. (strdup is POSIX, not C11, and would read too far.) */
static char *copy_string(const char *data, size_t length) {
    char *copy = malloc(length + 1);
    if (copy != NULL) {
        if (length > 0) memcpy(copy, data, length);
        copy[length] = '\0';
    }
    return copy;
}

static sluice_status hello_create(const sluice_component_def *def, const sluice_host_api *host, void **out_instance,
                                  sluice_error *err) {
    (void)def; /* one component, so its definition (and user_data) tells us nothing new */
    hello_task *task = calloc(1, sizeof *task);
    if (task == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    task->host = host;
    /* Start from the declared defaults, so the task behaves the same whether or not the host
     * passes default values through set_property. Keep these in step with `properties` below. */
    task->name = copy_string("world", 5);
    task->steps = 4;
    task->delay_ms = 0;
    if (task->name == NULL) {
        free(task);
        return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    }
    *out_instance = task;
    return SLUICE_OK;
}

static void hello_destroy(void *instance) {
    hello_task *task = instance;
    free(task->name);
    free(task->variable);
    free(task->greeting);
    free(task);
}

/* Property setters: check the value's kind, copy what we keep, replace the old value. */
static sluice_status set_string(char **slot, const char *name, const sluice_value *value, sluice_error *err) {
    if (value->kind != SLUICE_VALUE_STRING) return fail(err, SLUICE_E_TYPE_MISMATCH, "%s must be a string", name);
    char *copy = copy_string(value->as.string.data, (size_t)value->as.string.length);
    if (copy == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    free(*slot);
    *slot = copy;
    return SLUICE_OK;
}

static sluice_status set_int64(int64_t *slot, const char *name, const sluice_value *value, sluice_error *err) {
    if (value->kind != SLUICE_VALUE_INT64) return fail(err, SLUICE_E_TYPE_MISMATCH, "%s must be an integer", name);
    *slot = value->as.int64;
    return SLUICE_OK;
}

/* Called once per property that has a value; `value` is borrowed for the call only. The host has
 * already matched the name and type against our declarations, but checking again costs little
 * and turns a mismatch between code and declarations into a clear error instead of a crash. */
static sluice_status hello_set_property(void *instance, const char *name, const sluice_value *value,
                                        sluice_error *err) {
    hello_task *task = instance;
    if (strcmp(name, "name") == 0) return set_string(&task->name, name, value, err);
    if (strcmp(name, "variable") == 0) return set_string(&task->variable, name, value, err);
    if (strcmp(name, "steps") == 0) return set_int64(&task->steps, name, value, err);
    if (strcmp(name, "delayMs") == 0) return set_int64(&task->delay_ms, name, value, err);
    return fail(err, SLUICE_E_NOT_FOUND, "examples.hello-c has no property named '%s'", name);
}

/* Validation is cheap and touches nothing outside the instance. We raise the problem with
 * fire_error and also put it in `err`: the host raises `err` only when the component raised no
 * error itself, so the user sees it once either way. */
static sluice_status hello_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    hello_task *task = instance;
    const char *problem = NULL;
    if (task->variable == NULL || task->variable[0] == '\0')
        problem = "property 'variable' must name the variable to write, such as User::Greeting";
    else if (task->steps < 1)
        problem = "property 'steps' must be at least 1";
    else if (task->delay_ms < 0)
        problem = "property 'delayMs' must not be negative";
    if (problem == NULL) return SLUICE_OK;
    task->host->fire_error(ctx, 0, problem);
    return fail(err, SLUICE_E_INVALID_ARGUMENT, "%s", problem);
}

/* Sleeps `ms` milliseconds, resuming after signals (nanosleep stops early with EINTR). */
static void sleep_ms(int64_t ms) {
    struct timespec left = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (nanosleep(&left, &left) == -1 && errno == EINTR) {
    }
}

static sluice_status hello_execute(void *instance, sluice_context *ctx, sluice_value *out_execution_value,
                                   sluice_error *err) {
    hello_task *task = instance;
    const sluice_host_api *host = task->host;

    /* Long work polls is_canceled and stops promptly with SLUICE_E_CANCELED: that is how Ctrl-C
     * and a failing sibling task reach plugin code. Nothing is written when we stop early. */
    for (int64_t i = 1; i <= task->steps; i++) {
        if (host->is_canceled(ctx)) return fail(err, SLUICE_E_CANCELED, "canceled before step %lld", (long long)i);
        char progress[64];
        snprintf(progress, sizeof progress, "step %lld of %lld", (long long)i, (long long)task->steps);
        host->fire_progress(ctx, (int32_t)(i * 100 / task->steps), progress);
        if (task->delay_ms > 0) sleep_ms(task->delay_ms);
    }

    /* The greeting lives in the instance, not on the stack: the execution value below points at
     * it, and the host reads it after we return (until the next call on this instance). */
    size_t size = strlen(task->name) + sizeof "Hello, !";
    char *greeting = malloc(size);
    if (greeting == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    snprintf(greeting, size, "Hello, %s!", task->name);
    free(task->greeting);
    task->greeting = greeting;

    /* variable_set copies the value and fills `err` itself on failure (unknown variable,
     * read-only, wrong type), so we pass its status and message straight through. */
    sluice_value value = {.kind = SLUICE_VALUE_STRING};
    value.as.string.data = greeting;
    value.as.string.length = (int64_t)strlen(greeting);
    sluice_status status = host->variable_set(ctx, task->variable, &value, err);
    if (status != SLUICE_OK) return status;

    host->fire_information(ctx, 0, greeting);
    *out_execution_value = value;
    return SLUICE_OK;
}

/* Everything below is static data: the host reads it before running any of our code, and it
 * must stay valid (and unchanged) for the life of the process. Fields a designated initialiser
 * leaves out are zero (NULL), which is exactly what the ABI wants. */
static const sluice_property_def properties[] = {
    {.name = "name", .type = SLUICE_PROPERTY_STRING, .default_value = "world", .description = "Who to greet."},
    {.name = "variable", .type = SLUICE_PROPERTY_STRING, .required = 1,
     .description = "Qualified name of the String variable that receives the greeting, e.g. User::Greeting."},
    {.name = "steps", .type = SLUICE_PROPERTY_INT64, .default_value = "4", .description = "Number of progress steps."},
    {.name = "delayMs", .type = SLUICE_PROPERTY_INT64, .default_value = "0",
     .description = "Milliseconds to sleep per step (to try cancellation)."},
};

/* struct_size tells the host which version of the table we were built with, so that members
 * added in later ABI minors are never read from an older plugin. */
static const sluice_task_vtable hello_vtable = {
    .struct_size = sizeof(sluice_task_vtable),
    .create = hello_create,
    .destroy = hello_destroy,
    .set_property = hello_set_property,
    .validate = hello_validate,
    .execute = hello_execute,
};

/* struct_size again: the host reads each definition by its own size, so a later ABI minor can
 * add members at the end without moving anything an older plugin wrote. */
static const sluice_component_def hello_component = {
    .struct_size = sizeof(sluice_component_def),
    .kind = SLUICE_COMPONENT_TASK,
    .id = "examples.hello-c", /* namespaced and unique across every loaded plugin */
    .display_name = "Hello (C)",
    .description = "Writes a greeting into a variable, with progress steps and cancellation.",
    .version = "1.0.0",
    .property_count = sizeof properties / sizeof properties[0],
    .properties = properties,
    .vtable = &hello_vtable,
    .connection_kind = NULL, /* ABI 1.1: only a connection manager names a stock connection kind */
};

/* The descriptor lists its components by pointer, one per component. */
static const sluice_component_def *const components[] = {&hello_component};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, /* the version rule: same major, minor not newer than the host */
    .abi_minor = SLUICE_ABI_MINOR,
    .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = sizeof components / sizeof components[0],
    .name = "examples.hello",
    .version = "1.0.0",
    .vendor = "Sluice examples",
    .description = "The example C plugin: a greeting task.",
    .components = components,
    .init = NULL, /* nothing to set up once per process */
};

/* Exports `sluice_plugin_entry`, the one symbol the host looks up. It only returns the static
 * descriptor: the host may call it in a scanning child process, so it must have no side effects. */
SLUICE_PLUGIN_DEFINE(descriptor)
