/*
 * sluice_host.h: the services the host offers to plugins.
 *
 * Plugins never link against host symbols: every service is a function pointer in
 * `sluice_host_api`, handed to the plugin in `init` and in every `create`. A plugin library
 * therefore loads under any host binary that speaks the same ABI major.
 */
#ifndef SLUICE_HOST_H
#define SLUICE_HOST_H

#include "sluice_abi.h"
#include "sluice_arrow.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief An opaque handle to one call's execution context (a task being validated or run,
 * a data flow component, a log provider being opened, an enumerator being walked).
 *
 * Think of it as the task host of SSIS: through it a component sees the variables it may use,
 * the connections, the event sink and the cancellation state, and nothing else.
 *
 * Ownership: the host owns it. It is valid only during the call that received it
 * (validate, execute, …) and on the thread that made that call. Never store it.
 * Since: ABI 1.0
 */
typedef struct sluice_context sluice_context;

/**
 * The most bytes of a message (and of a custom event's name) the host keeps from `fire_*` and
 * `write_log`: it reads no further than this, so a message need not be shorter, and one that
 * is longer is cut at a UTF-8 character boundary and ends with "… [truncated]".
 * Since: ABI 1.0
 */
#define SLUICE_EVENT_MESSAGE_MAX 65536

/** Log levels for `sluice_host_api.write_log`. Since: ABI 1.0 */
#define SLUICE_LOG_DEBUG 0
#define SLUICE_LOG_INFO 1
#define SLUICE_LOG_WARNING 2
#define SLUICE_LOG_ERROR 3

/**
 * @brief The host services table.
 *
 * Add new members to the end of this structure only. `struct_size` is the host's `sizeof`; a
 * plugin that needs a member added in ABI 1.N checks
 * `SLUICE_HAS_MEMBER(host, sluice_host_api, member)` before it calls it (the reading rule in
 * sluice_abi.h), since an older host's table ends before it.
 *
 * Every function here is safe to call from the thread that received the `sluice_context`.
 * Strings passed to the host are copied during the call; the plugin keeps ownership.
 *
 * Ownership: the host owns the table; it stays valid for the life of the process.
 * Since: ABI 1.0
 */
typedef struct sluice_host_api {
    uint32_t struct_size; /* sizeof(sluice_host_api) as the host was built */
    uint32_t abi_major;   /* the host's SLUICE_ABI_MAJOR */
    uint32_t abi_minor;   /* the host's SLUICE_ABI_MINOR */

    /* Events. Each raises the SSIS-style event of the same name on the current executable;
     * it reaches the caller's event sink and bubbles to event handlers. `code` is a Sluice
     * message code or 0. `message` is UTF-8 and may be NULL (treated as ""). Since: ABI 1.0 */
    void (*fire_error)(sluice_context *ctx, int32_t code, const char *message);
    void (*fire_warning)(sluice_context *ctx, int32_t code, const char *message);
    void (*fire_information)(sluice_context *ctx, int32_t code, const char *message);
    /* `percent` is 0..100; values outside are clamped. */
    void (*fire_progress)(sluice_context *ctx, int32_t percent, const char *message);
    /* A task-defined event named `event_name` with free text. */
    void (*fire_custom)(sluice_context *ctx, const char *event_name, const char *text);

    /**
     * Writes a line to the run's log at `level` (SLUICE_LOG_*, every level kept, DEBUG too), as
     * SSIS's custom log entries: a custom event named `PluginLog`, its text `LEVEL: message`
     * (`DEBUG`, `INFO`, `WARNING`, `ERROR`, or `LEVEL n` for another value). Log providers and
     * `--report C` show it; it raises no OnInformation, OnWarning or OnError event and counts
     * no error: to fail, return a failure status or call `fire_error`.
     * Since: ABI 1.0
     */
    void (*write_log)(sluice_context *ctx, int32_t level, const char *message);

    /**
     * Reads a variable by qualified name (`User::Greeting`) or plain name (`Greeting`, found in
     * any namespace, innermost scope first). Fills `out`.
     * Ownership: string or byte data in `out` is owned by the host and stays valid until the
     * next `variable_get`, `connection_string` or `connection_acquire` call on the same context, or until the call
     * that received `ctx` returns, whichever comes first. Copy it to keep it. A string's
     * `length` counts every byte (a U+0000 inside the value included) and a NUL follows them,
     * so `data` is also a C string up to the first NUL.
     * Returns SLUICE_OK, or SLUICE_E_NOT_FOUND with a message in `err`.
     * Since: ABI 1.0
     */
    sluice_status (*variable_get)(sluice_context *ctx, const char *name, sluice_value *out, sluice_error *err);

    /**
     * Writes a variable. The value is converted to the variable's declared type; a value that
     * cannot be converted gives SLUICE_E_TYPE_MISMATCH, a read-only variable (all of `System::`)
     * gives SLUICE_E_READ_ONLY, an unknown one SLUICE_E_NOT_FOUND. The host copies the value.
     * Ownership: `value` stays the plugin's; the host copies it during the call.
     * Since: ABI 1.0
     */
    sluice_status (*variable_set)(sluice_context *ctx, const char *name, const sluice_value *value, sluice_error *err);

    /**
     * Gives the connection string of the package's connection manager `name`.
     * Ownership: `*out` is owned by the host, valid as for `variable_get`.
     * Since: ABI 1.0
     */
    sluice_status (*connection_string)(sluice_context *ctx, const char *name, const char **out, sluice_error *err);

    /* Returns 1 when the run has been asked to stop (Ctrl-C, a catalog stop request, a failed
     * sibling with FailPackageOnFailure); 0 otherwise. Long-running work polls it and returns
     * SLUICE_E_CANCELED promptly. This is SSIS's QueryCancel. */
    int32_t (*is_canceled)(sluice_context *ctx);

    /**
     * Memory the host may free (and memory the plugin got from the host) goes through these.
     * `allocate` returns a block aligned to at least 16 bytes, or NULL when `size` cannot be
     * had (it never aborts the process, whatever the size); `allocate(0)` returns a unique
     * pointer that must be deallocated like any other. `deallocate(NULL)` does nothing. Both
     * may be called from any thread, at any time, with or without a call in progress.
     * (Member names avoid `log`, `alloc` and `free`, which <tgmath.h> or debug allocators may
     * define as macros.)
     * Ownership: a block belongs to whoever holds it; release it exactly once with `deallocate`.
     * Since: ABI 1.0
     */
    void *(*allocate)(uint64_t size);
    void (*deallocate)(void *pointer);

    /* ABI 1.1 and later: new members go here, at the end. */

    /**
     * Gives the acquired connection of the package's connection manager `name`, for a task or
     * component to use during the call that received `ctx`.
     *
     * For a connection manager of a plugin, `*out_connection` is the opaque handle its `acquire`
     * returned (the host acquires it before the first task that uses it runs, and releases it
     * after the last one finishes: see docs/connections.md), and `*out_connection_string` the
     * connection string it was acquired with. For a built-in kind (`sluice.file`,
     * `sluice.sqlite`) `*out_connection` is NULL and the string is the current connection string.
     * A handle means something only to the library that made it: asking for the connection of
     * another library's connection manager gives SLUICE_E_TYPE_MISMATCH and a message, and sets
     * nothing. An unknown `name` gives SLUICE_E_NOT_FOUND; a connection whose `acquire` fails
     * gives SLUICE_E_FAILED with that failure's message in `err`.
     * Ownership: the handle stays the connection manager's (never release or free it; do not
     * keep it past the call); `*out_connection_string` is the host's, valid as for `variable_get`.
     * Either out pointer may be NULL when its value is not wanted.
     * Since: ABI 1.1
     */
    sluice_status (*connection_acquire)(sluice_context *ctx, const char *name, void **out_connection,
                                        const char **out_connection_string, sluice_error *err);

    /**
     * Hands one batch to output `output_index` of the data flow component whose call received
     * `ctx` (`produce`, `process` or `end_of_input`; any other call gets SLUICE_E_UNSUPPORTED).
     * `batch` is a struct array ("+s") whose children match, in order and type, the schema the
     * component gave for that output in `negotiate`; a batch for an error output ends with the
     * int32 children `ErrorCode` and `ErrorColumn`. A call may emit any number of batches to any
     * of its outputs, in any order; a batch of 0 rows is allowed and passed on.
     *
     * Ownership: the host MOVES the batch, whatever the status: on return `batch->release` is
     * NULL and the host releases it exactly once (possibly later, on another thread, so its
     * `release` must be thread-safe and must not need `ctx`). Buffers must not change after the
     * call. A batch whose `release` is already NULL gives SLUICE_E_INVALID_ARGUMENT.
     * Returns SLUICE_OK; SLUICE_E_INVALID_ARGUMENT (no such output, or a batch that does not
     * match its schema: the message says what); SLUICE_E_CANCELED when the run is stopping (the
     * emit may block while the output's queue is full: this is back-pressure). On any failure,
     * return a failure from the call in progress.
     * Since: ABI 1.1
     */
    sluice_status (*emit)(sluice_context *ctx, int32_t output_index, struct ArrowArray *batch, sluice_error *err);
} sluice_host_api;
/** The smallest `struct_size` of a host table (ABI 1.0: through `deallocate`). Since: ABI 1.0 */
#define SLUICE_HOST_API_SIZE_1_0 SLUICE_SIZE_THROUGH(sluice_host_api, deallocate)
/** The smallest `struct_size` of a host table of ABI 1.1 (through `emit`). Since: ABI 1.1 */
#define SLUICE_HOST_API_SIZE_1_1 SLUICE_SIZE_THROUGH(sluice_host_api, emit)

#ifdef __cplusplus
}
#endif

#endif /* SLUICE_HOST_H */
