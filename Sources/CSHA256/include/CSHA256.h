// For LoftCore's SHA256: the round constants, and block compression with the x86 SHA
// extensions.
//
// Swift cannot reach the SHA instructions' intrinsics, so this function is C. The portable
// compression function stays in Swift and is used wherever this one is not.

#ifndef CSHA256_H
#define CSHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// K[0..63], the 64 round constants of FIPS 180-4 (4.2.2): one table for the Swift
/// compression function and this one.
const uint32_t *loft_sha256_round_constants(void);

/// Whether this CPU has the SHA extensions and the SSSE3 and SSE4.1 instructions that
/// `loft_sha256_compress_hardware` uses. Always false on other architectures.
bool loft_sha256_hardware_available(void);

/// Runs the SHA-256 compression function over `count` consecutive 64-byte blocks at `blocks`
/// (any alignment), updating `state`: the eight words a..h, in that order, as FIPS 180-4
/// names them. Call it only when `loft_sha256_hardware_available()` is true.
void loft_sha256_compress_hardware(uint32_t state[8], const void *blocks, size_t count);

#endif
