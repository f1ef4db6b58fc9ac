/*
 * sluice_arrow.h: the Arrow C Data Interface structs, verbatim, under Arrow's own guard.
 *
 * Data flow batches cross the plugin boundary as `struct ArrowArray` (a struct array whose
 * children are the columns) described by `struct ArrowSchema`. If the including code already has
 * these definitions (from arrow/c/abi.h or nanoarrow), the guard keeps one copy.
 *
 * Ownership follows Arrow's release rules: the producer fills the struct and sets `release`;
 * the consumer calls `release` exactly once when done; a released struct has `release == NULL`.
 * Moving a struct (copying its bytes and setting the source's `release` to NULL) hands the duty
 * to release it to the new holder.
 *
 * The Arrow C Stream Interface (`struct ArrowArrayStream`, under its own guard) lets a data flow
 * source hand the host a stream of batches (`sluice_dataflow_vtable.open_stream`).
 * Since: ABI 1.0 (the stream interface: ABI 1.1)
 */
#ifndef SLUICE_ARROW_H
#define SLUICE_ARROW_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
    /* Array type description */
    const char *format;
    const char *name;
    const char *metadata;
    int64_t flags;
    int64_t n_children;
    struct ArrowSchema **children;
    struct ArrowSchema *dictionary;

    /* Release callback */
    void (*release)(struct ArrowSchema *);
    /* Opaque producer-specific data */
    void *private_data;
};

struct ArrowArray {
    /* Array data description */
    int64_t length;
    int64_t null_count;
    int64_t offset;
    int64_t n_buffers;
    int64_t n_children;
    const void **buffers;
    struct ArrowArray **children;
    struct ArrowArray *dictionary;

    /* Release callback */
    void (*release)(struct ArrowArray *);
    /* Opaque producer-specific data */
    void *private_data;
};

#endif /* ARROW_C_DATA_INTERFACE */

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
    /* Callbacks providing stream functionality */
    int (*get_schema)(struct ArrowArrayStream *, struct ArrowSchema *out);
    int (*get_next)(struct ArrowArrayStream *, struct ArrowArray *out);
    const char *(*get_last_error)(struct ArrowArrayStream *);

    /* Release callback */
    void (*release)(struct ArrowArrayStream *);

    /* Opaque producer-specific data */
    void *private_data;
};

#endif /* ARROW_C_STREAM_INTERFACE */

#ifdef __cplusplus
}
#endif

#endif /* SLUICE_ARROW_H */
