/* test_ref_store.c: the region picker's queries (store/ref_store.h) on a small region list: the
 * regions below another, regions by the start of their name, one region with the regions it lies
 * in; and the names of regions as a connection remembers them (store/region_memo.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "domain/region.h"
#include "store/db.h"
#include "store/ref_store.h"
#include "store/region_memo.h"
#include "test_db.h"

/* A part of the Kemendagri list, out of order; the 38 provinces come with the schema. */
static const char *const rs_regions[][2] = {
	{"32.73.02.1001", "Cipaganti"},
	{"32.73", "Kota Bandung"},
	{"32.04", "Kabupaten Bandung"},
	{"32.17", "Kabupaten Bandung Barat"},
	{"32.73.02", "Coblong"},
	{"32.73.01", "Sukasari"},
	{"32.73.02.1002", "Lebak Siliwangi"},
	{"32.73.01.1001", "Sukarasa"},
	{"32.04.05", "Bandung"}, /* hypothetical: a district of the name of a regency */
	{"32.04.05.2001", "Sukamaju"},
	{"32.73.01.1002", "Sukamaju"},
	{"35.04.17", "Bandung"},
	{"35.04", "Kabupaten Tulungagung"},
	{"31.71", "Kota Administrasi Jakarta Pusat"},
	{"31.71.01", "Gambir"},
};

static int rs_setup(void **state)
{
	static struct test_db t;
	if (test_db_open(&t, "ref_store"))
		return -1;
	for (size_t i = 0; i < sizeof rs_regions / sizeof rs_regions[0]; i++)
		if (ref_store_region_put(t.db, rs_regions[i][0], rs_regions[i][1], region_level(rs_regions[i][0])))
			return -1;
	*state = &t;
	return 0;
}

static int rs_teardown(void **state)
{
	test_db_close(*state);
	return 0;
}

/* rs_codes joins the codes of items with spaces, to compare a list in one assertion. */
static const char *rs_codes(struct arena *a, const struct region_item *items, int n)
{
	const char *s = "";
	for (int i = 0; i < n; i++)
		s = arena_printf(a, "%s%s%s", s, i ? " " : "", items[i].code);
	return s;
}

static void test_children(void **state)
{
	struct test_db *t = *state;
	struct arena a;
	arena_init(&a);
	struct region_item *items;
	int n;
	assert_int_equal(ref_store_region_children(t->db, &a, NULL, &items, &n), 0);
	assert_int_equal(n, 38); /* the provinces of the schema, and nothing below them */
	assert_string_equal(items[0].code, "11");
	assert_string_equal(items[0].name, "Aceh");
	for (int i = 0; i < n; i++) {
		assert_int_equal(items[i].level, 1);
		assert_null(items[i].within);
		if (i)
			assert_true(strcmp(items[i - 1].code, items[i].code) < 0);
	}
	assert_int_equal(ref_store_region_children(t->db, &a, "32", &items, &n), 0);
	assert_string_equal(rs_codes(&a, items, n), "32.04 32.17 32.73");
	assert_int_equal(ref_store_region_children(t->db, &a, "32.73", &items, &n), 0);
	assert_string_equal(rs_codes(&a, items, n), "32.73.01 32.73.02");
	assert_string_equal(items[1].name, "Coblong");
	assert_int_equal(items[1].level, 3);
	assert_int_equal(ref_store_region_children(t->db, &a, "32.73.01", &items, &n), 0);
	assert_string_equal(rs_codes(&a, items, n), "32.73.01.1001 32.73.01.1002");
	/* Nothing below a village, a region not loaded, or a province without its list. */
	assert_int_equal(ref_store_region_children(t->db, &a, "32.73.01.1001", &items, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(ref_store_region_children(t->db, &a, "32.99", &items, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(ref_store_region_children(t->db, &a, "11", &items, &n), 0);
	assert_int_equal(n, 0);
	/* Not a code: "32.7" must not list 32.73's districts by the string's prefix. */
	assert_int_equal(ref_store_region_children(t->db, &a, "32.7", &items, &n), ERR_INVALID);
	assert_int_equal(ref_store_region_children(t->db, &a, "", &items, &n), ERR_INVALID);
	arena_free(&a);
}

/* rs_find looks text up as the API does and returns the codes found. */
static const char *rs_find(struct test_db *t, struct arena *a, const char *text, const char *parent, int max)
{
	char key[101];
	region_find_key(text, key, sizeof key);
	struct region_item *items;
	int n;
	if (ref_store_region_find(t->db, a, key, region_find_kind(text), parent, max, &items, &n))
		return "(error)";
	return rs_codes(a, items, n);
}

static void test_find(void **state)
{
	struct test_db *t = *state;
	struct arena a;
	arena_init(&a);
	/* Regencies by the name people call them, before the districts of the same name; each
	 * level by name, then code. */
	assert_string_equal(rs_find(t, &a, "bandung", NULL, 25), "32.04 32.73 32.17 32.04.05 35.04.17");
	/* The kind of regency typed comes first among them. */
	assert_string_equal(rs_find(t, &a, "Kota Bandung", NULL, 25), "32.73 32.04 32.17 32.04.05 35.04.17");
	assert_string_equal(rs_find(t, &a, "kab. bandung", NULL, 25), "32.04 32.17 32.73 32.04.05 35.04.17");
	assert_string_equal(rs_find(t, &a, "kota bandung", NULL, 1), "32.73");
	assert_string_equal(rs_find(t, &a, "BANDUNG B", NULL, 25), "32.17");
	assert_string_equal(rs_find(t, &a, "jakarta", NULL, 25), "31.71");
	assert_string_equal(rs_find(t, &a, "Kota Administrasi Jakarta P", NULL, 25), "31.71");
	/* Provinces too, by their names' start. */
	assert_string_equal(rs_find(t, &a, "jawa b", NULL, 25), "32");
	/* At most max, the first levels first. */
	assert_string_equal(rs_find(t, &a, "bandung", NULL, 2), "32.04 32.73");
	assert_string_equal(rs_find(t, &a, "bandung", NULL, 4), "32.04 32.73 32.17 32.04.05");
	/* Below a parent only, the parent itself left out. */
	assert_string_equal(rs_find(t, &a, "sukamaju", NULL, 25), "32.04.05.2001 32.73.01.1002");
	assert_string_equal(rs_find(t, &a, "sukamaju", "32.73", 25), "32.73.01.1002");
	assert_string_equal(rs_find(t, &a, "bandung", "32", 25), "32.04 32.73 32.17 32.04.05");
	assert_string_equal(rs_find(t, &a, "bandung", "32.04", 25), "32.04.05");
	assert_string_equal(rs_find(t, &a, "bandung", "33", 25), "");
	assert_string_equal(rs_find(t, &a, "suka", "32.73.01", 25), "32.73.01.1002 32.73.01.1001");
	/* The start of a name, not a word within it; nothing for what no name starts with. */
	assert_string_equal(rs_find(t, &a, "siliwangi", NULL, 25), "");
	assert_string_equal(rs_find(t, &a, "lebak", NULL, 25), "32.73.02.1002");
	assert_string_equal(rs_find(t, &a, "zzz", NULL, 25), "");
	assert_string_equal(rs_find(t, &a, "bandung", "32.7", 25), "(error)");
	/* Each with the regions it lies in, nearest first. */
	char key[32];
	region_find_key("cipag", key, sizeof key);
	struct region_item *items;
	int n;
	assert_int_equal(ref_store_region_find(t->db, &a, key, NULL, NULL, 25, &items, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].name, "Cipaganti");
	assert_int_equal(items[0].level, 4);
	assert_string_equal(items[0].within, "Coblong, Kota Bandung, Jawa Barat");
	region_find_key("jawa barat", key, sizeof key);
	assert_int_equal(ref_store_region_find(t->db, &a, key, NULL, NULL, 25, &items, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].within, "");
	arena_free(&a);
}

static void test_get(void **state)
{
	struct test_db *t = *state;
	struct arena a;
	arena_init(&a);
	struct region_item r;
	bool found;
	assert_int_equal(ref_store_region_get(t->db, &a, "32.73.01.1002", &r, &found), 0);
	assert_true(found);
	assert_string_equal(r.name, "Sukamaju");
	assert_int_equal(r.level, 4);
	assert_string_equal(r.within, "Sukasari, Kota Bandung, Jawa Barat");
	assert_int_equal(ref_store_region_get(t->db, &a, "31.71", &r, &found), 0);
	assert_true(found);
	assert_string_equal(r.within, "Daerah Khusus Ibukota Jakarta");
	assert_int_equal(ref_store_region_get(t->db, &a, "32.73.03", &r, &found), 0);
	assert_false(found);
	/* A region whose regency is not loaded: the names that are. */
	assert_int_equal(ref_store_region_put(t->db, "33.01.01", "Kedungreja", 3), 0);
	assert_int_equal(ref_store_region_get(t->db, &a, "33.01.01", &r, &found), 0);
	assert_true(found);
	assert_string_equal(r.within, "Jawa Tengah");
	/* A renamed region is found by its new name only. */
	assert_int_equal(ref_store_region_put(t->db, "33.01.01", "Kedungreja Baru", 3), 0);
	assert_string_equal(rs_find(t, &a, "kedungreja b", NULL, 25), "33.01.01");
	assert_int_equal(ref_store_region_put(t->db, "33.01.01", "Sidareja", 3), 0);
	assert_string_equal(rs_find(t, &a, "kedungreja", NULL, 25), "");
	assert_string_equal(rs_find(t, &a, "sidareja", NULL, 25), "33.01.01");
	arena_free(&a);
}

/* rs_count reads the count of the region list's changes. */
static int64_t rs_count(struct db *db)
{
	struct db_stmt *st;
	assert_int_equal(db_query(db, &st, "SELECT n FROM region_version", ""), 0);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_finalize(st);
	return n;
}

/* rs_name reads code's name on db in a read transaction of its own ("" when not a region). */
static const char *rs_name(struct db *db, struct arena *a, const char *code)
{
	bool begun;
	const char *name = NULL;
	assert_int_equal(db_begin_read(db, &begun), 0);
	assert_true(begun);
	assert_int_not_equal(db_snapshot(db), 0);
	assert_int_equal(ref_store_region_name(db, a, code, &name), 0);
	db_end_read(db, begun);
	assert_int_equal(db_snapshot(db), 0);
	return name ? name : "";
}

/* A connection keeps the names it read, and forgets them when the region list changes, however
 * it changes: another connection (another server, the region import) or its own writes. */
static void test_names_remembered(void **state)
{
	(void)state;
	struct test_db t;
	assert_int_equal(test_db_open(&t, "region_memo"), 0);
	struct db *other;
	assert_int_equal(db_open(t.path, &other), 0);
	struct arena a = {0};
	assert_int_equal(ref_store_region_put(t.db, "32.73.02.1001", "Cipaganti", 4), 0);
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1001"), "Cipaganti");
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1002"), ""); /* not loaded: kept as such */
	assert_string_equal(rs_name(t.db, &a, "32"), "Jawa Barat");
	/* A region written again as it was counts nothing (migration 019's trigger): the names kept
	 * stay good. */
	int64_t count = rs_count(t.db);
	assert_int_equal(ref_store_region_put(other, "32.73.02.1001", "Cipaganti", 4), 0);
	assert_int_equal(rs_count(t.db), count);
	/* Kept: a change that escapes the count (its trigger dropped) is not seen... */
	assert_int_equal(db_exec(other, "DROP TRIGGER region_version_update;"
				 " UPDATE region SET name = 'Cipaganti Lama' WHERE code = '32.73.02.1001'"), 0);
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1001"), "Cipaganti");
	/* ...outside a read transaction, where nothing is kept, it is; */
	const char *name = NULL;
	assert_int_equal(ref_store_region_name(t.db, &a, "32.73.02.1001", &name), 0);
	assert_string_equal(name, "Cipaganti Lama");
	/* and once the count moves, the next read transaction reads the list again. */
	assert_int_equal(db_exec(other, "UPDATE region_version SET n = n + 1"), 0);
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1001"), "Cipaganti Lama");
	assert_int_equal(db_exec(other, "CREATE TRIGGER region_version_update AFTER UPDATE OF code, name ON region"
				 " WHEN OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name"
				 " BEGIN UPDATE region_version SET n = n + 1; END"), 0);

	/* Each kind of change counts: a rename, a region loaded after it was asked for, a deletion. */
	assert_int_equal(ref_store_region_put(other, "32.73.02.1001", "Cipaganti", 4), 0);
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1001"), "Cipaganti");
	assert_int_equal(ref_store_region_put(other, "32.73.02.1002", "Lebak Siliwangi", 4), 0);
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1002"), "Lebak Siliwangi");
	assert_int_equal(db_exec(other, "DELETE FROM region WHERE code = '32.73.02.1002'"), 0);
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1002"), "");
	/* Within a snapshot the names are those of the snapshot, another connection's change aside. */
	bool begun;
	assert_int_equal(db_begin_read(t.db, &begun), 0);
	assert_int_equal(ref_store_region_name(t.db, &a, "32.73.02.1001", &name), 0);
	assert_int_equal(ref_store_region_put(other, "32.73.02.1001", "Cipaganti Baru", 4), 0);
	assert_int_equal(ref_store_region_name(t.db, &a, "32.73.02.1001", &name), 0);
	assert_string_equal(name, "Cipaganti");
	db_end_read(t.db, begun);
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1001"), "Cipaganti Baru");
	/* Its own write transaction reads the table, and what it wrote is not kept if undone. */
	assert_int_equal(db_begin(t.db), 0);
	assert_int_equal(db_snapshot(t.db), 0);
	assert_int_equal(ref_store_region_put(t.db, "32.73.02.1001", "Cipaganti Sementara", 4), 0);
	assert_int_equal(ref_store_region_name(t.db, &a, "32.73.02.1001", &name), 0);
	assert_string_equal(name, "Cipaganti Sementara");
	db_rollback(t.db);
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1001"), "Cipaganti Baru");
	/* A read transaction that wrote is no longer a snapshot of the list: what it reads then is
	 * not kept, and is gone once undone. */
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1003"), "");
	assert_int_equal(db_begin_read(t.db, &begun), 0);
	assert_int_not_equal(db_snapshot(t.db), 0);
	assert_int_equal(ref_store_region_put(t.db, "32.73.02.1001", "Cipaganti Sementara", 4), 0);
	assert_int_equal(ref_store_region_put(t.db, "32.73.02.1003", "Dago", 4), 0);
	assert_int_equal(db_snapshot(t.db), 0);
	assert_int_equal(ref_store_region_name(t.db, &a, "32.73.02.1003", &name), 0);
	assert_string_equal(name, "Dago");
	db_rollback(t.db);
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1001"), "Cipaganti Baru");
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1003"), "");
	/* Without its count the memo is not used: a change is seen at once. */
	assert_int_equal(db_exec(other, "DELETE FROM region_version"), 0);
	assert_int_equal(db_exec(other, "DROP TRIGGER region_version_update;"
				 " UPDATE region SET name = 'Cipaganti' WHERE code = '32.73.02.1001'"), 0);
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1001"), "Cipaganti");
	assert_int_equal(db_exec(other, "UPDATE region SET name = 'Cipaganti Lagi' WHERE code = '32.73.02.1001'"), 0);
	assert_string_equal(rs_name(t.db, &a, "32.73.02.1001"), "Cipaganti Lagi");
	db_close(other);
	arena_free(&a);
	test_db_close(&t);
}

/* The memo holds as many codes as asked, starting over when full, and keeps each name whole. */
static void test_memo_bounds(void **state)
{
	(void)state;
	struct test_db t;
	assert_int_equal(test_db_open(&t, "region_memo_bounds"), 0);
	bool begun;
	int rc;
	assert_int_equal(db_begin_read(t.db, &begun), 0);
	struct region_memo *m = region_memo_of(t.db, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(m);
	char code[32], name[32];
	const char *kept;
	for (int i = 0; i < 300000; i++) {
		snprintf(code, sizeof code, "%02d.%02d.%02d.%04d", i % 97, i / 97 % 100, i / 9700 % 100, i % 7919);
		snprintf(name, sizeof name, "Desa %d", i);
		region_memo_keep(m, code, i % 5 ? name : NULL);
		assert_true(region_memo_find(m, code, &kept));
		if (i % 5)
			assert_string_equal(kept, name);
		else
			assert_null(kept);
	}
	/* The first were forgotten when it started over. */
	assert_false(region_memo_find(m, "00.00.00.0000", &kept));
	/* A code longer than a region's is neither kept nor found. */
	char longer[64];
	memset(longer, '1', sizeof longer - 1);
	longer[sizeof longer - 1] = 0;
	region_memo_keep(m, longer, "Panjang");
	assert_false(region_memo_find(m, longer, &kept));
	db_end_read(t.db, begun);
	/* Outside a read transaction there is no memo to use. */
	assert_null(region_memo_of(t.db, &rc));
	assert_int_equal(rc, 0);
	test_db_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_children),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_names_remembered),
		cmocka_unit_test(test_memo_bounds),
	};
	return cmocka_run_group_tests(tests, rs_setup, rs_teardown);
}
