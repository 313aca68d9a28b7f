/* test_db.h: a fresh, migrated database in a temporary directory, for the unit tests of stores. */
#ifndef PD_TEST_DB_H
#define PD_TEST_DB_H
#include <stdio.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrate.h"

struct test_db {
	char dir[64], path[128];
	struct db *db;
};

/* test_db_open makes /tmp/pd-test-NAME-XXXXXX, opens NAME.db in it and applies the migrations;
 * -1 when any of it fails (nothing is left behind). */
static inline int test_db_open(struct test_db *t, const char *name)
{
	snprintf(t->dir, sizeof t->dir, "/tmp/pd-test-%s-XXXXXX", name);
	if (mkdtemp(t->dir) == NULL)
		return -1;
	snprintf(t->path, sizeof t->path, "%s/%s.db", t->dir, name);
	int applied = 0;
	if (db_open(t->path, &t->db) == 0 && migrate_run(t->db, &applied) == 0 && applied >= 1)
		return 0;
	db_close(t->db);
	t->db = NULL;
	unlink(t->path);
	rmdir(t->dir);
	return -1;
}

/* test_db_close closes the database and removes its files and directory. */
static inline void test_db_close(struct test_db *t)
{
	db_close(t->db);
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char p[160];
		snprintf(p, sizeof p, "%s%s", t->path, suffixes[i]);
		unlink(p);
	}
	rmdir(t->dir);
}

#endif
