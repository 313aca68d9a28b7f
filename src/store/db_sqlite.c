/* db_sqlite.c: the SQLite implementation of db.h, with a per-connection statement cache. */
#include "store/db.h"
#include "base/err.h"
#include "base/log.h"
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DB_CACHE 96

struct db_stmt {
	sqlite3_stmt *st;
	struct db *db;
	const char *sql;
	bool cached;
	bool busy;
};

struct db {
	sqlite3 *h;
	int64_t budget_end; /* db_budget: the thread's processor time at which work stops */
	bool spent;
	struct db_stmt cache[DB_CACHE];
	int ncache;
	uint64_t snapshots, snapshot; /* db_snapshot: read transactions begun, the one open (0: none) */
	struct {
		void *p;
		void (*drop)(void *);
	} memo[DB_MEMO_SLOTS];
};

/* db_global_init turns off SQLite's memory statistics, whose global mutex every allocation of
 * every connection would take. Runs once, before the library initialises. */
static void db_global_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_open(const char *path, struct db **out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, db_global_init);
	struct db *db = calloc(1, sizeof *db);
	if (db == NULL)
		return ERR_NOMEM;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		log_error("db: cannot open %s: %s", path, db->h ? sqlite3_errmsg(db->h) : "no memory");
		sqlite3_close(db->h);
		free(db);
		return ERR_DB;
	}
	sqlite3_busy_timeout(db->h, 10000);
	int rc = db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
			     "PRAGMA synchronous=NORMAL;");
	if (rc) {
		db_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (db == NULL)
		return;
	for (int i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	for (int i = 0; i < DB_MEMO_SLOTS; i++)
		if (db->memo[i].p && db->memo[i].drop)
			db->memo[i].drop(db->memo[i].p);
	sqlite3_close(db->h);
	free(db);
}

int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_error("db: %s", msg ? msg : "exec failed");
		sqlite3_free(msg);
		return ERR_DB;
	}
	return 0;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	for (int i = 0; i < db->ncache; i++) {
		struct db_stmt *c = &db->cache[i];
		if (!c->busy && (c->sql == sql || strcmp(c->sql, sql) == 0)) {
			c->busy = true;
			*out = c;
			return 0;
		}
	}
	sqlite3_stmt *st = NULL;
	bool cache = db->ncache < DB_CACHE;
	if (sqlite3_prepare_v3(db->h, sql, -1, cache ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL) !=
	    SQLITE_OK) {
		log_error("db: prepare: %s", sqlite3_errmsg(db->h));
		return ERR_DB;
	}
	struct db_stmt *s;
	if (cache) {
		s = &db->cache[db->ncache++];
	} else {
		s = malloc(sizeof *s);
		if (s == NULL) {
			sqlite3_finalize(st);
			return ERR_NOMEM;
		}
	}
	s->st = st;
	s->db = db;
	s->sql = sqlite3_sql(st);
	s->cached = cache;
	s->busy = true;
	*out = s;
	return 0;
}

static int db_vbind(struct db_stmt *st, const char *types, va_list ap)
{
	int rc = 0;
	/* Every placeholder gets exactly one described argument: a mismatch is a programming error. */
	if ((size_t)sqlite3_bind_parameter_count(st->st) != strlen(types)) {
		log_error("db: %d placeholders but %zu arguments described in: %s",
			  sqlite3_bind_parameter_count(st->st), strlen(types), st->sql);
		return ERR_DB;
	}
	for (int i = 0; types[i] && rc == 0; i++) {
		switch (types[i]) {
		case 't':
			rc = db_bind_text(st, i + 1, va_arg(ap, const char *));
			break;
		case 'i':
			rc = db_bind_int(st, i + 1, va_arg(ap, int64_t));
			break;
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			rc = db_bind_blob(st, i + 1, p, n);
			break;
		}
		case 'n':
			rc = db_bind_null(st, i + 1);
			break;
		default:
			rc = ERR_INVALID;
		}
	}
	return rc;
}

int db_query(struct db *db, struct db_stmt **out, const char *sql, const char *types, ...)
{
	int rc = db_prepare(db, sql, out);
	if (rc)
		return rc;
	va_list ap;
	va_start(ap, types);
	rc = db_vbind(*out, types, ap);
	va_end(ap);
	if (rc) {
		db_finalize(*out);
		*out = NULL;
	}
	return rc;
}

int db_run(struct db *db, const char *sql, const char *types, ...)
{
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	va_list ap;
	va_start(ap, types);
	rc = db_vbind(st, types, ap);
	va_end(ap);
	while (rc == 0) {
		rc = db_step(st);
		if (rc == DB_DONE)
			break;
		if (rc == DB_ROW)
			rc = 0;
	}
	db_finalize(st);
	return rc;
}

int db_bind_text(struct db_stmt *st, int i, const char *s)
{
	int rc = s ? sqlite3_bind_text(st->st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st->st, i);
	return rc == SQLITE_OK ? 0 : ERR_DB;
}

int db_bind_textn(struct db_stmt *st, int i, const char *s, size_t n)
{
	if (n > 0x7fffffff)
		return ERR_INVALID;
	return sqlite3_bind_text(st->st, i, s, (int)n, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : ERR_DB;
}

int db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	return sqlite3_bind_int64(st->st, i, v) == SQLITE_OK ? 0 : ERR_DB;
}

int db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
	int rc = p ? sqlite3_bind_blob64(st->st, i, p, n, SQLITE_TRANSIENT) : sqlite3_bind_null(st->st, i);
	return rc == SQLITE_OK ? 0 : ERR_DB;
}

int db_bind_null(struct db_stmt *st, int i)
{
	return sqlite3_bind_null(st->st, i) == SQLITE_OK ? 0 : ERR_DB;
}

int db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	int ext = sqlite3_extended_errcode(st->db->h);
	if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return ERR_EXISTS;
	if (rc == SQLITE_INTERRUPT && st->db->spent)
		return ERR_BUDGET;
	log_error("db: step: %s", sqlite3_errmsg(st->db->h));
	return ERR_DB;
}

const char *db_col_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st->st, i);
}

int64_t db_col_int(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(st->st, i);
}

const void *db_col_blob(struct db_stmt *st, int i, size_t *n)
{
	const void *p = sqlite3_column_blob(st->st, i);
	*n = (size_t)sqlite3_column_bytes(st->st, i);
	return p;
}

bool db_col_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

const char *db_col_dup(struct db_stmt *st, int i, struct arena *a)
{
	return arena_strdup(a, db_col_text(st, i));
}

const unsigned char *db_col_blob_dup(struct db_stmt *st, int i, struct arena *a, size_t *n)
{
	size_t len = 0;
	const void *p = db_col_null(st, i) ? NULL : db_col_blob(st, i, &len);
	unsigned char *copy = p && len ? arena_alloc(a, len) : NULL;
	if (copy)
		memcpy(copy, p, len);
	*n = copy ? len : 0;
	return copy;
}

void db_reset(struct db_stmt *st)
{
	sqlite3_reset(st->st);
}

void db_finalize(struct db_stmt *st)
{
	if (st == NULL)
		return;
	if (st->cached) {
		sqlite3_reset(st->st);
		sqlite3_clear_bindings(st->st);
		st->busy = false;
		return;
	}
	sqlite3_finalize(st->st);
	free(st);
}

/* Transactions begin and end through cached statements: one is begun and ended per request. */
int db_begin(struct db *db)
{
	return db_run(db, "BEGIN IMMEDIATE", "");
}

int db_begin_read(struct db *db, bool *begun)
{
	*begun = false;
	if (!sqlite3_get_autocommit(db->h))
		return 0;
	int rc = db_run(db, "BEGIN", "");
	*begun = rc == 0;
	if (*begun)
		db->snapshot = ++db->snapshots;
	return rc;
}

void db_end_read(struct db *db, bool begun)
{
	if (!begun)
		return;
	db->snapshot = 0;
	if (!sqlite3_get_autocommit(db->h) && db_run(db, "COMMIT", ""))
		db_rollback(db);
}

uint64_t db_snapshot(struct db *db)
{
	/* A read transaction that wrote has taken the write lock: no longer a snapshot of others. */
	if (db->snapshot && sqlite3_txn_state(db->h, NULL) == SQLITE_TXN_WRITE)
		return 0;
	return sqlite3_get_autocommit(db->h) ? 0 : db->snapshot;
}

void *db_memo(struct db *db, int slot)
{
	return db->memo[slot].p;
}

void db_set_memo(struct db *db, int slot, void *p, void (*drop)(void *))
{
	if (db->memo[slot].p && db->memo[slot].drop && db->memo[slot].p != p)
		db->memo[slot].drop(db->memo[slot].p);
	db->memo[slot].p = p;
	db->memo[slot].drop = drop;
}

int db_commit(struct db *db)
{
	db->snapshot = 0;
	return db_run(db, "COMMIT", "");
}

void db_rollback(struct db *db)
{
	db->snapshot = 0;
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int64_t db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int db_changes(struct db *db)
{
	return sqlite3_changes(db->h);
}

/* The progress handler runs every DB_BUDGET_TICK steps of the virtual machine (some 10 to 100 us
 * of work) and reads the thread's processor time: work, not waiting for a processor, counts. */
#define DB_BUDGET_TICK 1000

static int64_t db_cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int db_budget_tick(void *arg)
{
	struct db *db = arg;
	db->spent = db_cpu_us() >= db->budget_end;
	return db->spent;
}

void db_budget(struct db *db, long us)
{
	db->spent = false;
	db->budget_end = us > 0 ? db_cpu_us() + us : 0;
	sqlite3_progress_handler(db->h, us > 0 ? DB_BUDGET_TICK : 0, us > 0 ? db_budget_tick : NULL, db);
}

const char *db_errmsg(struct db *db)
{
	return sqlite3_errmsg(db->h);
}

int db_ping(struct db *db)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT 1", "");
	if (rc)
		return rc;
	rc = db_step(st) == DB_ROW ? 0 : ERR_DB;
	db_finalize(st);
	return rc;
}

int db_cache(struct db *db, int mb)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", mb * 1024);
	return db_exec(db, sql);
}
