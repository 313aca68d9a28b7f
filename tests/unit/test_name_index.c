/* test_name_index.c: the ordered scan of the name index (store/name_index.h) against a plain
 * evaluation of name_query_tier over every client, on a registry of a few thousand names built
 * from spellings that collide on purpose. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/embed.h"
#include "store/db.h"
#include "store/name_index.h"
#include "test_db.h"

#define NI_CLIENTS 3000
#define NI_ROOM (NI_CLIENTS + 400) /* and clients a test adds */

struct ni_client {
	int64_t id;
	char norm[256];
	char text[2048];
	bool gone; /* its rows were dropped */
};

struct ni_fixture {
	struct test_db t;
	struct db *db;
	struct ni_client *c;
	int n;
};

/* Words that meet in prefixes, spelling keys and joins: siti/sitti/sita, nur/nurul/nurhaliza,
 * soekarno/sukarno, muhammad/moh/m, achmad/ahmad, djoko/joko, haliza (nur haliza). */
static const char *const ni_words[] = {
	"siti", "sitti", "sita", "nur", "nurul", "nurhaliza", "haliza", "aminah", "soekarno", "sukarno",
	"muhammad", "moh", "m", "achmad", "ahmad", "djoko", "joko", "yoko", "budi", "santoso",
	"wulandari", "dewi", "dewa", "sri", "sriwulan", "agus", "agustina", "hasan", "hassan", "husin",
	"tjahjo", "cahyo", "oetomo", "utomo", "fatimah", "fatima", "rizky", "rizki", "abdul", "abdullah",
	"lah", "putra", "putri", "ni", "made", "wayan", "ketut", "josé", "ramos", "nuraini",
	"李", "李明", /* kept as UTF-8: lengths in bytes, not characters */
};
#define NI_NWORDS (int)(sizeof ni_words / sizeof ni_words[0])

static uint64_t ni_seed = 88172645463325252ull;
static unsigned ni_rand(unsigned n)
{
	ni_seed ^= ni_seed << 13;
	ni_seed ^= ni_seed >> 7;
	ni_seed ^= ni_seed << 17;
	return (unsigned)(ni_seed % n);
}

static int ni_setup(void **state)
{
	struct ni_fixture *f = calloc(1, sizeof *f);
	if (f == NULL)
		return -1;
	f->c = calloc(NI_ROOM, sizeof *f->c);
	if (f->c == NULL || test_db_open(&f->t, "ni"))
		return -1;
	f->db = f->t.db;
	if (db_run(f->db, "INSERT INTO org(id, uid, name, created_at, updated_at) VALUES (1, 'o1', 'Org', 'x', 'x')", ""))
		return -1;
	if (db_begin(f->db))
		return -1;
	for (int i = 0; i < NI_CLIENTS; i++) {
		struct ni_client *c = &f->c[i];
		char name[256] = "";
		int words = 1 + (int)ni_rand(4);
		for (int w = 0; w < words; w++) {
			if (w)
				strcat(name, " ");
			strcat(name, ni_words[ni_rand(NI_NWORDS)]);
		}
		/* A few words longer than any query word (a name typed without spaces): they sort among
		 * the tokens that a prefix such as "ab" or "s" must step over. */
		if (i % 500 == 7) {
			snprintf(name, sizeof name, "%s", i % 1000 == 7 ? "ab" : "siti s");
			for (size_t k = strlen(name); k < 150; k++)
				name[k] = (char)('a' + (char)(k % 3));
			name[150] = 0;
		}
		name_normalise(name, c->norm, sizeof c->norm);
		name_search_text(name, i % 10 == 0 ? "Nur Haliza" : NULL, c->text, sizeof c->text);
		char uid[32];
		snprintf(uid, sizeof uid, "c%d", i);
		if (db_run(f->db, "INSERT INTO client(uid, org_id, name, name_norm, search_names, created_at, updated_at)"
				  " VALUES (?, 1, ?, ?, ?, 'x', 'x')", "tttt", uid, name, c->norm, c->text))
			return -1;
		c->id = db_last_id(f->db);
		if (name_index_put(f->db, 1, c->id, c->norm, c->text))
			return -1;
	}
	if (db_commit(f->db))
		return -1;
	f->n = NI_CLIENTS;
	*state = f;
	return 0;
}

static int ni_teardown(void **state)
{
	struct ni_fixture *f = *state;
	if (f == NULL)
		return 0; /* the setup failed */
	test_db_close(&f->t);
	free(f->c);
	free(f);
	return 0;
}

/* What a scan gave: the ids placed in the tier, and whether the candidates came in order. */
struct ni_seen {
	const struct name_query *q;
	int tier;
	int64_t ids[NI_ROOM];
	int n, candidates;
	char last[256];
	int64_t last_id;
	bool ordered;
	int stop_after; /* stop after this many placed (0: never) */
};

static struct ni_fixture *ni_current;

/* ni_client_of finds the client of id (ids are given in order from the first). */
static const struct ni_client *ni_client_of(int64_t id)
{
	int64_t i = id - ni_current->c[0].id;
	return i >= 0 && i < ni_current->n ? &ni_current->c[i] : NULL;
}

static int ni_visit(void *ctx, const char *name, int64_t id)
{
	struct ni_seen *s = ctx;
	int c = strcmp(name, s->last);
	if (s->candidates && (c < 0 || (c == 0 && id <= s->last_id)))
		s->ordered = false;
	snprintf(s->last, sizeof s->last, "%s", name);
	s->last_id = id;
	s->candidates++;
	/* The visitor places candidates with the client's text, as client_store does. */
	const struct ni_client *cl = ni_client_of(id);
	if (cl && !cl->gone && name_query_tier(s->q, cl->text) == s->tier)
		s->ids[s->n++] = id;
	return s->stop_after && s->n == s->stop_after;
}

static int ni_cmp_client(const void *a, const void *b)
{
	const struct ni_client *x = *(const struct ni_client *const *)a, *y = *(const struct ni_client *const *)b;
	int c = strcmp(x->norm, y->norm);
	return c ? c : x->id < y->id ? -1 : x->id > y->id;
}

/* ni_expect lists, in name order, the clients name_query_tier places in tier. */
static int ni_expect(struct ni_fixture *f, const struct name_query *q, int tier, int64_t *ids)
{
	static const struct ni_client *sorted[NI_ROOM];
	for (int i = 0; i < f->n; i++)
		sorted[i] = &f->c[i];
	qsort(sorted, (size_t)f->n, sizeof sorted[0], ni_cmp_client);
	int n = 0;
	for (int i = 0; i < f->n; i++)
		if (!sorted[i]->gone && name_query_tier(q, sorted[i]->text) == tier)
			ids[n++] = sorted[i]->id;
	return n;
}

/* ni_scan runs the scan of q in tier; variants: name_index_variants instead (tier 1), which
 * need offer only the candidates that may be variants, and must place the same. */
static void ni_scan(struct ni_fixture *f, struct arena *a, const struct name_query *q, int tier, bool variants,
		    const char *after, int64_t after_id, struct ni_seen *seen)
{
	int rc = variants ? name_index_variants(f->db, a, 1, q, after, after_id, ni_visit, seen, NULL)
			  : name_index_scan(f->db, a, 1, q, tier, after, after_id, ni_visit, seen);
	assert_int_equal(rc, 0);
}

/* ni_check compares the scan of norm with the plain evaluation in both tiers (and the scan of
 * variants with tier 1), whole and from the middle; returns the number of matches. */
static int ni_check(struct ni_fixture *f, const char *query)
{
	char norm[256];
	name_normalise(query, norm, sizeof norm);
	static struct name_query q;
	name_query_parse(norm, &q);
	static int64_t want[NI_ROOM];
	static struct ni_seen seen;
	int total = 0;
	for (int pass = 0; pass <= 2; pass++) {
		int tier = pass > 0;
		bool variants = pass == 2;
		int n = ni_expect(f, &q, tier, want);
		if (!variants)
			total += n;
		memset(&seen, 0, sizeof seen);
		seen.q = &q;
		seen.tier = tier;
		seen.ordered = true;
		struct arena a;
		arena_init(&a);
		ni_scan(f, &a, &q, tier, variants, NULL, 0, &seen);
		if (!seen.ordered || seen.n != n || memcmp(seen.ids, want, sizeof want[0] * (size_t)n) != 0)
			fail_msg("query \"%s\" tier %d%s: %d placed, %d expected, ordered %d", query, tier,
				 variants ? " (variants)" : "", seen.n, n, seen.ordered);
		/* From the middle: after the k-th match, the rest, in order. */
		if (n > 2) {
			int k = n / 2;
			const char *after = NULL;
			for (int i = 0; i < f->n; i++)
				if (f->c[i].id == want[k - 1])
					after = f->c[i].norm;
			memset(&seen, 0, sizeof seen);
			seen.q = &q;
			seen.tier = tier;
			seen.ordered = true;
			ni_scan(f, &a, &q, tier, variants, after, want[k - 1], &seen);
			if (seen.n != n - k || memcmp(seen.ids, want + k, sizeof want[0] * (size_t)(n - k)) != 0)
				fail_msg("query \"%s\" tier %d%s after %d: %d placed, %d expected", query, tier,
					 variants ? " (variants)" : "", k, seen.n, n - k);
		}
		/* A page: the visitor stops after three. */
		memset(&seen, 0, sizeof seen);
		seen.q = &q;
		seen.tier = tier;
		seen.stop_after = 3;
		ni_scan(f, &a, &q, tier, variants, NULL, 0, &seen);
		assert_int_equal(seen.n, n < 3 ? n : 3);
		arena_free(&a);
	}
	return total;
}

static const char *const ni_queries[] = {
	"siti", "sitti", "sit", "s", "n", "nur", "nur haliza", "nurhaliza", "nurh", "siti nur", "nur siti",
	"soekarno", "sukarno", "Moh. Soekarno", "muhammad sukarno", "m sukarno", "achmad", "ahmad", "djoko",
	"joko", "yoko", "hassan", "hasan", "tjahjo", "cahyo", "oetomo", "fatimah", "rizky", "abdul lah",
	"abdullah", "sri wul", "sriwulan", "agus s", "dew", "ni made", "jose", "JOSÉ", "jose\xcc\x81",
	"nuraini", "a b", "zzz", "siti zzz", "siti nur aminah budi", "siti nur aminah", "budi santoso", "santoso budi",
	"putr", "putri ketut wayan made", "m", "mu", "ab", "abd", "abcabc", "siti sa",
};

static void test_scan_matches_plain_evaluation(void **state)
{
	struct ni_fixture *f = *state;
	ni_current = f;
	int nonempty = 0;
	for (size_t i = 0; i < sizeof ni_queries / sizeof ni_queries[0]; i++) {
		nonempty += ni_check(f, ni_queries[i]) > 0;
	}
	/* All but four find someone: the two with "zzz", and two four-word names the seed did not
	 * make ("siti nur aminah budi", "putri ketut wayan made"). "abcabc" finds only the long
	 * words. */
	assert_int_equal(nonempty, (int)(sizeof ni_queries / sizeof ni_queries[0]) - 4);
}

static void test_scan_random_prefixes(void **state)
{
	struct ni_fixture *f = *state;
	ni_current = f;
	for (int k = 0; k < 60; k++) {
		char q[128] = "";
		int words = 1 + (int)ni_rand(3);
		for (int w = 0; w < words; w++) {
			const char *word = ni_words[ni_rand(NI_NWORDS)];
			size_t len = 1 + ni_rand((unsigned)strlen(word));
			strcat(q, w ? " " : "");
			strncat(q, word, len);
		}
		ni_check(f, q);
	}
}

/* ni_candidates counts the candidates a scan of query offers in tier. */
static int ni_candidates(struct ni_fixture *f, const char *query, int tier)
{
	static struct name_query q;
	static struct ni_seen seen;
	char norm[256];
	name_normalise(query, norm, sizeof norm);
	name_query_parse(norm, &q);
	memset(&seen, 0, sizeof seen);
	seen.q = &q;
	seen.tier = tier;
	struct arena a;
	arena_init(&a);
	assert_int_equal(name_index_scan(f->db, &a, 1, &q, tier, NULL, 0, ni_visit, &seen), 0);
	arena_free(&a);
	return seen.candidates;
}

/* ni_variant_candidates counts the candidates the scan of variants of query offers. */
static int ni_variant_candidates(struct ni_fixture *f, const char *query)
{
	static struct name_query q;
	static struct ni_seen seen;
	name_query_parse(query, &q);
	memset(&seen, 0, sizeof seen);
	seen.q = &q;
	seen.tier = 1;
	struct arena a;
	arena_init(&a);
	assert_int_equal(name_index_variants(f->db, &a, 1, &q, NULL, 0, ni_visit, &seen, NULL), 0);
	arena_free(&a);
	return seen.candidates;
}

static void test_scan_reads_matches_not_the_registry(void **state)
{
	struct ni_fixture *f = *state;
	ni_current = f;
	/* A word with few tokens is looked up: the candidates are the matches. */
	int64_t want[NI_ROOM];
	static struct name_query q;
	name_query_parse("hasan", &q);
	int n = ni_expect(f, &q, 0, want);
	assert_true(n > 0 && n < f->n / 10);
	assert_int_equal(ni_candidates(f, "hasan", 0), n);
	/* In a pair, the other word narrows the candidates through the index. */
	assert_true(ni_candidates(f, "hasan s", 1) < ni_candidates(f, "s", 0));
	/* "s" is matched by the words and keys that start with it, not by the pairs written together
	 * that start with them (each joined to any of fifty words): each pair is covered by its
	 * client's first word, at least one letter long, so "s" looks none of them up, and the
	 * candidates are the matches. */
	name_query_parse("s", &q);
	n = ni_expect(f, &q, 0, want) + ni_expect(f, &q, 1, want);
	assert_true(n > 0 && n < f->n);
	assert_int_equal(ni_candidates(f, "s", 1), n);
	/* "mu" is longer than the written word "m" that starts the pair "mutomo" ("m" + "utomo"):
	 * that pair is looked up. */
	ni_check(f, "mu");
	ni_check(f, "mutomo");
	/* The scan of variants offers the clients of the tokens that only tier 1 looks up ("hasan":
	 * Hassan's key), each with the other words' tokens: not the exact matches without such a
	 * token again. */
	static const char *const variants[] = {"hasan", "siti nur"};
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		name_query_parse(variants[i], &q);
		n = ni_expect(f, &q, 1, want);
		int offered = ni_variant_candidates(f, variants[i]);
		if (!(n > 0 && offered >= n && offered < ni_candidates(f, variants[i], 1)))
			fail_msg("\"%s\": %d variants, %d offered of %d", variants[i], n, offered,
				 ni_candidates(f, variants[i], 1));
	}
}

/* A word that starts more than 256 distinct tokens is not looked up: alone, every client is
 * offered; with another word, that word's candidates, each checked. The results stay exact. */
static void test_scan_of_a_word_too_common(void **state)
{
	struct ni_fixture *f = *state;
	ni_current = f;
	assert_int_equal(db_begin(f->db), 0);
	for (int i = 0; i < 300; i++) {
		struct ni_client *c = &f->c[i];
		assert_int_equal(name_index_drop(f->db, 1, c->id, c->norm, c->text), 0);
		char name[64];
		snprintf(name, sizeof name, "zz%c%c%c %s", 'a' + i / 100, 'a' + i / 10 % 10, 'a' + i % 10, i % 2 ? "budi" : "dewi");
		name_normalise(name, c->norm, sizeof c->norm);
		name_search_text(name, NULL, c->text, sizeof c->text);
		assert_int_equal(db_run(f->db, "UPDATE client SET name=?, name_norm=?, search_names=? WHERE id=?", "ttti", name,
					c->norm, c->text, c->id),
				 0);
		assert_int_equal(name_index_put(f->db, 1, c->id, c->norm, c->text), 0);
	}
	assert_int_equal(db_commit(f->db), 0);
	assert_int_equal(ni_candidates(f, "zz", 0), f->n);
	assert_true(ni_candidates(f, "zz budi", 0) < f->n);
	assert_int_equal(ni_check(f, "zz"), 300);
	ni_check(f, "zz budi");
	ni_check(f, "budi zza");
}

static void test_drop_and_put_follow_a_rename(void **state)
{
	struct ni_fixture *f = *state;
	ni_current = f;
	char norm[256];
	name_normalise("soekarno", norm, sizeof norm);
	static struct name_query q;
	name_query_parse(norm, &q);
	static int64_t before[NI_CLIENTS];
	int n = ni_expect(f, &q, 0, before);
	assert_true(n > 3);
	/* Rename the first exact match to a name of its own; drop the second's rows. */
	struct ni_client *a = NULL, *b = NULL;
	for (int i = 0; i < f->n; i++) {
		if (f->c[i].id == before[0])
			a = &f->c[i];
		if (f->c[i].id == before[1])
			b = &f->c[i];
	}
	assert_int_equal(name_index_drop(f->db, 1, a->id, a->norm, a->text), 0);
	snprintf(a->norm, sizeof a->norm, "qxrenamed");
	name_search_text("Qxrenamed", NULL, a->text, sizeof a->text);
	assert_int_equal(name_index_put(f->db, 1, a->id, a->norm, a->text), 0);
	assert_int_equal(name_index_drop(f->db, 1, b->id, b->norm, b->text), 0);
	b->gone = true;
	ni_check(f, "soekarno");
	static int64_t after[NI_CLIENTS];
	assert_int_equal(ni_expect(f, &q, 0, after), n - 2);
	assert_int_equal(ni_check(f, "qxrenamed"), 1);
	/* No row of either is left under its old words. */
	struct db_stmt *st;
	assert_int_equal(db_query(f->db, &st, "SELECT count(*) FROM client_term WHERE client_id IN (?, ?) AND term <> 'qxrenamed'"
					      " AND term <> 'kxrenamed'", "ii", a->id, b->id), 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 0);
	db_finalize(st);
}

/* ni_rows lists every row of client_term as text, in key order. */
static char *ni_rows(struct db *db)
{
	struct buf b;
	buf_init(&b, 64 * 1024 * 1024);
	struct db_stmt *st;
	assert_int_equal(db_query(db, &st, "SELECT org_id, kind, term, name_norm, client_id FROM client_term"
					   " ORDER BY org_id, kind, term, name_norm, client_id", ""), 0);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		assert_int_equal(buf_printf(&b, "%lld|%lld|%s|%s|%lld\n", (long long)db_col_int(st, 0),
					    (long long)db_col_int(st, 1), db_col_text(st, 2), db_col_text(st, 3),
					    (long long)db_col_int(st, 4)), 0);
	assert_int_equal(rc, DB_DONE);
	db_finalize(st);
	char *out = strdup(buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* ni_list lists the rows of a query of text columns as lines. */
static char *ni_list(struct db *db, const char *sql)
{
	struct buf b;
	buf_init(&b, 64 * 1024 * 1024);
	struct db_stmt *st;
	assert_int_equal(db_query(db, &st, sql, ""), 0);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		assert_int_equal(buf_printf(&b, "%s\n", db_col_text(st, 0)), 0);
	assert_int_equal(rc, DB_DONE);
	db_finalize(st);
	char *out = strdup(buf_cstr(&b));
	buf_free(&b);
	return out;
}

#define NI_TERMS "SELECT org_id || '|' || kind || '|' || term FROM name_term ORDER BY org_id, kind, term"
/* Each token with its estimate of rows: kept in name_term, and counted in client_term (16 for each
 * client whose id is a multiple of 16). */
#define NI_CLIENTS_KEPT                                                                            \
	"SELECT org_id || '|' || kind || '|' || term || '|' || clients FROM name_term ORDER BY org_id, kind, term"
#define NI_CLIENTS_COUNTED                                                                         \
	"SELECT org_id || '|' || kind || '|' || term || '|' || (16 * sum(client_id % 16 = 0)) FROM client_term" \
	" GROUP BY org_id, kind, term ORDER BY org_id, kind, term"

/* ni_counts_agree asserts that name_term estimates every token's rows from its sample. */
static void ni_counts_agree(struct db *db);
static int64_t ni_count(struct db *db, const char *sql);
#define NI_DISTINCT                                                                                \
	"SELECT DISTINCT org_id || '|' || kind || '|' || term FROM client_term ORDER BY org_id, kind, term"

/* name_term holds exactly the distinct tokens of client_term: added with a token's first row,
 * removed with its last, through renames and drops. */
static void test_token_list_follows_the_rows(void **state)
{
	struct ni_fixture *f = *state;
	ni_current = f;
	char *terms = ni_list(f->db, NI_TERMS), *distinct = ni_list(f->db, NI_DISTINCT);
	assert_true(strlen(terms) > 100);
	assert_string_equal(terms, distinct);
	free(terms);
	free(distinct);
	ni_counts_agree(f->db);
	/* A client whose name is the only one with its words: its tokens go with its rows. */
	char text[NAME_SEARCH_MAX];
	name_search_text("Qxuniq Zzlonely", NULL, text, sizeof text);
	assert_int_equal(name_index_put(f->db, 1, 999999, "qxuniq zzlonely", text), 0);
	assert_int_equal(name_index_put(f->db, 1, 999999, "qxuniq zzlonely", text), 0); /* again: no change */
	struct db_stmt *st;
	assert_int_equal(db_query(f->db, &st, "SELECT count(*) FROM name_term WHERE term IN ('qxuniq', 'zzlonely')", ""), 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 2);
	db_finalize(st);
	assert_int_equal(ni_candidates(f, "qxu zzl", 0), 1);
	/* Every client of a common word but one is dropped: the token stays for the last. */
	int last = -1, dropped = 0;
	for (int i = 0; i < f->n; i++) {
		if (strstr(f->c[i].norm, "soekarno") == NULL)
			continue;
		if (last >= 0) {
			assert_int_equal(name_index_drop(f->db, 1, f->c[last].id, f->c[last].norm, f->c[last].text), 0);
			f->c[last].gone = true;
			dropped++;
		}
		last = i;
	}
	assert_true(dropped > 2);
	assert_int_equal(name_index_drop(f->db, 1, 999999, "qxuniq zzlonely", text), 0);
	terms = ni_list(f->db, NI_TERMS);
	distinct = ni_list(f->db, NI_DISTINCT);
	assert_string_equal(terms, distinct);
	assert_null(strstr(terms, "|qxuniq\n"));
	assert_null(strstr(terms, "|zzlonely\n"));
	free(terms);
	free(distinct);
	ni_counts_agree(f->db);
	ni_check(f, "soekarno");
	ni_check(f, "sukarno");
	static struct name_query q;
	name_query_parse("soekarno", &q);
	static int64_t left[NI_CLIENTS];
	assert_int_equal(ni_expect(f, &q, 0, left), 1);
}

#define NI_COVERED "SELECT org_id || '|' || kind || '|' || term || '|' || covered FROM name_term ORDER BY org_id, kind, term"

/* ni_count is the integer the query answers, -1 when it answers no row. */
static int64_t ni_count(struct db *db, const char *sql)
{
	struct db_stmt *st;
	assert_int_equal(db_query(db, &st, sql, ""), 0);
	int64_t v = db_step(st) == DB_ROW ? db_col_int(st, 0) : -1;
	db_finalize(st);
	return v;
}

/* ni_expect_covered fills temp table covered_each with each key's and pair's covered length,
 * evaluated from the texts of the clients not dropped: the longest word or key of the same text
 * that is a proper prefix of it, the least over its clients. */
static void ni_expect_covered(struct ni_fixture *f)
{
	assert_int_equal(db_exec(f->db, "DROP TABLE IF EXISTS temp.covered_each;"
					"CREATE TEMP TABLE covered_each(kind INTEGER, term TEXT, covered INTEGER)"),
			 0);
	for (int i = 0; i < f->n; i++) {
		if (f->c[i].gone)
			continue;
		const char *text = f->c[i].text;
		const char *mark = strstr(text, NAME_SEARCH_MARK), *pairs = strstr(text, NAME_SEARCH_PAIRS);
		char tok[64][256];
		int kind[64], n = 0;
		char copy[2048];
		snprintf(copy, sizeof copy, "%s", text);
		for (char *save = NULL, *w = strtok_r(copy, " ", &save); w && n < 64; w = strtok_r(NULL, " ", &save)) {
			if (w[0] == '|')
				continue;
			size_t at = (size_t)(w - copy);
			kind[n] = pairs && at > (size_t)(pairs - text) ? 2 : mark && at > (size_t)(mark - text) ? 1 : 0;
			snprintf(tok[n++], sizeof tok[0], "%s", w);
		}
		for (int k = 0; k < n; k++) {
			if (kind[k] == 0)
				continue;
			size_t best = 0, len = strlen(tok[k]);
			for (int j = 0; j < n; j++) {
				size_t m = strlen(tok[j]);
				if (kind[j] < 2 && m < len && m > best && strncmp(tok[j], tok[k], m) == 0)
					best = m;
			}
			assert_int_equal(db_run(f->db, "INSERT INTO covered_each VALUES (?, ?, ?)", "iti", (int64_t)kind[k],
						tok[k], (int64_t)best),
					 0);
		}
	}
}

static void ni_counts_agree(struct db *db)
{
	char *kept = ni_list(db, NI_CLIENTS_KEPT), *counted = ni_list(db, NI_CLIENTS_COUNTED);
	assert_true(strlen(kept) > 100);
	assert_string_equal(kept, counted);
	free(kept);
	free(counted);
}

/* A key's or a pair's covered length is the least over its clients: exact after puts; after
 * drops never more than the least over the clients left (a lookup too many, never one missed). */
static void test_covered_follows_the_rows(void **state)
{
	struct ni_fixture *f = *state;
	ni_current = f;
	ni_expect_covered(f);
	char *want = ni_list(f->db, "SELECT '1|' || kind || '|' || term || '|' || min(covered) FROM covered_each"
				    " GROUP BY kind, term ORDER BY kind, term");
	char *have = ni_list(f->db, "SELECT org_id || '|' || kind || '|' || term || '|' || covered FROM name_term"
				    " WHERE kind > 0 ORDER BY org_id, kind, term");
	assert_true(strlen(want) > 1000);
	assert_string_equal(have, want);
	free(want);
	free(have);
	/* The pairs of "nurhaliza"'s clients are covered by "nur" at least; "nurhaliza" written alone
	 * is a word, and covers nothing of its own. */
	struct db_stmt *st;
	assert_int_equal(db_query(f->db, &st, "SELECT count(*), min(covered) FROM name_term WHERE kind=2 AND term LIKE 'nur%'", ""), 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_true(db_col_int(st, 0) > 5);
	assert_true(db_col_int(st, 1) >= 3);
	db_finalize(st);
	/* Drop every client but a few: what is kept is never above the least of those left. */
	for (int i = 0; i < f->n; i++) {
		if (i % 7 == 0)
			continue;
		assert_int_equal(name_index_drop(f->db, 1, f->c[i].id, f->c[i].norm, f->c[i].text), 0);
		f->c[i].gone = true;
	}
	ni_expect_covered(f);
	assert_int_equal(db_query(f->db, &st,
				  "SELECT count(*), sum(n.covered > e.c) FROM name_term n JOIN"
				  " (SELECT kind, term, min(covered) AS c FROM covered_each GROUP BY kind, term) e"
				  " ON e.kind = n.kind AND e.term = n.term",
				  ""),
			 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_true(db_col_int(st, 0) > 100);
	assert_int_equal(db_col_int(st, 1), 0);
	db_finalize(st);
	/* One pair of two clients, covered by words of different lengths: "ab cdef" and "abcd ef". */
	char x[NAME_SEARCH_MAX], y[NAME_SEARCH_MAX];
	name_search_text("Ab Cdef", NULL, x, sizeof x);
	name_search_text("Abcd Ef", NULL, y, sizeof y);
	const char *pair = "SELECT covered FROM name_term WHERE org_id=1 AND kind=2 AND term='abcdef'";
	assert_int_equal(name_index_put(f->db, 1, 999001, "abcd ef", y), 0);
	assert_int_equal(ni_count(f->db, pair), 4);
	assert_int_equal(name_index_put(f->db, 1, 999002, "ab cdef", x), 0);
	assert_int_equal(ni_count(f->db, pair), 2);
	assert_int_equal(name_index_drop(f->db, 1, 999002, "ab cdef", x), 0);
	assert_int_equal(ni_count(f->db, pair), 2); /* lower than "abcd" alone needs: looked up, found */
	assert_int_equal(name_index_drop(f->db, 1, 999001, "abcd ef", y), 0);
	assert_int_equal(ni_count(f->db, pair), -1);
	assert_int_equal(name_index_put(f->db, 1, 999001, "abcd ef", y), 0);
	assert_int_equal(ni_count(f->db, pair), 4);
	assert_int_equal(name_index_drop(f->db, 1, 999001, "abcd ef", y), 0);
	/* A client put again lowers the least, and the scan still finds what it should. */
	for (int i = 0; i < f->n; i += 2) {
		if (!f->c[i].gone)
			continue;
		assert_int_equal(name_index_put(f->db, 1, f->c[i].id, f->c[i].norm, f->c[i].text), 0);
		f->c[i].gone = false;
	}
	ni_check(f, "nurha");
	ni_check(f, "sriwu");
	ni_check(f, "siti nurhal");
	ni_counts_agree(f->db);
}

/* ni_migration_computes runs the statements of migration file from the text start on, after
 * reset, and asserts that the rows of query list are what they were (what the program wrote). */
static void ni_migration_computes(struct db *db, const char *file, const char *start, const char *reset,
				  const char *list)
{
	char *want = ni_list(db, list);
	const struct embed_file *m = embed_find(file);
	assert_non_null(m);
	const char *from = strstr((const char *)m->data, start);
	assert_non_null(from);
	char *fill = strdup(from);
	assert_int_equal(db_exec(db, reset), 0);
	assert_int_equal(db_exec(db, fill), 0);
	char *got = ni_list(db, list);
	assert_string_equal(got, want);
	free(got);
	free(fill);
	free(want);
}

/* The migration that created the index fills it for existing clients in SQL: its rows must be
 * the program's rows. */
static void test_migration_fill_equals_program(void **state)
{
	struct ni_fixture *f = *state;
	char *program = ni_rows(f->db);
	assert_true(strlen(program) > 1000);
	const struct embed_file *m = embed_find("schema/sqlite/007_name_index.sql");
	assert_non_null(m);
	const char *from = strstr((const char *)m->data, "INSERT OR IGNORE INTO client_term");
	assert_non_null(from);
	const char *to = strstr(from, ";\n");
	assert_non_null(to);
	char *fill = strndup(from, (size_t)(to - from + 1));
	assert_int_equal(db_exec(f->db, "DELETE FROM client_term"), 0);
	assert_int_equal(db_exec(f->db, fill), 0);
	char *migrated = ni_rows(f->db);
	assert_string_equal(migrated, program);
	free(fill);
	free(migrated);
	free(program);
	/* So must the distinct tokens that migration 009 fills from them. */
	char *terms = ni_list(f->db, NI_TERMS);
	m = embed_find("schema/sqlite/009_name_term.sql");
	assert_non_null(m);
	from = strstr((const char *)m->data, "INSERT INTO name_term");
	assert_non_null(from);
	to = strstr(from, ";\n");
	assert_non_null(to);
	fill = strndup(from, (size_t)(to - from + 1));
	assert_int_equal(db_exec(f->db, "DELETE FROM name_term"), 0);
	assert_int_equal(db_exec(f->db, fill), 0);
	char *filled = ni_list(f->db, NI_TERMS);
	assert_string_equal(filled, terms);
	free(fill);
	free(filled);
	free(terms);
	/* And the covered lengths that migration 013 computes for them. */
	assert_int_equal(db_exec(f->db, "DELETE FROM client_term; DELETE FROM name_term"), 0);
	for (int i = 0; i < f->n; i++)
		assert_int_equal(name_index_put(f->db, 1, f->c[i].id, f->c[i].norm, f->c[i].text), 0);
	char *covered = ni_list(f->db, NI_COVERED);
	assert_non_null(strstr(covered, "|2|nurhaliza"));
	free(covered);
	ni_migration_computes(f->db, "schema/sqlite/013_name_covered.sql", "CREATE TEMP TABLE", "UPDATE name_term SET covered = 0",
			      NI_COVERED);
	/* And the estimates of rows that migration 015 computes for them. */
	ni_migration_computes(f->db, "schema/sqlite/015_name_term_clients.sql", "UPDATE name_term",
			      "UPDATE name_term SET clients = 0", NI_CLIENTS_KEPT);
}

/* Written for many clients at once (a bulk import's batch), in the index's order, the rows and
 * the tokens' rows, with their covered lengths and estimates, are those that writing each client
 * gives. */
static void test_put_many_writes_what_put_writes(void **state)
{
	struct ni_fixture *f = *state;
	static const char *const dump =
		"SELECT group_concat(r, ' ') FROM (SELECT org_id || '|' || kind || '|' || term || '|' || name_norm || '|' ||"
		" client_id AS r FROM client_term ORDER BY 1) UNION ALL SELECT group_concat(r, ' ') FROM (SELECT org_id || '|' ||"
		" kind || '|' || term || '|' || covered || '|' || clients AS r FROM name_term ORDER BY 1)";
	char *one = ni_list(f->db, dump);
	assert_true(strlen(one) > 1000);
	assert_int_equal(db_exec(f->db, "DELETE FROM client_term; DELETE FROM name_term"), 0);
	struct name_index_client *clients = malloc(sizeof *clients * (size_t)f->n);
	assert_non_null(clients);
	/* In two calls, as two batches. */
	for (int i = 0; i < f->n; i++)
		clients[i] = (struct name_index_client){f->c[i].id, f->c[i].norm, f->c[i].text};
	assert_int_equal(name_index_put_many(f->db, 1, f->n / 3, clients), 0);
	assert_int_equal(name_index_put_many(f->db, 1, f->n - f->n / 3, clients + f->n / 3), 0);
	char *many = ni_list(f->db, dump);
	assert_string_equal(many, one);
	/* A client without a name or text writes nothing. */
	struct name_index_client none[2] = {{999998, NULL, NULL}, {999999, "", ""}};
	assert_int_equal(name_index_put_many(f->db, 1, 2, none), 0);
	free(many);
	many = ni_list(f->db, dump);
	assert_string_equal(many, one);
	free(clients);
	free(one);
	free(many);
}

/* The ids of a visit, in the order given. */
struct ni_ids {
	int64_t v[NI_ROOM];
	int n;
};

static int ni_ids_visit(void *ctx, const char *name, int64_t id)
{
	(void)name;
	struct ni_ids *c = ctx;
	c->v[c->n++] = id;
	return 0;
}

static int ni_id_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

/* ni_in tells whether id is among v[0..n) (ascending). */
static bool ni_in(const int64_t *v, int n, int64_t id)
{
	return bsearch(&id, v, (size_t)n, sizeof id, ni_id_cmp) != NULL;
}

/* ni_gathered checks name_index_gather for query: ascending ids, each once, with its client's
 * name, holding every match; returns their number and, in scan, the scan's candidates of tier 1
 * (sorted), the number of which goes to *nscan. */
static int ni_gathered(struct ni_fixture *f, const char *query, struct ni_ids *scan)
{
	char norm[256];
	name_normalise(query, norm, sizeof norm);
	static struct name_query q;
	name_query_parse(norm, &q);
	struct arena a;
	arena_init(&a);
	int64_t *ids;
	const char **names;
	int n;
	assert_int_equal(name_index_gather(f->db, &a, 1, &q, NI_ROOM, &ids, &names, &n), 0);
	if (n < 0)
		fail_msg("query \"%s\": gathered none", query);
	for (int i = 0; i < n; i++) {
		if (i > 0 && ids[i - 1] >= ids[i])
			fail_msg("query \"%s\": ids out of order at %d", query, i);
		const struct ni_client *c = ni_client_of(ids[i]);
		if (c && strcmp(names[i], c->norm) != 0)
			fail_msg("query \"%s\": %s given for %s", query, names[i], c->norm);
	}
	for (int i = 0; i < f->n; i++)
		if (!f->c[i].gone && name_query_tier(&q, f->c[i].text) >= 0 && !ni_in(ids, n, f->c[i].id))
			fail_msg("query \"%s\": %s missed", query, f->c[i].norm);
	/* Without names, the same ids. */
	int64_t *bare;
	int m;
	assert_int_equal(name_index_gather(f->db, &a, 1, &q, NI_ROOM, &bare, NULL, &m), 0);
	assert_int_equal(m, n);
	assert_memory_equal(bare, ids, sizeof *ids * (size_t)n);
	/* One fewer than they are is too many. */
	if (n > 1) {
		assert_int_equal(name_index_gather(f->db, &a, 1, &q, n - 1, &bare, NULL, &m), 0);
		assert_int_equal(m, -1);
	}
	scan->n = 0;
	assert_int_equal(name_index_scan(f->db, &a, 1, &q, 1, NULL, 0, ni_ids_visit, scan), 0);
	qsort(scan->v, (size_t)scan->n, sizeof scan->v[0], ni_id_cmp);
	arena_free(&a);
	return n;
}

/* Gathering every candidate holds every match, in order by id; with words of comparable size
 * or a word leapfrogged, exactly the candidates of the scan; with a word of many tokens and
 * many more rows left out, more. */
static void test_gather_holds_every_match(void **state)
{
	struct ni_fixture *f = *state;
	ni_current = f;
	static struct ni_ids scan;
	for (size_t i = 0; i < sizeof ni_queries / sizeof ni_queries[0]; i++)
		ni_gathered(f, ni_queries[i], &scan);
	/* Words of comparable size are read and intersected; "s", of many more rows than "hasan",
	 * and of few tokens, is leapfrogged with it. */
	const char *exact[] = {"hasan", "budi santoso", "siti nur", "nurhaliza", "hasan s"};
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
		int n = ni_gathered(f, exact[i], &scan);
		assert_true(n > 0);
		assert_int_equal(n, scan.n);
	}
	/* Give "s" a hundred and twenty words of its own: now too many tokens to leapfrog, it is left
	 * out, and "hasan s" gathers every client of "hasan". */
	assert_int_equal(db_begin(f->db), 0);
	for (int i = 0; i < 120; i++) {
		struct ni_client *c = &f->c[f->n++];
		char name[64];
		snprintf(name, sizeof name, "s%c%cq budi", 'a' + i / 26, 'a' + i % 26);
		name_normalise(name, c->norm, sizeof c->norm);
		name_search_text(name, NULL, c->text, sizeof c->text);
		char uid[32];
		snprintf(uid, sizeof uid, "s%d", i);
		assert_int_equal(db_run(f->db, "INSERT INTO client(uid, org_id, name, name_norm, search_names, created_at, updated_at)"
					   " VALUES (?, 1, ?, ?, ?, 'x', 'x')", "tttt", uid, name, c->norm, c->text),
				 0);
		c->id = db_last_id(f->db);
		assert_int_equal(name_index_put(f->db, 1, c->id, c->norm, c->text), 0);
	}
	assert_int_equal(db_commit(f->db), 0);
	static struct ni_ids alone;
	int hasan = ni_gathered(f, "hasan", &alone);
	int n = ni_gathered(f, "hasan s", &scan);
	assert_int_equal(n, hasan);
	assert_true(scan.n < n);
	ni_check(f, "hasan s");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scan_matches_plain_evaluation, ni_setup, ni_teardown),
		cmocka_unit_test_setup_teardown(test_scan_random_prefixes, ni_setup, ni_teardown),
		cmocka_unit_test_setup_teardown(test_scan_reads_matches_not_the_registry, ni_setup, ni_teardown),
		cmocka_unit_test_setup_teardown(test_drop_and_put_follow_a_rename, ni_setup, ni_teardown),
		cmocka_unit_test_setup_teardown(test_scan_of_a_word_too_common, ni_setup, ni_teardown),
		cmocka_unit_test_setup_teardown(test_token_list_follows_the_rows, ni_setup, ni_teardown),
		cmocka_unit_test_setup_teardown(test_covered_follows_the_rows, ni_setup, ni_teardown),
		cmocka_unit_test_setup_teardown(test_migration_fill_equals_program, ni_setup, ni_teardown),
		cmocka_unit_test_setup_teardown(test_gather_holds_every_match, ni_setup, ni_teardown),
		cmocka_unit_test_setup_teardown(test_put_many_writes_what_put_writes, ni_setup, ni_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
