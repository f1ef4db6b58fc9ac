/* The byte-scanning kernel of the CSV reader: one 64-byte block -> three bitmasks (bit i set
 * where byte i is the delimiter, a newline, the text qualifier). Header-inline so Swift inlines
 * it into the splitter loop; SSE2 (always present on x86-64) with a portable fallback. The
 * caller guarantees 64 readable bytes (the reader pads its buffer). */
#ifndef SLUICE_CSV_KERNEL_H
#define SLUICE_CSV_KERNEL_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef struct {
    uint64_t delimiter;
    uint64_t newline;
    uint64_t quote;
} sluice_csv_masks;

#if defined(__SSE2__)
static inline uint64_t sluice_csv_eq16(__m128i v, __m128i c) {
    return (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, c));
}
#endif

static inline sluice_csv_masks sluice_csv_block_masks(const uint8_t *p, uint8_t delimiter, uint8_t quote) {
    sluice_csv_masks m = {0, 0, 0};
#if defined(__SSE2__)
    const __m128i d = _mm_set1_epi8((char)delimiter), n = _mm_set1_epi8('\n'), q = _mm_set1_epi8((char)quote);
    for (int i = 0; i < 4; i++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * i));
        m.delimiter |= sluice_csv_eq16(v, d) << (16 * i);
        m.newline |= sluice_csv_eq16(v, n) << (16 * i);
        m.quote |= sluice_csv_eq16(v, q) << (16 * i);
    }
#else
    for (int i = 0; i < 64; i++) {
        m.delimiter |= (uint64_t)(p[i] == delimiter) << i;
        m.newline |= (uint64_t)(p[i] == '\n') << i;
        m.quote |= (uint64_t)(p[i] == quote) << i;
    }
#endif
    return m;
}

#endif
