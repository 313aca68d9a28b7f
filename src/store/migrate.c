/* migrate.c: schema migrations are embedded files named schema/sqlite/NNN_name.sql, applied in order. */
#include "store/migrate.h"
#include "base/clock.h"
#include "base/embed.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
#include <stdbool.h>
#include <string.h>

#define MIGRATE_PREFIX "schema/sqlite/"

int migrate_version(struct db *db)
{
	struct db_stmt *st;
	if (db_query(db, &st, "SELECT coalesce(max(version),0) FROM schema_migration", ""))
		return 0;
	int v = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : 0;
	db_finalize(st);
	return v;
}

/* migrate_applied tells whether version is recorded as applied. */
static int migrate_applied(struct db *db, int version, bool *done)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT 1 FROM schema_migration WHERE version = ?", "i", (int64_t)version);
	if (rc)
		return rc;
	rc = db_step(st);
	*done = rc == DB_ROW;
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int migrate_run(struct db *db, int *applied)
{
	int rc = db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migration ("
			     "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
	if (rc)
		return rc;
	int count = 0;
	size_t plen = strlen(MIGRATE_PREFIX);
	for (unsigned i = 0; i < embed_count; i++) {
		const struct embed_file *f = &embed_files[i];
		if (strncmp(f->name, MIGRATE_PREFIX, plen) != 0)
			continue;
		char digits[4] = {0};
		memcpy(digits, f->name + plen, 3);
		long version;
		if (str_parse_long(digits, 1, 999, &version) != 0) {
			log_error("migrate: %s is not named NNN_name.sql", f->name);
			return ERR_DB;
		}
		bool done;
		rc = migrate_applied(db, (int)version, &done);
		if (rc)
			return rc;
		if (done)
			continue; /* each missing version is applied, even one numbered below the newest */
		char now[25];
		clock_now_iso(now);
		rc = db_begin(db);
		if (rc == 0)
			rc = db_exec(db, (const char *)f->data);
		if (rc == 0)
			rc = db_run(db, "INSERT INTO schema_migration(version, name, applied_at) VALUES (?,?,?)",
				    "itt", (int64_t)version, f->name + plen, now);
		if (rc == 0)
			rc = db_commit(db);
		if (rc) {
			db_rollback(db);
			log_error("migrate: %s failed", f->name);
			return rc;
		}
		count++;
	}
	if (applied)
		*applied = count;
	return 0;
}
