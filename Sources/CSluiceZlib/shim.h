// Why this shim exists: inflateInit2 and deflateInit2 are macros (they pass the library's version
// and the stream's size), which Swift cannot import; these functions call them.
#include <zlib.h>
static inline int csluice_inflate_init_raw(z_stream *stream) { return inflateInit2(stream, -MAX_WBITS); }
static inline int csluice_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
