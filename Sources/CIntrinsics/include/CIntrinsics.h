// For LoftIngest's hot loops: a prefetch hint and 64-byte SIMD scans, which Swift cannot
// reach (compiler builtins and x86 intrinsics are C only). Header-only and inline, so that
// Swift's optimiser inlines them into the loops that call them.

#ifndef CINTRINSICS_H
#define CINTRINSICS_H

#include <stdint.h>

#if defined(__x86_64__)
#include <emmintrin.h>
#endif

/// Asks the CPU to start loading the cache line at `address` for reading; it never faults and
/// changes nothing else, so a wrong address costs only the fetch.
static inline void loft_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// A mask of the 64 bytes at `bytes` (all of them readable): bit i is set when byte i equals
/// `a`, `b`, `c` or `d`.
static inline uint64_t loft_find_bytes64(
    const uint8_t *bytes, uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  uint64_t mask = 0;
#if defined(__x86_64__)
  // SSE2, which every x86-64 CPU has: 16 bytes compared at once.
  const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b);
  const __m128i vc = _mm_set1_epi8((char)c), vd = _mm_set1_epi8((char)d);
  for (int block = 0; block < 4; block++) {
    const __m128i x = _mm_loadu_si128((const __m128i *)(bytes + 16 * block));
    const __m128i hits = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)),
        _mm_or_si128(_mm_cmpeq_epi8(x, vc), _mm_cmpeq_epi8(x, vd)));
    mask |= (uint64_t)(uint16_t)_mm_movemask_epi8(hits) << (16 * block);
  }
#else
  for (int i = 0; i < 64; i++) {
    const uint8_t byte = bytes[i];
    if (byte == a || byte == b || byte == c || byte == d) mask |= (uint64_t)1 << i;
  }
#endif
  return mask;
}

/// Masks of the 64 bytes at `bytes` (all of them readable) for a text sniffer: bit i of
/// `*line_feeds` set where byte i is LF (0x0A), of `*carriage_returns` where it is CR (0x0D).
/// Returns the mask of the bytes that are NUL or above 0x7F: where these are 0, the bytes are
/// plain ASCII and only their line endings matter.
static inline uint64_t loft_text_bytes64(
    const uint8_t *bytes, uint64_t *line_feeds, uint64_t *carriage_returns) {
  uint64_t lf = 0, cr = 0, other = 0;
#if defined(__x86_64__)
  const __m128i vlf = _mm_set1_epi8(0x0A), vcr = _mm_set1_epi8(0x0D);
  const __m128i zero = _mm_setzero_si128();
  for (int block = 0; block < 4; block++) {
    const __m128i x = _mm_loadu_si128((const __m128i *)(bytes + 16 * block));
    const int shift = 16 * block;
    lf |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vlf)) << shift;
    cr |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vcr)) << shift;
    // The sign bit is the high bit of each byte.
    other |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_or_si128(x, _mm_cmpeq_epi8(x, zero)))
             << shift;
  }
#else
  for (int i = 0; i < 64; i++) {
    const uint8_t byte = bytes[i];
    if (byte == 0x0A) lf |= (uint64_t)1 << i;
    if (byte == 0x0D) cr |= (uint64_t)1 << i;
    if (byte == 0 || byte > 0x7F) other |= (uint64_t)1 << i;
  }
#endif
  *line_feeds = lf;
  *carriage_returns = cr;
  return other;
}

/// Masks of the 64 bytes at `bytes` (all of them readable) for the CSV tokenizer: returns the
/// mask of the bytes equal to `delimiter`; sets bit i of `*newlines` where byte i equals
/// `newline`, of `*quotes` where it is `"` and of `*returns` where it is CR (0x0D).
static inline uint64_t loft_csv_bytes64(
    const uint8_t *bytes, uint8_t delimiter, uint8_t newline, uint64_t *newlines,
    uint64_t *quotes, uint64_t *returns) {
  uint64_t delimiters = 0, lines = 0, quote_mask = 0, return_mask = 0;
#if defined(__x86_64__)
  const __m128i vd = _mm_set1_epi8((char)delimiter), vn = _mm_set1_epi8((char)newline);
  const __m128i vq = _mm_set1_epi8('"'), vr = _mm_set1_epi8(0x0D);
  for (int block = 0; block < 4; block++) {
    const __m128i x = _mm_loadu_si128((const __m128i *)(bytes + 16 * block));
    const int shift = 16 * block;
    delimiters |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vd)) << shift;
    lines |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vn)) << shift;
    quote_mask |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vq)) << shift;
    return_mask |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vr)) << shift;
  }
#else
  for (int i = 0; i < 64; i++) {
    const uint8_t byte = bytes[i];
    if (byte == delimiter) delimiters |= (uint64_t)1 << i;
    if (byte == newline) lines |= (uint64_t)1 << i;
    if (byte == '"') quote_mask |= (uint64_t)1 << i;
    if (byte == 0x0D) return_mask |= (uint64_t)1 << i;
  }
#endif
  *newlines = lines;
  *quotes = quote_mask;
  *returns = return_mask;
  return delimiters;
}

#endif
