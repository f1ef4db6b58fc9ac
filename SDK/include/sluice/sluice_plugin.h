/*
 * sluice_plugin.h: what a plugin library exports.
 *
 * A plugin library exports exactly one symbol, `sluice_plugin_entry`, which returns a pointer to
 * a static `sluice_plugin_descriptor`. The descriptor names the library and lists its components
 * (tasks, data flow sources / transforms / destinations, connection managers, log providers and
 * foreach enumerators), each with its declared properties and a table of functions.
 *
 * The host reads and checks every field of the descriptor before it calls any other plugin
 * function: ABI version, struct sizes, ids, kinds, property declarations and the presence of the
 * functions each kind requires. Only then does it call `init`. A library that fails any check is
 * recorded as rejected with the reason, and none of its code runs again.
 *
 * Libraries are loaded with RTLD_NOW | RTLD_LOCAL and never unloaded.
 */
#ifndef SLUICE_PLUGIN_H
#define SLUICE_PLUGIN_H

#include "sluice_abi.h"
#include "sluice_arrow.h"
#include "sluice_host.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The name of the one exported entry symbol. Since: ABI 1.0 */
#define SLUICE_PLUGIN_ENTRY_SYMBOL "sluice_plugin_entry"

/** Component kinds. Values are stable. Since: ABI 1.0 */
#define SLUICE_COMPONENT_TASK 1
#define SLUICE_COMPONENT_SOURCE 2
#define SLUICE_COMPONENT_TRANSFORM 3
#define SLUICE_COMPONENT_DESTINATION 4
#define SLUICE_COMPONENT_CONNECTION_MANAGER 5
#define SLUICE_COMPONENT_LOG_PROVIDER 6
#define SLUICE_COMPONENT_FOREACH_ENUMERATOR 7

/** Property types, and the `sluice_value` kind the host passes to `set_property` for each.
 * Since: ABI 1.0 */
#define SLUICE_PROPERTY_STRING 1 /* SLUICE_VALUE_STRING */
#define SLUICE_PROPERTY_INT64 2  /* SLUICE_VALUE_INT64 */
#define SLUICE_PROPERTY_DOUBLE 3 /* SLUICE_VALUE_DOUBLE */
#define SLUICE_PROPERTY_BOOL 4   /* SLUICE_VALUE_BOOL */

/**
 * @brief One declared property of a component.
 *
 * `name` is unique within the component, made of letters, digits and `_`, starting with a letter.
 * `default_value` is the default written as text (`"42"`, `"true"`, `"hello"`), or NULL for none.
 * A `required` property without a value in the package fails validation before the component is
 * created.
 *
 * FROZEN for ABI major 1: it is laid out in arrays (`properties`), so it has no `struct_size`
 * and never grows; 32 bytes on LP64. A new property attribute would come with a new major.
 * Ownership: the plugin owns every pointer; all must stay valid for the life of the process.
 * Since: ABI 1.0
 */
typedef struct sluice_property_def {
    const char *name;
    int32_t type;     /* SLUICE_PROPERTY_* */
    int32_t required; /* 0 or 1 */
    const char *default_value;
    const char *description;
} sluice_property_def;

struct sluice_component_def;

/*
 * Every vtable starts with the same members, in the same order: struct_size, create, destroy,
 * set_property, validate. `instance` is whatever `create` returned in `*out_instance`.
 * `struct_size` is `sizeof` the vtable as the plugin was built; the host reads every vtable by
 * the reading rule in sluice_abi.h (members past `struct_size` are absent, a table smaller than
 * its `SLUICE_*_VTABLE_SIZE_1_0` is refused), so a vtable grows by new members at its end.
 *
 * Lifecycle: create -> set_property (once per property that has a value, declared order) ->
 * validate -> kind-specific calls -> destroy. One instance is used by one thread at a time.
 */

/** Creates an instance. `def` is the component's own definition (its `user_data` lets one
 * function serve several components). The host table stays valid forever; keep the pointer.
 * Ownership: the plugin owns `*out_instance` until `destroy`; `def` and `host` are borrowed and
 * outlive every instance. Since: ABI 1.0 */
typedef sluice_status (*sluice_create_fn)(const struct sluice_component_def *def, const sluice_host_api *host,
                                          void **out_instance, sluice_error *err);
/** Frees an instance. Called exactly once per successful `create`.
 * Ownership: the plugin frees everything the instance owns. Since: ABI 1.0 */
typedef void (*sluice_destroy_fn)(void *instance);
/** Sets one declared property. Ownership: `name` and `value` are borrowed for the call: copy
 * what you keep. Since: ABI 1.0 */
typedef sluice_status (*sluice_set_property_fn)(void *instance, const char *name, const sluice_value *value,
                                                sluice_error *err);
/** Checks the configuration before anything runs; cheap, no long I/O. On a problem, return a
 * non-OK status and either raise errors with `fire_error` on `ctx` or write one message into
 * `err`: the host raises `err`'s message as an OnError event only when the component raised no
 * error itself during the call, so nothing is reported twice. `ctx` is never NULL.
 * Ownership: `ctx` is the host's, valid during the call only; `err` is the caller's buffer.
 * Since: ABI 1.0 */
typedef sluice_status (*sluice_validate_fn)(void *instance, sluice_context *ctx, sluice_error *err);

/**
 * @brief Functions of a custom task (SLUICE_COMPONENT_TASK).
 *
 * `execute` does the work. It returns SLUICE_OK for Success, SLUICE_E_CANCELED when it stopped
 * because `is_canceled` said so (returned when no cancel was requested, it is a Failure with
 * SLUICE_E_PLUGIN_CANCELED_UNASKED), and any other status for Failure (with a message in `err`).
 * As for validate, a failure's `err` message is raised only if the task raised no error itself.
 * It may store an execution value (rows affected, files moved) in `*out_execution_value`;
 * the host sets its kind to SLUICE_VALUE_NULL before the call. String data in it must stay valid
 * until the next call on the instance.
 *
 * Add new members to the end only. Since: ABI 1.0
 */
typedef struct sluice_task_vtable {
    uint32_t struct_size;
    sluice_create_fn create;
    sluice_destroy_fn destroy;
    sluice_set_property_fn set_property;
    sluice_validate_fn validate;
    sluice_status (*execute)(void *instance, sluice_context *ctx, sluice_value *out_execution_value,
                             sluice_error *err);
} sluice_task_vtable;
/** The smallest `struct_size` of a sluice_task_vtable from a plugin of ABI 1.0
 * or later. Since: ABI 1.0 */
#define SLUICE_TASK_VTABLE_SIZE_1_0 SLUICE_SIZE_THROUGH(sluice_task_vtable, execute)

/**
 * @brief One input of a data flow component, as `ports` declares it.
 *
 * `name` is unique among the component's inputs (letters, digits, space, `_` and `-`; at most
 * 128 bytes). Read by its own `struct_size`. Ownership: the plugin's; valid until `destroy`.
 * Add new members to the end only. Since: ABI 1.1
 */
typedef struct sluice_input_def {
    uint32_t struct_size; /* sizeof(sluice_input_def) as the plugin was built */
    uint32_t reserved;    /* 0 */
    const char *name;     /* "Input", "Merge Input 1", … */
} sluice_input_def;
/** Since: ABI 1.1 */
#define SLUICE_INPUT_DEF_SIZE_1_1 SLUICE_SIZE_THROUGH(sluice_input_def, name)

/** `synchronous_input` of an asynchronous output (its rows are new buffers). Since: ABI 1.1 */
#define SLUICE_OUTPUT_ASYNCHRONOUS (-1)

/**
 * @brief One output of a data flow component, as `ports` declares it.
 *
 * - `name`: unique among the component's outputs (rules as for inputs).
 * - `synchronous_input`: the index of the input whose rows this output passes on, one batch out
 *   (at most) per batch in, emitted during the `process` call of that batch (SSIS's
 *   SynchronousInputID); or SLUICE_OUTPUT_ASYNCHRONOUS. A source's outputs are asynchronous.
 * - `exclusion_group`: 0, or a positive number shared by outputs among which each input row goes
 *   to at most one (Conditional Split's cases, an error output and its data output). Outputs of
 *   one group must share the same `synchronous_input`.
 * - `is_error_output`: 1 for an error output, whose schema is the data's columns followed by the
 *   int32 columns `ErrorCode` and `ErrorColumn` (the lineage id of the failing column, or 0);
 *   0 otherwise. At most one error output per input.
 *
 * Ownership: the plugin's; valid until `destroy`. Add new members to the end only. Since: ABI 1.1
 */
typedef struct sluice_output_def {
    uint32_t struct_size; /* sizeof(sluice_output_def) as the plugin was built */
    int32_t synchronous_input;
    const char *name;
    int32_t exclusion_group;
    int32_t is_error_output;
} sluice_output_def;
/** Since: ABI 1.1 */
#define SLUICE_OUTPUT_DEF_SIZE_1_1 SLUICE_SIZE_THROUGH(sluice_output_def, is_error_output)

/**
 * @brief What `ports` fills: the component's inputs and outputs, as arrays of pointers.
 *
 * The host zeroes it and sets `struct_size` to its own `sizeof`; the plugin sets the members
 * (members past the host's `struct_size` must not be written: check `SLUICE_HAS_MEMBER`).
 * A source has 0 inputs and at least 1 output; a transform at least 1 of each; a destination
 * at least 1 input and 0 outputs, or only error outputs. At most 64 inputs and 64 outputs.
 * Ownership: the arrays and what they point to are the plugin's, valid until `destroy`.
 * Add new members to the end only. Since: ABI 1.1
 */
typedef struct sluice_ports {
    uint32_t struct_size; /* the host's sizeof(sluice_ports) */
    uint32_t input_count;
    uint32_t output_count;
    uint32_t reserved;    /* 0 */
    const sluice_input_def *const *inputs;   /* input_count pointers, none NULL */
    const sluice_output_def *const *outputs; /* output_count pointers, none NULL */
} sluice_ports;

/**
 * @brief Functions of a data flow component (SOURCE, TRANSFORM or DESTINATION). Redesigned in
 * ABI 1.1 (the 1.0 table was never driven by an engine): a plugin that declares minor 0 and a
 * data flow component is refused with SLUICE_E_DATAFLOW_NEEDS_ABI_1_1.
 *
 * Batches are Arrow C Data Interface structs: a struct-typed `ArrowArray` (format "+s") whose
 * children are the columns, with `offset` 0, described by a struct-typed `ArrowSchema`. Each
 * Sluice data type travels as one Arrow format (SDK/README.md, "Data types as Arrow"):
 * DT_I1 "c", DT_I2 "s", DT_I4 "i", DT_I8 "l", DT_UI1 "C", DT_UI2 "S", DT_UI4 "I", DT_UI8 "L",
 * DT_R4 "f", DT_R8 "g", DT_BOOL "b", DT_GUID "w:16", DT_STR / DT_WSTR / DT_TEXT / DT_NTEXT "u",
 * DT_BYTES / DT_IMAGE "z", DT_DBDATE "tdD", DT_DBTIME / DT_DBTIME2 "ttu",
 * DT_DATE / DT_DBTIMESTAMP / DT_DBTIMESTAMP2 / DT_FILETIME "tsu:", DT_DBTIMESTAMPOFFSET
 * "tsu:UTC", and DT_CY / DT_DECIMAL / DT_NUMERIC exactly, as decimal128 "d:precision,scale"
 * (16-byte little-endian two's complement unscaled integers; DT_CY is "d:19,4").
 *
 * The calls, in order, and the release rule of each ("host releases": the host calls the
 * struct's `release` exactly once; "borrowed": the other side must not release it):
 *
 * - `ports` (required; after validate, and again after any set_property): fills `*out`.
 * - `negotiate` (required): receives the schema of EVERY input at once (`input_schemas[i]`
 *   for input i; borrowed for the call, copy what you keep) and fills `out_schemas[o]` for
 *   every output o: the plugin is the producer of each, and the host releases each one it
 *   filled exactly once; the host zeroes them before the call and, on a failure status,
 *   releases those whose `release` is set. Called at validation, and again when an upstream
 *   schema changes. A source gets `input_count` 0 and `input_schemas` NULL.
 * - `pre_execute` / `post_execute` (optional): once per run, around the batches;
 *   `post_execute` is called whenever `pre_execute` succeeded, on failure and cancel too.
 * - `produce` (a source has `produce` or `open_stream`, or both): emits the next batches with
 *   the host's `emit` (any output, any number) and sets `*out_done` to 1 at the end of the
 *   data. Called again while `*out_done` is 0. Emitted batches are moved to the host (see `emit`).
 * - `open_stream` (sources, optional; only with exactly one output): fills `*out_stream`, an
 *   `ArrowArrayStream` the host reads to its end and releases exactly once, with each array from
 *   `get_next` released by the host exactly once. `get_schema` must match the negotiated schema.
 *   The stream is used without a `sluice_context` and perhaps from another thread (one at a
 *   time); when a source has both, the host prefers `open_stream`.
 * - `process` (transforms and destinations, required): receives `batch` on input `input_index`.
 *   The host releases `batch` after the call unless the component moved it (set its `release`
 *   to NULL, after taking it over or handing it to `emit`, e.g. a synchronous output passing the
 *   batch on unchanged): the same move rule as Arrow's. Outputs are reached with `emit`.
 * - `end_of_input` (optional): no more batches will come on `input_index`; an asynchronous
 *   output may flush with `emit` now.
 *
 * `ctx` is valid only during the call that received it, on its thread. A failure status stops
 * the data flow (the error's message is raised as for `validate`). Row-level failures go to an
 * error output with `emit`, or, when there is none, fail the call. One instance is called by
 * one thread at a time; different instances may run on different threads at once.
 * Add new members to the end only. Since: ABI 1.0 (this layout: ABI 1.1)
 */
typedef struct sluice_dataflow_vtable {
    uint32_t struct_size;
    sluice_create_fn create;
    sluice_destroy_fn destroy;
    sluice_set_property_fn set_property;
    sluice_validate_fn validate;
    sluice_status (*ports)(void *instance, sluice_ports *out, sluice_error *err);
    sluice_status (*negotiate)(void *instance, int32_t input_count, const struct ArrowSchema *const *input_schemas,
                               int32_t output_count, struct ArrowSchema *out_schemas, sluice_error *err);
    sluice_status (*pre_execute)(void *instance, sluice_context *ctx, sluice_error *err);
    sluice_status (*produce)(void *instance, sluice_context *ctx, int32_t *out_done, sluice_error *err);
    sluice_status (*open_stream)(void *instance, sluice_context *ctx, struct ArrowArrayStream *out_stream,
                                 sluice_error *err);
    sluice_status (*process)(void *instance, sluice_context *ctx, int32_t input_index, struct ArrowArray *batch,
                             sluice_error *err);
    sluice_status (*end_of_input)(void *instance, sluice_context *ctx, int32_t input_index, sluice_error *err);
    sluice_status (*post_execute)(void *instance, sluice_context *ctx, sluice_error *err);
} sluice_dataflow_vtable;
/** The smallest `struct_size` of a sluice_dataflow_vtable (ABI 1.1: through `post_execute`; a
 * data flow component needs a plugin of minor 1 or later). Since: ABI 1.1 */
#define SLUICE_DATAFLOW_VTABLE_SIZE_1_1 SLUICE_SIZE_THROUGH(sluice_dataflow_vtable, post_execute)

/**
 * @brief Functions of a connection manager (SLUICE_COMPONENT_CONNECTION_MANAGER).
 *
 * The connection string arrives as the property `ConnectionString` (declare it to receive it),
 * the package's other properties as declared. Per run: create, set_property, validate (at
 * validation, also by `sluice validate`), then `acquire` once before the first task that uses
 * the connection runs and `release` after the last one finishes (never when no task uses it),
 * and `destroy` when the run ends, on failure and cancel too. A task uses a connection when a
 * property named `connection`, or ending in `Connection`, names it. `acquire` returns an opaque
 * connection that components of the same library understand; they get it through the host's
 * `connection_acquire`. See docs/connections.md.
 * Ownership: the plugin owns `*out_connection` until `release`.
 * Add new members to the end only. Since: ABI 1.0
 */
typedef struct sluice_connection_vtable {
    uint32_t struct_size;
    sluice_create_fn create;
    sluice_destroy_fn destroy;
    sluice_set_property_fn set_property;
    sluice_validate_fn validate;
    sluice_status (*acquire)(void *instance, sluice_context *ctx, void **out_connection, sluice_error *err);
    void (*release)(void *instance, void *connection);
} sluice_connection_vtable;
/** The smallest `struct_size` of a sluice_connection_vtable from a plugin of ABI 1.0
 * or later. Since: ABI 1.0 */
#define SLUICE_CONNECTION_VTABLE_SIZE_1_0 SLUICE_SIZE_THROUGH(sluice_connection_vtable, release)

/**
 * @brief One log entry handed to a log provider. All pointers are borrowed for the call.
 * `struct_size` is the host's `sizeof`; read members added after ABI 1.0 only when
 * `SLUICE_HAS_MEMBER(entry, sluice_log_entry, member)`.
 * Since: ABI 1.0
 */
typedef struct sluice_log_entry {
    uint32_t struct_size;
    int32_t code;               /* Sluice message code or 0 */
    const char *event;          /* "OnError", "OnPreExecute", … or a custom event name */
    const char *source_name;    /* the executable that raised it */
    const char *source_id;      /* its id, a UUID string */
    const char *execution_id;   /* System::ExecutionInstanceGUID */
    const char *message;
    int64_t time_us;            /* microseconds since the Unix epoch, UTC */
} sluice_log_entry;
/** The smallest `struct_size` of a sluice_log_entry the host hands out (ABI 1.0 or later).
 * Since: ABI 1.0 */
#define SLUICE_LOG_ENTRY_SIZE_1_0 SLUICE_SIZE_THROUGH(sluice_log_entry, time_us)

/**
 * @brief Functions of a log provider (SLUICE_COMPONENT_LOG_PROVIDER).
 *
 * `open` may be called more than once in a run (for example by child packages); a provider that
 * writes a file appends. `write_entry` is called for each selected event; `close` once per `open`.
 * Add new members to the end only. Since: ABI 1.0
 */
typedef struct sluice_log_provider_vtable {
    uint32_t struct_size;
    sluice_create_fn create;
    sluice_destroy_fn destroy;
    sluice_set_property_fn set_property;
    sluice_validate_fn validate;
    sluice_status (*open)(void *instance, sluice_context *ctx, sluice_error *err);
    sluice_status (*write_entry)(void *instance, const sluice_log_entry *entry, sluice_error *err);
    sluice_status (*close)(void *instance, sluice_error *err);
} sluice_log_provider_vtable;
/** The smallest `struct_size` of a sluice_log_provider_vtable from a plugin of ABI 1.0
 * or later. Since: ABI 1.0 */
#define SLUICE_LOG_PROVIDER_VTABLE_SIZE_1_0 SLUICE_SIZE_THROUGH(sluice_log_provider_vtable, close)

/**
 * @brief Functions of a foreach enumerator (SLUICE_COMPONENT_FOREACH_ENUMERATOR).
 *
 * `next` fills `out_values` with the columns of the next item (at most `capacity`, the number
 * of variable mappings of the loop) and sets `*out_count`; it returns SLUICE_NO_MORE_ITEMS at the
 * end, which is the only status that ends the loop normally: any other non-OK status (including
 * SLUICE_E_NOT_FOUND) is a failure of the loop, reported with the message in `err`. Values are borrowed until the next call on the instance.
 * Add new members to the end only. Since: ABI 1.0
 */
typedef struct sluice_enumerator_vtable {
    uint32_t struct_size;
    sluice_create_fn create;
    sluice_destroy_fn destroy;
    sluice_set_property_fn set_property;
    sluice_validate_fn validate;
    sluice_status (*begin)(void *instance, sluice_context *ctx, sluice_error *err);
    sluice_status (*next)(void *instance, sluice_context *ctx, sluice_value *out_values, int32_t capacity,
                          int32_t *out_count, sluice_error *err);
    void (*end)(void *instance);
} sluice_enumerator_vtable;
/** The smallest `struct_size` of a sluice_enumerator_vtable from a plugin of ABI 1.0
 * or later. Since: ABI 1.0 */
#define SLUICE_ENUMERATOR_VTABLE_SIZE_1_0 SLUICE_SIZE_THROUGH(sluice_enumerator_vtable, end)

/**
 * @brief One component a library provides.
 *
 * `id` is namespaced and unique across all loaded plugins: lower-case segments of letters,
 * digits, `-` and `_`, separated by dots, at least two segments (`acme.hello`). `vtable` points
 * to the table for `kind`: `sluice_task_vtable` for tasks, `sluice_dataflow_vtable` for sources,
 * transforms and destinations, and so on. `user_data` is handed back through `def` in `create`.
 *
 * The host reads each definition on its own, by its own `struct_size` (the reading rule in
 * sluice_abi.h): a plugin declaring minor 0 gives at least SLUICE_COMPONENT_DEF_SIZE_1_0 bytes,
 * one declaring minor 1 at least SLUICE_COMPONENT_DEF_SIZE_1_1. `display_name`, `description`,
 * `version` (then the library's version is used), `properties` (when `property_count` is 0),
 * `user_data` and `connection_kind` may be NULL.
 *
 * Ownership: the plugin owns everything; it must stay valid for the life of the process.
 * Add new members to the end only. Since: ABI 1.0
 */
typedef struct sluice_component_def {
    uint32_t struct_size; /* sizeof(sluice_component_def) as the plugin was built */
    int32_t kind;         /* SLUICE_COMPONENT_* */
    const char *id;
    const char *display_name;
    const char *description;
    const char *version; /* the component's own version, e.g. "1.2.0" */
    uint32_t property_count;
    const sluice_property_def *properties; /* property_count entries, may be NULL when 0 */
    const void *vtable;
    void *user_data;
    /* ABI 1.1 and later. */
    /** For a connection manager: the stock connection kind whose connection strings it follows
     * (`sluice.file`, `sluice.sqlite`), so stock tasks that take that kind may use it. NULL
     * otherwise, and NULL for every other component kind; when set, a namespaced id as `id` is.
     * Since: ABI 1.1 */
    const char *connection_kind;
} sluice_component_def;
/** The smallest `struct_size` of a component definition from a plugin declaring minor 0 (the
 * ABI 1.0 members, through `user_data`). Since: ABI 1.0 */
#define SLUICE_COMPONENT_DEF_SIZE_1_0 SLUICE_SIZE_THROUGH(sluice_component_def, user_data)
/** The smallest `struct_size` of a component definition from a plugin declaring minor 1
 * (through `connection_kind`). Since: ABI 1.1 */
#define SLUICE_COMPONENT_DEF_SIZE_1_1 SLUICE_SIZE_THROUGH(sluice_component_def, connection_kind)

/**
 * @brief What `sluice_plugin_entry` returns.
 *
 * The first three members never move in any ABI version, so a host can read the version of a
 * plugin built for any other version. `init` is optional (may be NULL); it runs once, after the
 * host has checked the descriptor, and may refuse to load (a non-OK status and a message).
 * `vendor` and `description` may be NULL.
 *
 * `components` is an array of `component_count` POINTERS, each to one `sluice_component_def`
 * read by its own `struct_size`: a definition can grow without moving the next one.
 *
 * Ownership: the plugin owns the descriptor and everything it points to; all of it must be
 * static (valid for the life of the process) and must not change after it is returned.
 * Add new members to the end only. Since: ABI 1.0
 */
typedef struct sluice_plugin_descriptor {
    uint32_t abi_major;   /* SLUICE_ABI_MAJOR the plugin was built with */
    uint32_t abi_minor;   /* SLUICE_ABI_MINOR the plugin was built with */
    uint32_t struct_size; /* sizeof(sluice_plugin_descriptor) as the plugin was built */
    uint32_t component_count;
    const char *name;    /* the library's name, namespaced like component ids: "acme.greetings" */
    const char *version; /* the library's version, e.g. "1.0.0" */
    const char *vendor;
    const char *description;
    const sluice_component_def *const *components; /* component_count pointers, none NULL */
    sluice_status (*init)(const sluice_host_api *host, sluice_error *err);
} sluice_plugin_descriptor;
/** The smallest `struct_size` of a descriptor (ABI 1.0 and 1.1: through `init`).
 * Since: ABI 1.0 */
#define SLUICE_PLUGIN_DESCRIPTOR_SIZE_1_0 SLUICE_SIZE_THROUGH(sluice_plugin_descriptor, init)

/**
 * @brief The type of the entry symbol. It returns the descriptor and does nothing else: no I/O,
 * no side effects (the host may call it in a scanning child process). Building the descriptor
 * once on the first call is allowed (languages without static initializers need it) provided
 * that every call returns the same pointer and the first call is thread-safe.
 * Since: ABI 1.0
 */
typedef const sluice_plugin_descriptor *(*sluice_plugin_entry_fn)(void);

/** The entry symbol every plugin library exports (declared here so definitions are checked).
 * Ownership: the returned descriptor is the plugin's, static. Since: ABI 1.0 */
SLUICE_EXPORT const sluice_plugin_descriptor *sluice_plugin_entry(void);

/**
 * @brief Declares the entry symbol returning `descriptor` (an object of static storage).
 *
 *     static const sluice_component_def *const components[] = { &hello };
 *     static const sluice_plugin_descriptor descriptor = { SLUICE_ABI_MAJOR, SLUICE_ABI_MINOR,
 *         sizeof(sluice_plugin_descriptor), 1, "acme.greetings", "1.0.0", "Acme", "…",
 *         components, NULL };
 *     SLUICE_PLUGIN_DEFINE(descriptor)
 *
 * Since: ABI 1.0
 */
#define SLUICE_PLUGIN_DEFINE(descriptor) \
    SLUICE_EXPORT const sluice_plugin_descriptor *sluice_plugin_entry(void) { return &(descriptor); }

#ifdef __cplusplus
}
#endif

#endif /* SLUICE_PLUGIN_H */
