/*
 * sluice_abi.h: versions, status codes, the error buffer and values that cross the plugin boundary.
 *
 * This header is part of the Sluice plugin ABI. It includes only <stdint.h> and <stddef.h>,
 * compiles as C11 and C++, and uses fixed-width types only.
 */
#ifndef SLUICE_ABI_H
#define SLUICE_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief The ABI version this header describes.
 *
 * The version rule, checked by the host before it runs any other plugin code:
 * a plugin is accepted when its `abi_major == SLUICE_ABI_MAJOR` of the host and its
 * `abi_minor <= SLUICE_ABI_MINOR` of the host. A plugin built against an older minor keeps
 * working with a newer host; a plugin built against a newer minor is refused, because it may
 * call host services the older host does not have.
 *
 * ABI 1.1 adds `sluice_component_def.connection_kind`, host services at the end of
 * `sluice_host_api` (`connection_acquire`, `emit`), the Arrow C Stream Interface, and replaces
 * the data flow table (`sluice_dataflow_vtable`, with `sluice_ports`, `sluice_input_def` and
 * `sluice_output_def`), which no 1.0 engine ever drove: data flow components need minor 1.
 * Every addition is marked "Since: ABI 1.1".
 *
 * Since: ABI 1.0
 */
#define SLUICE_ABI_MAJOR 1
#define SLUICE_ABI_MINOR 1
/** Single-number form of the version (Lua's formula): major * 100 + minor. Since: ABI 1.0 */
#define SLUICE_ABI_VERSION_NUM (SLUICE_ABI_MAJOR * 100 + SLUICE_ABI_MINOR)

/**
 * @brief How a struct grows, and the reading rule every reader (host and plugin) applies.
 *
 * Structs that may grow start with `uint32_t struct_size` (the descriptor has it third, after
 * the version): the plugin descriptor, the component definition, every vtable, the host table
 * and the log entry. The writer sets it to `sizeof` the struct as it was built; new members are
 * only ever added at the end, marked with the ABI minor that added them. There is no reserved
 * padding: growth is by `struct_size` alone. A reader of such a struct:
 *
 *   1. copies min(struct_size, sizeof what it knows) bytes into a zeroed struct, and reads only
 *      the copy: members beyond the writer's `struct_size` read as zero / NULL (absent). A
 *      reader that takes members one by one instead reads only those `SLUICE_HAS_MEMBER` finds;
 *   2. rejects a `struct_size` smaller than the minimum for the writer's declared minor (the
 *      `SLUICE_*_SIZE_1_N` constants below each struct): the host refuses such a plugin with
 *      SLUICE_E_PLUGIN_STRUCT_TOO_SMALL (30013), naming the struct;
 *   3. accepts a larger `struct_size` (a newer writer) and ignores the unknown tail.
 *
 * A plugin reads the host's structs (`sluice_host_api`, `sluice_log_entry`, which carry the
 * host's size) the same way; `SLUICE_HAS_MEMBER(ptr, type, member)` tells whether the host's
 * struct has a member added in a later minor before the plugin touches it.
 *
 * Structs laid out in arrays or in caller buffers cannot be walked by size and are FROZEN for
 * major 1: `sluice_property_def`, `sluice_value` and `sluice_error`. Arrays of growable structs
 * are arrays of pointers (`sluice_plugin_descriptor.components`).
 *
 * Since: ABI 1.0
 */
/** Bytes from the start of `type` through the end of `member`: a per-version minimum size.
 * Since: ABI 1.0 */
#define SLUICE_SIZE_THROUGH(type, member) ((uint32_t)(offsetof(type, member) + sizeof(((type *)0)->member)))
/** 1 when the struct behind `ptr` (its `struct_size` set by the writer) contains `member` of
 * `type`; 0 when the writer was built before the member existed. Since: ABI 1.0 */
#define SLUICE_HAS_MEMBER(ptr, type, member) ((ptr)->struct_size >= SLUICE_SIZE_THROUGH(type, member))

/** Exported from a shared library so that it works under any host, C or C++. Since: ABI 1.0 */
#if defined(_WIN32)
#define SLUICE_EXPORT __declspec(dllexport)
#else
#define SLUICE_EXPORT __attribute__((visibility("default")))
#endif

/**
 * @brief Status returned by every function that can fail.
 *
 * `SLUICE_OK` is success; every other value is a failure and, where the function takes a
 * `sluice_error *`, the callee has written a message into it, except SLUICE_NO_MORE_ITEMS, which
 * only an enumerator's `next` returns, for its normal end. Each status has one meaning:
 * SLUICE_E_CANCELED is only for a call that stopped because `is_canceled` said so; returned when
 * no cancel was requested, the host treats it as a failure (SLUICE_E_PLUGIN_CANCELED_UNASKED).
 * Values are stable; new ones are only ever added.
 *
 * Since: ABI 1.0
 */
typedef int32_t sluice_status;
#define SLUICE_OK 0
#define SLUICE_E_INVALID_ARGUMENT 1 /* a bad argument or property value */
#define SLUICE_E_UNSUPPORTED 2      /* the operation is not implemented by this side */
#define SLUICE_E_IO 3               /* a file, process or network operation failed */
#define SLUICE_E_FAILED 4           /* the component's own logic failed (validation, execution) */
#define SLUICE_E_CANCELED 5         /* the run was canceled while the call was in progress */
#define SLUICE_E_NOT_FOUND 6        /* a variable, connection or property does not exist */
#define SLUICE_E_TYPE_MISMATCH 7    /* a value of the wrong type */
#define SLUICE_E_READ_ONLY 8        /* a write to a read-only variable */
#define SLUICE_E_NO_MEMORY 9        /* an allocation failed */
#define SLUICE_NO_MORE_ITEMS 10     /* a foreach enumerator's `next`: no more items (not a failure) */

/** Size of the message buffer in `sluice_error`, including the terminating NUL. Since: ABI 1.0 */
#define SLUICE_ERROR_MESSAGE_SIZE 1024

/**
 * @brief A caller-owned buffer that receives an error message.
 *
 * The caller allocates it (usually on its stack), zeroes it and passes a pointer as the last
 * argument. On failure the callee writes a NUL-terminated UTF-8 message of at most
 * `SLUICE_ERROR_MESSAGE_SIZE - 1` bytes into `message` and may set `code`: a code of its own in
 * 100000-199999 (reserved for plugins; the host never uses it), or a Sluice message code (see
 * `sluice errors`); 0 means "no specific code", and any other value is ignored. The OnError (or
 * warning) event and the log of the failure carry that code, with the host's message code kept
 * in the message text. Nothing in it is ever freed.
 *
 * Ownership: the caller owns the struct; the callee only writes into it during the call.
 * Frozen for ABI major 1 (a caller's buffer: its size is never read from it).
 * Since: ABI 1.0
 */
typedef struct sluice_error {
    int32_t code;
    char message[SLUICE_ERROR_MESSAGE_SIZE];
} sluice_error;

/**
 * @brief Kinds of `sluice_value`. Values are stable; new kinds are only ever added.
 * Since: ABI 1.0
 */
#define SLUICE_VALUE_NULL 0
#define SLUICE_VALUE_BOOL 1      /* as.boolean: 0 or 1 */
#define SLUICE_VALUE_INT64 2     /* as.int64 (DT_I1..DT_I8, and unsigned types that fit) */
#define SLUICE_VALUE_DOUBLE 3    /* as.float64 (DT_R4, DT_R8, DT_NUMERIC, DT_DECIMAL, DT_CY) */
#define SLUICE_VALUE_STRING 4    /* as.string: UTF-8 (DT_STR, DT_WSTR, DT_GUID as text) */
#define SLUICE_VALUE_TIMESTAMP 5 /* as.int64: microseconds since 1970-01-01T00:00:00Z (dates) */
#define SLUICE_VALUE_BYTES 6     /* as.bytes (DT_BYTES, DT_IMAGE) */

/**
 * @brief A typed scalar value, used for variables and properties.
 *
 * Strings and bytes are not NUL-terminated by contract (`length` counts bytes), although the
 * host always adds a NUL after string data it hands out.
 *
 * Ownership: whoever fills the struct owns the memory `as.string.data` / `as.bytes.data` point to.
 * Values given by the host are borrowed; see each function for how long they stay valid.
 * Values given to the host are copied during the call.
 * Frozen for ABI major 1 (laid out in arrays: an enumerator's `out_values`): 24 bytes on LP64,
 * `kind` at 0, 4 bytes of padding, the union at 8.
 * Since: ABI 1.0
 */
typedef struct sluice_value {
    int32_t kind; /* SLUICE_VALUE_* */
    union {
        int32_t boolean;
        int64_t int64;
        double float64;
        struct {
            const char *data;
            int64_t length;
        } string;
        struct {
            const uint8_t *data;
            int64_t length;
        } bytes;
    } as;
} sluice_value;

#ifdef __cplusplus
}
#endif

#endif /* SLUICE_ABI_H */
