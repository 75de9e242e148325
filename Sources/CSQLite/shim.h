#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H

// The system SQLite (libsqlite3-dev on Debian), exposed to Swift as the CSQLite module.
#include <sqlite3.h>

// sqlite3_config is variadic, which Swift cannot call; this wrapper turns off SQLite's memory statistics.
// They take a process-wide mutex on every allocation; nothing here reads them. Must run before the first
// sqlite3_open (sqlite3_config answers SQLITE_MISUSE afterwards, which is harmless).
static inline int csqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#endif
