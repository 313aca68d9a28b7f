/* db.h: the backend-neutral database handle: connections, statements, transactions.
 *
 * SQL is written with '?' placeholders and values are always bound, never spliced into the text.
 * Only store/db_sqlite.c knows the engine behind this interface. */
#ifndef PD_DB_H
#define PD_DB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "base/arena.h"

struct db;
struct db_stmt;

#define DB_DONE 0
#define DB_ROW 1

/* db_open opens (creating if need be) the database at path, in WAL mode with foreign keys on.
 * *out is owned by the caller and closed with db_close. 0 or ERR_DB. */
int db_open(const char *path, struct db **out);
void db_close(struct db *db);
/* db_exec runs one or more statements without parameters (schema, pragmas). */
int db_exec(struct db *db, const char *sql);

/* db_prepare compiles sql; statements are cached per connection, so sql should be a literal.
 * Release with db_finalize. 0 or ERR_DB. */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out);
/* db_query prepares sql and binds arguments described by types, one letter per '?':
 *   't' const char * (NULL binds NULL), 'i' int64_t, 'b' const void * then size_t (blob),
 *   'n' NULL (no argument). */
int db_query(struct db *db, struct db_stmt **out, const char *sql, const char *types, ...);
/* db_run is db_query + stepping to the end + db_finalize, for statements without rows. */
int db_run(struct db *db, const char *sql, const char *types, ...);
int db_bind_text(struct db_stmt *st, int i, const char *s);
/* db_bind_textn binds the n bytes at s (not NUL-terminated) as text. */
int db_bind_textn(struct db_stmt *st, int i, const char *s, size_t n);
int db_bind_int(struct db_stmt *st, int i, int64_t v);
int db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n);
int db_bind_null(struct db_stmt *st, int i);
/* db_step returns DB_ROW, DB_DONE, ERR_EXISTS (a unique constraint failed) or ERR_DB. */
int db_step(struct db_stmt *st);
/* Column values are valid until the next db_step or db_finalize. Columns count from 0. */
const char *db_col_text(struct db_stmt *st, int i);   /* NULL for SQL NULL */
int64_t db_col_int(struct db_stmt *st, int i);
const void *db_col_blob(struct db_stmt *st, int i, size_t *n);
bool db_col_null(struct db_stmt *st, int i);
/* db_col_dup copies a text column into a (NULL for SQL NULL or out of memory). */
const char *db_col_dup(struct db_stmt *st, int i, struct arena *a);
/* db_col_blob_dup copies a blob column into a; NULL with *n 0 for SQL NULL or an empty blob. */
const unsigned char *db_col_blob_dup(struct db_stmt *st, int i, struct arena *a, size_t *n);
void db_finalize(struct db_stmt *st);
/* db_reset makes st ready to run again, keeping it prepared and its bindings (rebind what
 * changes): for a statement run many times in one loop. */
void db_reset(struct db_stmt *st);

/* Transactions: db_begin takes the write lock at once (so the audit chain stays linear). */
int db_begin(struct db *db);
int db_commit(struct db *db);
/* db_begin_read starts a read transaction when none is open (*begun tells), so that the many
 * small statements of one answer share one snapshot and one lock; db_end_read ends it if begun. */
int db_begin_read(struct db *db, bool *begun);
void db_end_read(struct db *db, bool begun);
/* db_snapshot names the read transaction db_begin_read began and that is still open and has not
 * written: a number no other transaction of this connection had; 0 outside one. What a module
 * kept from an earlier snapshot can be checked once per snapshot rather than at every use. */
uint64_t db_snapshot(struct db *db);
void db_rollback(struct db *db);
int64_t db_last_id(struct db *db);
int db_changes(struct db *db);
/* db_budget bounds the statements stepped on db from now on to about us microseconds of this
 * thread's processor time in all: past them db_step returns ERR_BUDGET (the statement must then be
 * finalised or reset). db_budget(db, 0) lifts the bound. A plan that is usually quick tries its
 * luck this way before a surer, costlier one. */
void db_budget(struct db *db, long us);
const char *db_errmsg(struct db *db);
/* db_cache sets the page cache for this connection to about mb megabytes (bulk work). */
int db_cache(struct db *db, int mb);
/* Memos: one object per slot that a module keeps with a connection (a connection serves one
 * thread at a time, so a memo needs no lock), dropped with it by drop. db_set_memo drops the
 * slot's object before. */
enum { DB_MEMO_REGIONS, DB_MEMO_SLOTS };
void *db_memo(struct db *db, int slot);
void db_set_memo(struct db *db, int slot, void *p, void (*drop)(void *));
/* db_ping runs a trivial query: 0 when the database answers. */
int db_ping(struct db *db);

#endif
