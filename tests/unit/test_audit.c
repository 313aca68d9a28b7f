/* test_audit.c: unit tests of audit row hashes, change records and the hash chain (domain/audit.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "base/secret.h"
#include "domain/audit.h"
#include "store/db.h"
#include "test_db.h"

static const struct audit_row audit_base = {
	.id = 12,
	.at = "2025-03-01T08:00:00.000Z",
	.user_name = "siti",
	.action = "update",
	.entity = "client",
	.entity_uid = "c-1234",
	.detail = "{\"rt\":{\"after\":\"02\",\"before\":\"01\"}}",
	.prev_hash = "1111111111111111111111111111111111111111111111111111111111111111",
};

static bool audit_is_hex64(const char *h)
{
	if (strlen(h) != 64)
		return false;
	for (int i = 0; i < 64; i++)
		if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f')))
			return false;
	return true;
}

static void test_audit_hash_deterministic(void **state)
{
	(void)state;
	char h1[SECRET_HASH_HEX], h2[SECRET_HASH_HEX];
	audit_hash(&audit_base, h1);
	audit_hash(&audit_base, h2);
	assert_true(audit_is_hex64(h1));
	assert_string_equal(h1, h2);
	/* Equal contents in other memory hash alike. */
	char user[] = "siti";
	struct audit_row copy = audit_base;
	copy.user_name = user;
	audit_hash(&copy, h2);
	assert_string_equal(h1, h2);
}

/* The serialisation is part of every stored chain: changing it would make old trails fail to
 * verify. It is BLAKE2b-256 over "len:value\n" for prev_hash, id, at, user, action, entity, uid,
 * detail. */
static void test_audit_hash_format(void **state)
{
	(void)state;
	char text[1024];
	const struct audit_row *r = &audit_base;
	int n = snprintf(text, sizeof text, "%zu:%s\n%zu:%lld\n%zu:%s\n%zu:%s\n%zu:%s\n%zu:%s\n%zu:%s\n%zu:%s\n",
			 strlen(r->prev_hash), r->prev_hash, (size_t)2, (long long)r->id, strlen(r->at),
			 r->at, strlen(r->user_name), r->user_name, strlen(r->action), r->action,
			 strlen(r->entity), r->entity, strlen(r->entity_uid), r->entity_uid,
			 strlen(r->detail), r->detail);
	assert_true(n > 0 && (size_t)n < sizeof text);
	unsigned char d[32];
	assert_int_equal(crypto_generichash(d, sizeof d, (const unsigned char *)text, (size_t)n, NULL, 0), 0);
	char want[SECRET_HASH_HEX];
	sodium_bin2hex(want, sizeof want, d, sizeof d);
	char got[SECRET_HASH_HEX];
	audit_hash(r, got);
	assert_string_equal(got, want);
}

/* Each variant differs from the base row in one way; all hashes must differ from each other. */
static void test_audit_hash_changes(void **state)
{
	(void)state;
	struct audit_row v[24];
	int n = 0;
	v[n++] = audit_base;
	v[n] = audit_base, v[n++].id = 13;
	v[n] = audit_base, v[n++].id = -12;
	v[n] = audit_base, v[n++].at = "2025-03-01T08:00:00.001Z";
	v[n] = audit_base, v[n++].user_name = "sitI";
	v[n] = audit_base, v[n++].user_name = "";
	v[n] = audit_base, v[n++].action = "create";
	v[n] = audit_base, v[n++].entity = "user";
	v[n] = audit_base, v[n++].entity_uid = "c-1235";
	v[n] = audit_base, v[n++].entity_uid = "";
	v[n] = audit_base, v[n++].detail = "{}";
	v[n] = audit_base, v[n++].detail = "{\"rt\":{\"after\":\"03\",\"before\":\"01\"}}";
	v[n] = audit_base, v[n++].prev_hash = AUDIT_GENESIS;
	v[n] = audit_base, v[n++].prev_hash = "1111111111111111111111111111111111111111111111111111111111111112";
	/* Bytes moved across a field boundary. */
	v[n] = audit_base, v[n].user_name = "sitiu", v[n++].action = "pdate";
	v[n] = audit_base, v[n].user_name = "sit", v[n++].action = "iupdate";
	v[n] = audit_base, v[n].entity = "clientc-1234", v[n++].entity_uid = "";
	v[n] = audit_base, v[n].entity = "", v[n++].entity_uid = "clientc-1234";
	v[n] = audit_base, v[n].id = 1, v[n++].at = "22025-03-01T08:00:00.000Z";
	v[n] = audit_base, v[n].id = 122, v[n++].at = "025-03-01T08:00:00.000Z";
	v[n] = audit_base, v[n].entity_uid = "c-12", v[n++].detail = "34{\"rt\":{\"after\":\"02\",\"before\":\"01\"}}";
	/* A field that contains what a length prefix looks like. */
	v[n] = audit_base, v[n].user_name = "siti\n6:update", v[n++].action = "";
	char hashes[24][SECRET_HASH_HEX];
	for (int i = 0; i < n; i++)
		audit_hash(&v[i], hashes[i]);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < i; k++)
			if (strcmp(hashes[i], hashes[k]) == 0)
				fail_msg("variants %d and %d hash alike", k, i);
}

static void test_audit_hash_long_detail(void **state)
{
	(void)state;
	size_t len = 100000;
	char *detail = malloc(len + 1);
	assert_non_null(detail);
	memset(detail, 'a', len);
	detail[len] = 0;
	struct audit_row row = audit_base;
	row.detail = detail;
	char h1[SECRET_HASH_HEX], h2[SECRET_HASH_HEX];
	audit_hash(&row, h1);
	audit_hash(&row, h2);
	assert_true(audit_is_hex64(h1));
	assert_string_equal(h1, h2);
	detail[len - 1] = 'b';
	audit_hash(&row, h2);
	assert_true(audit_is_hex64(h2));
	assert_string_not_equal(h1, h2);
	free(detail);
}

struct diff_case {
	const char *before, *after; /* JSON text or NULL */
	const char *want;
};

static const char *const audit_sensitive[] = {"notes", "disability", NULL};

static const struct diff_case diff_cases[] = {
	{NULL, NULL, "{}"},
	{"{}", "{}", "{}"},
	{"{\"a\":1,\"b\":\"x\"}", "{\"b\":\"x\",\"a\":1}", "{}"},
	{"{\"a\":1,\"b\":2}", "{\"a\":1,\"b\":3}", "{\"b\":{\"before\":2,\"after\":3}}"},
	{"{\"a\":1}", "{\"a\":1,\"c\":\"x\"}", "{\"c\":{\"before\":null,\"after\":\"x\"}}"},
	{"{\"a\":1,\"d\":5}", "{\"a\":1}", "{\"d\":{\"before\":5,\"after\":null}}"},
	{"{\"a\":1,\"d\":5}", "{\"a\":2,\"c\":true}",
	 "{\"a\":{\"before\":1,\"after\":2},\"c\":{\"before\":null,\"after\":true},"
	 "\"d\":{\"before\":5,\"after\":null}}"},
	{NULL, "{\"a\":1,\"n\":null}", "{\"a\":{\"before\":null,\"after\":1}}"},
	{"{\"a\":1,\"n\":null}", NULL, "{\"a\":{\"before\":1,\"after\":null}}"},
	{"{\"a\":1}", "{\"a\":null}", "{\"a\":{\"before\":1,\"after\":null}}"},
	{"{\"a\":null}", "{\"a\":1}", "{\"a\":{\"before\":null,\"after\":1}}"},
	{"{\"a\":null}", "{}", "{}"},
	{"{}", "{\"a\":null}", "{}"},
	{"{\"a\":1}", "{\"a\":\"1\"}", "{\"a\":{\"before\":1,\"after\":\"1\"}}"},
	{"{\"a\":[1,2]}", "{\"a\":[2,1]}", "{\"a\":{\"before\":[1,2],\"after\":[2,1]}}"},
	{"{\"addr\":{\"rt\":\"01\"}}", "{\"addr\":{\"rt\":\"02\"}}",
	 "{\"addr\":{\"before\":{\"rt\":\"01\"},\"after\":{\"rt\":\"02\"}}}"},
	/* sensitive fields: that they changed, never their values */
	{"{\"notes\":\"old secret\",\"a\":1}", "{\"notes\":\"new secret\",\"a\":1}",
	 "{\"notes\":{\"changed\":true}}"},
	{"{}", "{\"disability\":\"new secret\"}", "{\"disability\":{\"changed\":true}}"},
	{"{\"disability\":\"old secret\"}", "{}", "{\"disability\":{\"changed\":true}}"},
	{"{\"disability\":\"old secret\"}", "{\"disability\":null}", "{\"disability\":{\"changed\":true}}"},
	{"{\"notes\":\"old secret\"}", "{\"notes\":\"old secret\"}", "{}"},
	{NULL, "{\"notes\":\"new secret\",\"name\":\"Siti\"}",
	 "{\"notes\":{\"changed\":true},\"name\":{\"before\":null,\"after\":\"Siti\"}}"},
	{"{\"notes\":\"old secret\",\"name\":\"Siti\"}", NULL,
	 "{\"notes\":{\"changed\":true},\"name\":{\"before\":\"Siti\",\"after\":null}}"},
	{"{\"notesx\":1}", "{\"notesx\":2}", "{\"notesx\":{\"before\":1,\"after\":2}}"},
};

static json_t *audit_json(const char *text)
{
	if (text == NULL)
		return NULL;
	json_error_t err;
	json_t *j = json_loads(text, 0, &err);
	if (j == NULL)
		fail_msg("bad JSON in the test: %s: %s", text, err.text);
	return j;
}

static void test_audit_diff(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof diff_cases / sizeof diff_cases[0]; i++) {
		const struct diff_case *c = &diff_cases[i];
		json_t *before = audit_json(c->before);
		json_t *after = audit_json(c->after);
		json_t *want = audit_json(c->want);
		char *before_text = before ? json_dumps(before, JSON_SORT_KEYS) : NULL;
		json_t *diff = audit_diff(before, after, audit_sensitive);
		assert_non_null(diff);
		char *got = json_dumps(diff, JSON_SORT_KEYS | JSON_COMPACT);
		if (!json_equal(diff, want))
			fail_msg("case %zu: expected %s, got %s", i, c->want, got);
		if (strstr(got, "secret") != NULL)
			fail_msg("case %zu: a sensitive value is recorded: %s", i, got);
		/* The inputs are left as they were. */
		if (before) {
			char *again = json_dumps(before, JSON_SORT_KEYS);
			assert_string_equal(again, before_text);
			free(again);
		}
		free(got);
		free(before_text);
		json_decref(diff);
		json_decref(want);
		json_decref(before);
		json_decref(after);
	}
}

static void test_audit_diff_no_sensitive_list(void **state)
{
	(void)state;
	json_t *before = audit_json("{\"notes\":\"a\"}");
	json_t *after = audit_json("{\"notes\":\"b\"}");
	json_t *want = audit_json("{\"notes\":{\"before\":\"a\",\"after\":\"b\"}}");
	json_t *diff = audit_diff(before, after, NULL);
	assert_true(json_equal(diff, want));
	/* The diff holds its own references: it outlives its inputs. */
	json_decref(before);
	json_decref(after);
	assert_string_equal(json_string_value(json_object_get(json_object_get(diff, "notes"), "after")), "b");
	json_decref(diff);
	json_decref(want);
}

static void test_audit_fields(void **state)
{
	(void)state;
	json_t *in = audit_json("{\"notes\":\"secret words\",\"sex\":\"F\",\"count\":3,\"disability\":null}");
	json_t *got = audit_fields(in, audit_sensitive);
	json_t *want = audit_json("{\"notes\":{\"changed\":true},\"sex\":\"F\",\"count\":3,\"disability\":{\"changed\":true}}");
	assert_non_null(got);
	assert_true(json_equal(got, want));
	/* A copy: the fields themselves are left as they were, and the copy outlives them. */
	assert_string_equal(json_string_value(json_object_get(in, "notes")), "secret words");
	json_decref(in);
	assert_int_equal(json_integer_value(json_object_get(got, "count")), 3);
	json_decref(got);
	json_decref(want);
	/* Nothing named: the same fields. */
	in = audit_json("{\"a\":\"b\"}");
	got = audit_fields(in, NULL);
	assert_true(json_equal(got, in));
	json_decref(got);
	json_decref(in);
}

/* A fresh migrated database in a temporary directory. */
struct audit_fixture {
	struct test_db t;
	struct db *db;
};

static int audit_setup(void **state)
{
	if (secret_init() != 0)
		return -1;
	struct audit_fixture *f = calloc(1, sizeof *f);
	if (f == NULL)
		return -1;
	if (test_db_open(&f->t, "audit")) {
		free(f);
		return -1;
	}
	f->db = f->t.db;
	*state = f;
	return 0;
}

static int audit_teardown(void **state)
{
	struct audit_fixture *f = *state;
	test_db_close(&f->t);
	free(f);
	return 0;
}

static const struct actor audit_worker = {.user_id = 7, .org_id = 1, .role = ROLE_WORKER, .name = "siti"};
static const struct actor audit_admin = {.user_id = 1, .org_id = 1, .role = ROLE_ADMIN, .name = "admin"};

/* Appends five rows in one transaction. */
static void audit_fill(struct db *db)
{
	json_t *detail = audit_json("{\"rt\":{\"before\":\"01\",\"after\":\"02\"},\"name\":{\"changed\":true}}");
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(audit_record(db, NULL, "migrate", "system", NULL, NULL), 0);
	assert_int_equal(audit_record(db, &audit_admin, "create", "user", "siti", NULL), 0);
	assert_int_equal(audit_record(db, &audit_worker, "create", "client", "c-1", detail), 0);
	assert_int_equal(audit_record(db, &audit_worker, "update", "client", "c-1", detail), 0);
	assert_int_equal(audit_record(db, &audit_worker, "archive", "client", "c-1", NULL), 0);
	assert_int_equal(db_commit(db), 0);
	json_decref(detail);
}

static void audit_assert_intact(struct db *db, int64_t want_count)
{
	int64_t count = -1, bad = -1;
	assert_int_equal(audit_verify(db, &count, &bad), 0);
	assert_int_equal(count, want_count);
	assert_int_equal(bad, 0);
}

static void test_audit_chain_empty(void **state)
{
	struct audit_fixture *f = *state;
	audit_assert_intact(f->db, 0);
}

static void test_audit_chain_rows(void **state)
{
	struct audit_fixture *f = *state;
	audit_fill(f->db);
	audit_assert_intact(f->db, 5);

	/* The stored rows: consecutive ids, each linked to the previous hash, each hash recomputable. */
	static const char *const users[] = {"system", "admin", "siti", "siti", "siti"};
	static const int64_t user_ids[] = {0, 1, 7, 7, 7};
	static const char *const details[] = {
		"{}", "{}", "{\"name\":{\"changed\":true},\"rt\":{\"after\":\"02\",\"before\":\"01\"}}",
		"{\"name\":{\"changed\":true},\"rt\":{\"after\":\"02\",\"before\":\"01\"}}", "{}"};
	struct db_stmt *st;
	assert_int_equal(db_query(f->db, &st,
				  "SELECT id, at, user_name, action, entity, entity_uid, detail, prev_hash, hash,"
				  " coalesce(user_id, 0) FROM audit ORDER BY id",
				  ""),
			 0);
	char prev[SECRET_HASH_HEX];
	snprintf(prev, sizeof prev, "%s", AUDIT_GENESIS);
	int rows = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct audit_row row = {
			.id = db_col_int(st, 0),
			.at = db_col_text(st, 1),
			.user_name = db_col_text(st, 2),
			.action = db_col_text(st, 3),
			.entity = db_col_text(st, 4),
			.entity_uid = db_col_text(st, 5),
			.detail = db_col_text(st, 6),
			.prev_hash = db_col_text(st, 7),
		};
		const char *hash = db_col_text(st, 8);
		assert_int_equal(row.id, rows + 1);
		assert_string_equal(row.user_name, users[rows]);
		assert_int_equal(db_col_int(st, 9), user_ids[rows]);
		assert_string_equal(row.detail, details[rows]);
		assert_string_equal(row.prev_hash, prev);
		char want[SECRET_HASH_HEX];
		audit_hash(&row, want);
		assert_string_equal(hash, want);
		snprintf(prev, sizeof prev, "%s", hash);
		rows++;
	}
	db_finalize(st);
	assert_int_equal(rc, DB_DONE);
	assert_int_equal(rows, 5);

	/* A second transaction continues the chain. */
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(audit_record(f->db, &audit_worker, "update", "client", "c-2", NULL), 0);
	assert_int_equal(db_commit(f->db), 0);
	audit_assert_intact(f->db, 6);
}

static void test_audit_chain_rollback(void **state)
{
	struct audit_fixture *f = *state;
	audit_fill(f->db);
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(audit_record(f->db, &audit_worker, "update", "client", "c-1", NULL), 0);
	db_rollback(f->db);
	audit_assert_intact(f->db, 5);
	/* The next row takes the id the rolled-back one would have had. */
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(audit_record(f->db, &audit_worker, "update", "client", "c-1", NULL), 0);
	assert_int_equal(db_commit(f->db), 0);
	audit_assert_intact(f->db, 6);
}

static void test_audit_append_only(void **state)
{
	struct audit_fixture *f = *state;
	audit_fill(f->db);
	assert_int_not_equal(db_exec(f->db, "UPDATE audit SET detail = '{\"x\":1}' WHERE id = 3"), 0);
	assert_int_not_equal(db_exec(f->db, "DELETE FROM audit WHERE id = 3"), 0);
	assert_int_not_equal(db_exec(f->db, "DELETE FROM audit"), 0);
	audit_assert_intact(f->db, 5);
}

static void test_audit_tamper_detail(void **state)
{
	struct audit_fixture *f = *state;
	audit_fill(f->db);
	assert_int_not_equal(db_exec(f->db, "UPDATE audit SET detail = '{\"x\":1}' WHERE id = 3"), 0);
	assert_int_equal(db_exec(f->db, "DROP TRIGGER audit_no_update"), 0);
	assert_int_equal(db_exec(f->db, "UPDATE audit SET detail = '{\"x\":1}' WHERE id = 3"), 0);
	int64_t count = -1, bad = -1;
	assert_int_equal(audit_verify(f->db, &count, &bad), ERR_INVALID);
	assert_int_equal(bad, 3);
	assert_int_equal(count, 2);
}

/* Rewriting a row together with its hash still breaks the link to the next row. */
static void test_audit_tamper_rehashed(void **state)
{
	struct audit_fixture *f = *state;
	audit_fill(f->db);
	assert_int_equal(db_exec(f->db, "DROP TRIGGER audit_no_update"), 0);
	struct db_stmt *st;
	assert_int_equal(db_query(f->db, &st,
				  "SELECT id, at, user_name, action, entity, entity_uid, prev_hash FROM audit"
				  " WHERE id = 2",
				  ""),
			 0);
	assert_int_equal(db_step(st), DB_ROW);
	char at[32], prev[SECRET_HASH_HEX];
	snprintf(at, sizeof at, "%s", db_col_text(st, 1));
	snprintf(prev, sizeof prev, "%s", db_col_text(st, 6));
	db_finalize(st);
	struct audit_row row = {.id = 2, .at = at, .user_name = "admin", .action = "create",
				.entity = "user", .entity_uid = "mallory", .detail = "{}", .prev_hash = prev};
	char hash[SECRET_HASH_HEX];
	audit_hash(&row, hash);
	assert_int_equal(db_run(f->db, "UPDATE audit SET entity_uid = 'mallory', hash = ? WHERE id = 2", "t", hash), 0);
	int64_t count = -1, bad = -1;
	assert_int_equal(audit_verify(f->db, &count, &bad), ERR_INVALID);
	assert_int_equal(bad, 3);
	assert_int_equal(count, 2);
}

static void test_audit_tamper_deleted_row(void **state)
{
	struct audit_fixture *f = *state;
	audit_fill(f->db);
	assert_int_equal(db_exec(f->db, "DROP TRIGGER audit_no_delete"), 0);
	assert_int_equal(db_exec(f->db, "DELETE FROM audit WHERE id = 2"), 0);
	int64_t count = -1, bad = -1;
	assert_int_equal(audit_verify(f->db, &count, &bad), ERR_INVALID);
	assert_int_equal(bad, 3);
	assert_int_equal(count, 1);
}

static void test_audit_tamper_first_row(void **state)
{
	struct audit_fixture *f = *state;
	audit_fill(f->db);
	assert_int_equal(db_exec(f->db, "DROP TRIGGER audit_no_update"), 0);
	assert_int_equal(db_exec(f->db, "UPDATE audit SET user_name = 'admin' WHERE id = 1"), 0);
	int64_t count = -1, bad = -1;
	assert_int_equal(audit_verify(f->db, &count, &bad), ERR_INVALID);
	assert_int_equal(bad, 1);
	assert_int_equal(count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_audit_hash_deterministic),
		cmocka_unit_test(test_audit_hash_format),
		cmocka_unit_test(test_audit_hash_changes),
		cmocka_unit_test(test_audit_hash_long_detail),
		cmocka_unit_test(test_audit_diff),
		cmocka_unit_test(test_audit_diff_no_sensitive_list),
		cmocka_unit_test(test_audit_fields),
		cmocka_unit_test_setup_teardown(test_audit_chain_empty, audit_setup, audit_teardown),
		cmocka_unit_test_setup_teardown(test_audit_chain_rows, audit_setup, audit_teardown),
		cmocka_unit_test_setup_teardown(test_audit_chain_rollback, audit_setup, audit_teardown),
		cmocka_unit_test_setup_teardown(test_audit_append_only, audit_setup, audit_teardown),
		cmocka_unit_test_setup_teardown(test_audit_tamper_detail, audit_setup, audit_teardown),
		cmocka_unit_test_setup_teardown(test_audit_tamper_rehashed, audit_setup, audit_teardown),
		cmocka_unit_test_setup_teardown(test_audit_tamper_deleted_row, audit_setup, audit_teardown),
		cmocka_unit_test_setup_teardown(test_audit_tamper_first_row, audit_setup, audit_teardown),
	};
	if (secret_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
