/* migrate.h: applies the numbered schema migrations compiled into the binary. */
#ifndef PD_MIGRATE_H
#define PD_MIGRATE_H
#include "store/db.h"

/* migrate_run applies, each in its own transaction and in number order, every migration not yet
 * recorded in schema_migration (also one numbered below the newest applied, as when branches
 * land in another order); *applied (may be NULL) counts them. 0 or ERR_DB. */
int migrate_run(struct db *db, int *applied);
/* migrate_version returns the highest applied migration number (0 for a new database). */
int migrate_version(struct db *db);

#endif
