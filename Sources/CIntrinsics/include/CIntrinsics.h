// For LoftIngest's hot loops: a prefetch hint and a 64-byte SIMD search, which Swift cannot
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

#endif
