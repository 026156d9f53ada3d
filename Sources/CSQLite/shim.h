#include <sqlite3.h>

// sqlite3_config is variadic, which Swift cannot call: this one setting gets a function.
// Without memory statistics, sqlite's allocator takes no global lock, so connections on
// different threads do not queue for it. Call before sqlite is first used.
static inline int loft_sqlite3_disable_memory_statistics(void) {
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
