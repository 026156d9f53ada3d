// For LoftIngest's hash tables: a hint to fetch memory into the cache before it is read.
//
// Swift has no prefetch; the compiler builtin is reachable only from C.

#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Asks the CPU to start loading the cache line at `address` for reading; it never faults and
/// changes nothing else, so a wrong address costs only the fetch.
static inline void loft_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
