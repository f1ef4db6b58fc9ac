// Why this shim exists: SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift
// cannot import; the accessor gives Swift the same destructor value.
#include <sqlite3.h>
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
