// SHA-256 block compression with the x86 SHA extensions (SHA256RNDS2, SHA256MSG1, SHA256MSG2).
//
// Written from the instructions' definitions in the Intel SDM, vol. 2. Vector names list the
// lanes from the highest down, as the SDM does: `abef` holds A in bits 127:96 and F in 31:0.

#include "CSHA256.h"

// K[0..63] (FIPS 180-4, 4.2.2): the first 32 bits of the fractional parts of the cube roots of
// the first 64 primes. The one table for both compression functions; aligned so that each
// group of four loads as one vector.
static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
};

const uint32_t *loft_sha256_round_constants(void) { return round_constants; }

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>

// The feature bits (SDM vol. 2A, CPUID): leaf 1 in ECX, leaf 7 sub-leaf 0 in EBX.
enum {
  leaf1_ecx_ssse3 = 1 << 9,
  leaf1_ecx_sse4_1 = 1 << 19,
  leaf7_ebx_sha = 1 << 29,
};

bool loft_sha256_hardware_available(void) {
  unsigned int eax, ebx, ecx, edx;
  // Both helpers return 0 for a leaf beyond the highest one the CPU reports.
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
    return false;
  }
  const bool shuffles = (ecx & leaf1_ecx_ssse3) && (ecx & leaf1_ecx_sse4_1);
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
    return false;
  }
  return shuffles && (ebx & leaf7_ebx_sha);
}

// The instructions this file may use; the caller checks them with
// `loft_sha256_hardware_available` first, so no compiler flag is needed for the whole target.
#define SHA_TARGET __attribute__((target("sha,ssse3,sse4.1")))

// The shuffle for `_mm_shuffle_epi32` that reverses the four 32-bit lanes.
#define REVERSE_LANES 0x1b

// Rounds 4g..4g+3, given the message words W[4g..4g+3] (W[4g] in the lowest lane).
static inline SHA_TARGET __attribute__((always_inline)) void four_rounds(
    __m128i *abef, __m128i *cdgh, __m128i words, int g) {
  // W + K for the four rounds.
  const __m128i wk =
      _mm_add_epi32(words, _mm_load_si128((const __m128i *)&round_constants[4 * g]));
  // SHA256RNDS2 runs two rounds with the W + K in the low half of its third operand. It
  // returns the new A B E F; the new C D G H are the old A B E F.
  const __m128i abef_two = _mm_sha256rnds2_epu32(*cdgh, *abef, wk);
  // The next two rounds take the high half of W + K.
  const __m128i abef_four = _mm_sha256rnds2_epu32(*abef, abef_two, _mm_unpackhi_epi64(wk, wk));
  *cdgh = abef_two;
  *abef = abef_four;
}

// Four message words from 16 bytes at `bytes` (any alignment), each read big-endian.
static inline SHA_TARGET __attribute__((always_inline)) __m128i load_big_endian(
    const uint8_t *bytes, __m128i byte_swap) {
  return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)bytes), byte_swap);
}

SHA_TARGET
void loft_sha256_compress_hardware(uint32_t state[8], const void *blocks, size_t count) {
  // PSHUFB with this mask reverses the bytes within each 32-bit lane: the message is
  // big-endian.
  const __m128i byte_swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);

  // The state as a..h in memory is the vectors `dcba` and `hgfe`; SHA256RNDS2 wants it
  // regrouped as `abef` and `cdgh`.
  const __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
  const __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
  const __m128i abcd = _mm_shuffle_epi32(dcba, REVERSE_LANES);
  const __m128i efgh = _mm_shuffle_epi32(hgfe, REVERSE_LANES);
  // The high halves of `efgh` and `abcd` are `ef` and `ab`; the low halves `gh` and `cd`.
  __m128i abef = _mm_unpackhi_epi64(efgh, abcd);
  __m128i cdgh = _mm_unpacklo_epi64(efgh, abcd);

  const uint8_t *block = blocks;
  for (size_t n = 0; n < count; n++, block += 64) {
    // The state before the block, added back after its 64 rounds.
    const __m128i abef_before = abef;
    const __m128i cdgh_before = cdgh;
    // W[t] needs only the sixteen words before it, held as four vectors with the earliest
    // word in the lowest lane. For t = 16 they are the block itself, read as big-endian words.
    __m128i w16 = load_big_endian(block, byte_swap);  // W[t-16..t-13]
    __m128i w12 = load_big_endian(block + 16, byte_swap);  // W[t-12..t-9]
    __m128i w8 = load_big_endian(block + 32, byte_swap);  // W[t-8..t-5]
    __m128i w4 = load_big_endian(block + 48, byte_swap);  // W[t-4..t-1]
    four_rounds(&abef, &cdgh, w16, 0);
    four_rounds(&abef, &cdgh, w12, 1);
    four_rounds(&abef, &cdgh, w8, 2);
    four_rounds(&abef, &cdgh, w4, 3);

    // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], for t = 4g..4g+3.
    for (int g = 4; g < 16; g++) {
      // SHA256MSG1: W[t-16] + σ0(W[t-15]), taking W[t-12] from `w12` for the highest lane.
      __m128i words = _mm_sha256msg1_epu32(w16, w12);
      // PALIGNR: W[t-7..t-4] are the three high lanes of `w8` and the lowest of `w4`.
      words = _mm_add_epi32(words, _mm_alignr_epi8(w4, w8, 4));
      // SHA256MSG2: adds σ1(W[t-2]) and σ1(W[t-1]) from `w4` to the two low lanes, then σ1 of
      // the two words it has just made to the two high lanes.
      words = _mm_sha256msg2_epu32(words, w4);
      four_rounds(&abef, &cdgh, words, g);
      // On to the next four words; the vectors move rather than being indexed, so that they
      // stay in registers even where the loop is not unrolled.
      w16 = w12;
      w12 = w8;
      w8 = w4;
      w4 = words;
    }

    // Add the state from before the block, word by word.
    abef = _mm_add_epi32(abef, abef_before);
    cdgh = _mm_add_epi32(cdgh, cdgh_before);
  }

  // Back to a..h: the high halves of `cdgh` and `abef` are `cd` and `ab`, the low halves `gh`
  // and `ef`; reversing the lanes gives the order in memory.
  const __m128i abcd_out = _mm_unpackhi_epi64(cdgh, abef);
  const __m128i efgh_out = _mm_unpacklo_epi64(cdgh, abef);
  _mm_storeu_si128((__m128i *)&state[0], _mm_shuffle_epi32(abcd_out, REVERSE_LANES));
  _mm_storeu_si128((__m128i *)&state[4], _mm_shuffle_epi32(efgh_out, REVERSE_LANES));
}

#else

#include <stdlib.h>

bool loft_sha256_hardware_available(void) { return false; }

void loft_sha256_compress_hardware(uint32_t state[8], const void *blocks, size_t count) {
  // Never called: there are no SHA extensions to use on this architecture.
  (void)state;
  (void)blocks;
  (void)count;
  abort();
}

#endif
