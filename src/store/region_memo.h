/* region_memo.h: the names of regions a connection has read, kept for its next reads.
 *
 * A page of clients names each one's region. With the Kemendagri list loaded (91,599 regions, five
 * megabytes of table and index) a name read for each row was a page or two the connection's cache
 * did not hold. The memo keeps every name read (and every code found not to be a region) until
 * the region list changes: migration 019 counts the changes in region_version, and the memo reads
 * that count once per snapshot (db_snapshot). Outside a snapshot nothing is kept or trusted. */
#ifndef PD_REGION_MEMO_H
#define PD_REGION_MEMO_H
#include "store/db.h"
#include <stdbool.h>

struct region_memo;

/* region_memo_of returns db's memo, emptied if the region list changed since it was last checked;
 * NULL (*rc 0) outside a snapshot, without memory for it or without the count (region_version's
 * row): read the table then. *rc is an error when the count could not be read. */
struct region_memo *region_memo_of(struct db *db, int *rc);
/* region_memo_find tells whether code is kept; *name is then its name, NULL when it is not a
 * region. The name is the memo's, valid until the next region_memo_of or region_memo_keep: copy
 * it. */
bool region_memo_find(struct region_memo *m, const char *code, const char **name);
/* region_memo_keep keeps code's name (NULL: not a region). A code too long for a region's, or no
 * memory, keeps nothing. */
void region_memo_keep(struct region_memo *m, const char *code, const char *name);

#endif
