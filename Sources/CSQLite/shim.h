#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H

// The system SQLite (libsqlite3-dev on Debian), exposed to Swift as the CSQLite module.
#include <sqlite3.h>

#endif
