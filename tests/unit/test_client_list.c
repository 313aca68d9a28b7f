/* test_client_list.c: the client list (client_store_search) against a plain evaluation of its
 * conditions over every client, on a registry large enough that each way of answering is taken:
 * reading the clients of a selective condition (a few), walking the index of names or updates
 * (many), and the ordered scan of the name index. Each query is paged through its cursors. */
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
#include "base/embed.h"
#include "base/err.h"
#include "base/str.h"
#include "domain/name.h"
#include "store/client_store.h"
#include "store/db.h"
#include "store/name_index.h"
#include "test_db.h"

/* More than the 4000 a condition may hold to be read as a set, so that both ways are taken. */
#define CL_CLIENTS 9000
/* Room for the clients a test adds. */
#define CL_EXTRA 440
#define CL_PAGE 7
#define CL_PAGES 4

struct cl_client {
	int64_t id, org;
	char norm[128], text[1024], updated[32], region[24], nik[17];
	bool archived, warned, has_nik;
	unsigned ppks;  /* bit c: PPKS code c */
	unsigned flags; /* bit 0: needs_id_documents, bit 1: urgent */
};

struct cl_fixture {
	struct test_db t;
	struct db *db;
	struct cl_client *c;
	int n;
};

static const char *const cl_words[] = {
	"siti", "sitti", "nur", "nurul", "haliza", "aminah", "soekarno", "sukarno", "muhammad", "moh",
	"ahmad", "achmad", "djoko", "joko", "budi", "santoso", "dewi", "sri", "agus", "hasan",
	"wayan", "made", "putri", "putra", "rizki", "abdul", "fatimah", "utomo", "oetomo", "lestari",
};
#define CL_NWORDS (int)(sizeof cl_words / sizeof cl_words[0])

/* Regions: province 11 holds most clients, 12 fewer, 13 few; names follow regions a little (the
 * first words differ), as they do in the registry. */
static const char *const cl_regions[] = {
	"11.01.01.2001", "11.01.01.2002", "11.01.02.2001", "11.02.01.2001", "11.02", "12.01.01.2001",
	"12.01.02.2001", "13.01.01.2001", "110.01",
};

static uint64_t cl_seed = 88172645463325252ull;
static unsigned cl_rand(unsigned n)
{
	cl_seed ^= cl_seed << 13;
	cl_seed ^= cl_seed >> 7;
	cl_seed ^= cl_seed << 17;
	return (unsigned)(cl_seed % n);
}

static const char *cl_region_of(unsigned r)
{
	if (r < 55)
		return cl_regions[r % 5];
	if (r < 85)
		return cl_regions[5 + r % 2];
	if (r < 95)
		return cl_regions[7];
	return r < 98 ? cl_regions[8] : NULL;
}

static int cl_setup(void **state)
{
	struct cl_fixture *f = calloc(1, sizeof *f);
	if (f == NULL)
		return -1;
	f->c = calloc(CL_CLIENTS + CL_EXTRA, sizeof *f->c);
	if (f->c == NULL || test_db_open(&f->t, "cl"))
		return -1;
	f->db = f->t.db;
	if (db_run(f->db, "INSERT INTO org(id, uid, name, created_at, updated_at) VALUES (1, 'o1', 'Org', 'x', 'x'),"
			  " (2, 'o2', 'Other', 'x', 'x')", ""))
		return -1;
	if (db_begin(f->db))
		return -1;
	for (int i = 0; i < CL_CLIENTS; i++) {
		struct cl_client *c = &f->c[i];
		c->org = i % 50 == 3 ? 2 : 1;
		unsigned r = cl_rand(100);
		const char *region = cl_region_of(r);
		snprintf(c->region, sizeof c->region, "%s", region ? region : "");
		char name[128];
		/* The first word follows the province; the others are drawn from every word. */
		snprintf(name, sizeof name, "%s", cl_words[(r < 55 ? 0 : r < 85 ? 10 : 20) + cl_rand(10)]);
		for (int w = (int)cl_rand(3); w >= 0; w--) {
			size_t len = strlen(name);
			snprintf(name + len, sizeof name - len, " %s", cl_words[cl_rand(CL_NWORDS)]);
		}
		name_normalise(name, c->norm, sizeof c->norm);
		const char *other = i % 17 == 0 ? "Nur Haliza" : NULL;
		name_search_text(name, other, c->text, sizeof c->text);
		char key[128];
		name_dup_key(name, key, sizeof key);
		/* Timestamps repeat, so that the id breaks ties by update. */
		snprintf(c->updated, sizeof c->updated, "2026-0%u-1%uT10:00:00Z", 1 + cl_rand(9), cl_rand(10));
		c->has_nik = i % 10 != 0;
		snprintf(c->nik, sizeof c->nik, "%s%02u%06d%04u", r < 55 ? "11" : "12", cl_rand(3), i, cl_rand(10000));
		c->archived = i % 37 == 5;
		c->warned = i % 211 == 9;
		c->ppks = (cl_rand(2) ? 1u << 1 : 0) | (cl_rand(5) == 0 ? 1u << 2 : 0) | (i % 97 == 1 ? 1u << 3 : 0);
		c->flags = (cl_rand(10) == 0 ? 1u : 0) | (i % 53 == 2 ? 2u : 0);
		char uid[32];
		snprintf(uid, sizeof uid, "c%d", i);
		/* The row carries its flags as bits too (migration 014): needs_id_documents 1, urgent 4. */
		int64_t bits = (c->flags & 1 ? 1 : 0) | (c->flags & 2 ? 4 : 0);
		if (db_run(f->db, "INSERT INTO client(uid, org_id, name, other_names, name_norm, name_key, search_names, region,"
				  " nik, archived_at, nik_warning, flag_bits, created_at, updated_at)"
				  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'x', ?)",
			   "titttttttttit", uid, c->org, name, other, c->norm, key, c->text, region, c->has_nik ? c->nik : NULL,
			   c->archived ? "2026-11-01T00:00:00Z" : NULL, c->warned ? "differs" : NULL, bits, c->updated))
			return -1;
		c->id = db_last_id(f->db);
		for (int code = 1; code <= 3; code++)
			if ((c->ppks & (1u << code)) &&
			    db_run(f->db, "INSERT INTO client_ppks(client_id, code) VALUES (?, ?)", "ii", c->id, (int64_t)code))
				return -1;
		if ((c->flags & 1) && db_run(f->db, "INSERT INTO client_flag(client_id, flag) VALUES (?, 'needs_id_documents')", "i", c->id))
			return -1;
		if ((c->flags & 2) && db_run(f->db, "INSERT INTO client_flag(client_id, flag) VALUES (?, 'urgent')", "i", c->id))
			return -1;
		if (name_index_put(f->db, c->org, c->id, c->norm, c->text))
			return -1;
	}
	if (db_commit(f->db))
		return -1;
	f->n = CL_CLIENTS;
	*state = f;
	return 0;
}

static int cl_teardown(void **state)
{
	struct cl_fixture *f = *state;
	if (f == NULL)
		return 0; /* the setup failed */
	test_db_close(&f->t);
	free(f->c);
	free(f);
	return 0;
}

/* The plain evaluation: every client of org 1 tested against q, then sorted: by name, the names
 * that start with the query text first, then the other exact matches, then the variants. */
struct cl_hit {
	const struct cl_client *c;
	int tier, part;
};

static bool cl_by_update;

static int cl_hit_cmp(const void *x, const void *y)
{
	const struct cl_hit *a = x, *b = y;
	if (cl_by_update) {
		int c = strcmp(b->c->updated, a->c->updated);
		return c ? c : b->c->id < a->c->id ? -1 : b->c->id > a->c->id;
	}
	if (a->part != b->part)
		return a->part - b->part;
	int c = strcmp(a->c->norm, b->c->norm);
	return c ? c : a->c->id < b->c->id ? -1 : a->c->id > b->c->id;
}

static int cl_expect(const struct cl_fixture *f, const struct client_query *q, struct cl_hit *hits)
{
	static struct name_query words;
	bool digits = str_all_digits(q->q), named = q->q && !digits && name_query_parse(q->q, &words) > 0;
	int n = 0;
	for (int i = 0; i < f->n; i++) {
		const struct cl_client *c = &f->c[i];
		if (c->org != 1 || c->archived != q->archived)
			continue;
		if (q->region) {
			size_t len = strlen(q->region);
			if (strncmp(c->region, q->region, len) != 0 || (c->region[len] != 0 && c->region[len] != '.'))
				continue;
		}
		if (q->ppks && !(c->ppks & (1u << q->ppks)))
			continue;
		if (q->flag && strcmp(q->flag, "nik_warning") == 0 ? !c->warned
		    : q->flag && strcmp(q->flag, "urgent") == 0 ? !(c->flags & 2)
		    : q->flag                                    ? !(c->flags & 1)
								 : false)
			continue;
		if (digits && (!c->has_nik || strncmp(c->nik, q->q, strlen(q->q)) != 0))
			continue;
		int tier = named ? name_query_tier(&words, c->text) : 0;
		if (tier < 0)
			continue;
		int part = tier == 1 ? 2 : named && strncmp(c->norm, q->q, strlen(q->q)) == 0 ? 0 : 1;
		hits[n++] = (struct cl_hit){c, tier, part};
	}
	cl_by_update = q->by_update;
	qsort(hits, (size_t)n, sizeof *hits, cl_hit_cmp);
	return n;
}

static bool cl_alternate;

/* cl_check pages through q and compares each page with the plain evaluation; returns the number
 * of matches. */
static int cl_check(struct cl_fixture *f, struct client_query q)
{
	static struct cl_hit hits[CL_CLIENTS + CL_EXTRA];
	int want = cl_expect(f, &q, hits);
	q.limit = CL_PAGE;
	int got = 0;
	struct arena a;
	arena_init(&a);
	for (int page = 0; page < CL_PAGES; page++) {
		struct client_page p;
		if (cl_alternate) /* each page by another plan: the cursors must carry over */
			client_store_tune(&(struct client_store_bounds){page % 2 ? 1 : 1L << 40, page % 2 ? 300 : 0,
									 page % 2 ? 1000 : 0, page % 2 ? 100 : 0, page % 4 == 1});
		int rc = client_store_search(f->db, &a, 1, &q, &p);
		if (rc != 0)
			fail_msg("q=%s region=%s ppks=%d flag=%s archived=%d by_update=%d: rc %d", q.q ? q.q : "-",
				 q.region ? q.region : "-", q.ppks, q.flag ? q.flag : "-", q.archived, q.by_update, rc);
		for (int i = 0; i < p.n; i++, got++) {
			if (got >= want || p.items[i].id != hits[got].c->id || p.items[i].variant != (hits[got].tier == 1))
				fail_msg("q=%s region=%s ppks=%d flag=%s archived=%d by_update=%d: item %d is %lld, expected %lld of %d",
					 q.q ? q.q : "-", q.region ? q.region : "-", q.ppks, q.flag ? q.flag : "-", q.archived,
					 q.by_update, got, (long long)p.items[i].id, got < want ? (long long)hits[got].c->id : -1LL,
					 want);
		}
		int left = want - page * CL_PAGE;
		assert_int_equal(p.n, left < 0 ? 0 : left < CL_PAGE ? left : CL_PAGE);
		/* A next page is offered exactly when more rows match. */
		assert_int_equal(p.next_cursor != NULL, want > got);
		if (p.next_cursor == NULL)
			break;
		q.cursor = p.next_cursor;
	}
	arena_free(&a);
	return want;
}

static const char *const cl_queries[] = {NULL, "-", "s", "siti", "sukarno", "nur ha", "moh s", "joko", "11", "1201", "zzz", "lestari utomo"};
static const char *const cl_filter_regions[] = {NULL, "11", "12", "13", "11.01.01.2001", "11.02", "110"};
static const char *const cl_flags[] = {NULL, "needs_id_documents", "nik_warning", "urgent"};

/* Every way of answering is taken: the sizes of the conditions straddle the limits of a set. */
static void test_conditions_straddle_the_limits(void **state)
{
	struct cl_fixture *f = *state;
	static struct cl_hit hits[CL_CLIENTS];
	struct client_query q = {.region = "11"};
	assert_true(cl_expect(f, &q, hits) > 4000); /* walked */
	q = (struct client_query){.region = "12"};
	int n = cl_expect(f, &q, hits);
	assert_true(n > 1000 && n < 4000); /* a set with words */
	q = (struct client_query){.ppks = 1};
	assert_true(cl_expect(f, &q, hits) > 4000);
	q = (struct client_query){.ppks = 2};
	n = cl_expect(f, &q, hits);
	assert_true(n > 1000 && n < 4000);
	q = (struct client_query){.q = "s", .by_update = true};
	assert_true(cl_expect(f, &q, hits) > 4000); /* by update: walked with the words checked */
	q = (struct client_query){.q = "11"};
	assert_true(cl_expect(f, &q, hits) > 4000); /* a NIK prefix of many */
}

static void test_each_condition_alone(void **state)
{
	struct cl_fixture *f = *state;
	for (int by_update = 0; by_update <= 1; by_update++) {
		for (size_t i = 0; i < sizeof cl_queries / sizeof *cl_queries; i++)
			cl_check(f, (struct client_query){.q = cl_queries[i], .by_update = by_update});
		for (size_t i = 1; i < sizeof cl_filter_regions / sizeof *cl_filter_regions; i++)
			cl_check(f, (struct client_query){.region = cl_filter_regions[i], .by_update = by_update});
		for (int code = 1; code <= 3; code++)
			cl_check(f, (struct client_query){.ppks = code, .by_update = by_update});
		for (size_t i = 1; i < sizeof cl_flags / sizeof *cl_flags; i++)
			cl_check(f, (struct client_query){.flag = cl_flags[i], .by_update = by_update});
		assert_true(cl_check(f, (struct client_query){.archived = true, .by_update = by_update}) > 100);
	}
}

/* cl_random_query draws a query: a region with odds (region_odds - 1) / region_odds, a PPKS
 * category with odds 1 / ppks_odds. */
static struct client_query cl_random_query(unsigned region_odds, unsigned ppks_odds)
{
	struct client_query q = {0};
	q.q = cl_queries[cl_rand(sizeof cl_queries / sizeof *cl_queries)];
	if (cl_rand(region_odds))
		q.region = cl_filter_regions[cl_rand(sizeof cl_filter_regions / sizeof *cl_filter_regions)];
	if (cl_rand(ppks_odds) == 0)
		q.ppks = (int)cl_rand(4);
	if (cl_rand(3) == 0)
		q.flag = cl_flags[cl_rand(sizeof cl_flags / sizeof *cl_flags)];
	q.archived = cl_rand(6) == 0;
	q.by_update = cl_rand(2);
	return q;
}

static void test_random_combinations(void **state)
{
	struct cl_fixture *f = *state;
	int nonempty = 0;
	for (int k = 0; k < 160; k++) {
		nonempty += cl_check(f, cl_random_query(2, 3)) > 0;
	}
	assert_true(nonempty > 60);
}

/* The same answers whatever the bounds of the plans: the quick plan giving up at once (then the
 * intersection, the index of regions, or the quick plan to its end) or never; small sets, so that
 * a region alone is walked and given up on, and intersections come out too large; and each page
 * of a query by another plan. */
static void test_plans_agree(void **state)
{
	struct cl_fixture *f = *state;
	for (int pass = 0; pass < 4; pass++) {
		cl_alternate = pass == 3;
		client_store_tune(&(struct client_store_bounds){pass == 1 ? 1L << 40 : 1, pass == 2 ? 300 : 0,
								 pass == 2 ? 1000 : 0, pass == 2 ? 100 : 0, pass == 2});
		uint64_t seed = cl_seed;
		for (int k = 0; k < 60; k++)
			cl_check(f, cl_random_query(4, 2));
		cl_seed = seed; /* the same queries in every pass */
		/* Conditions that hold many each and few together: a NIK prefix of province 12 and
		 * region 11 hold none; PPKS 1 and region 11 many. */
		assert_int_equal(cl_check(f, (struct client_query){.q = "12", .region = "11"}), 0);
		assert_int_equal(cl_check(f, (struct client_query){.q = "12", .region = "11", .by_update = true}), 0);
		assert_true(cl_check(f, (struct client_query){.ppks = 1, .region = "11"}) > 1000);
		assert_true(cl_check(f, (struct client_query){.q = "s", .ppks = 1, .region = "11", .by_update = true}) > 100);
		/* A region alone: its own index, the index of regions, or a walk given up on. */
		for (size_t i = 1; i < sizeof cl_filter_regions / sizeof *cl_filter_regions; i++) {
			cl_check(f, (struct client_query){.region = cl_filter_regions[i]});
			cl_check(f, (struct client_query){.region = cl_filter_regions[i], .by_update = true});
			cl_check(f, (struct client_query){.region = cl_filter_regions[i], .archived = true});
		}
	}
	cl_alternate = false;
	client_store_tune(NULL);
}

/* Rows whose text lacks the pairs' mark (written before migration 012) are listed in
 * client_retext and given their text again by the next search, their keys untouched; the lists
 * are the same before, while and after. */

/* cl_count answers a query of one integer. */
static int64_t cl_count(struct db *db, const char *sql)
{
	struct db_stmt *st;
	assert_int_equal(db_query(db, &st, sql, ""), 0);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_finalize(st);
	return n;
}

static void test_old_texts_are_given_new_ones(void **state)
{
	struct cl_fixture *f = *state;
	struct db_stmt *st;
	int64_t keyed = cl_count(f->db, "SELECT sum(length(name_key)) FROM client");
	int64_t pairs = cl_count(f->db, "SELECT count(*) FROM client_term WHERE kind = 2");
	assert_true(pairs > 1000);
	/* Give a seventh of the clients the text of before: one mark, pairs among the keys. */
	int old = 0;
	assert_int_equal(db_begin(f->db), 0);
	for (int i = 0; i < f->n; i += 7) {
		struct cl_client *c = &f->c[i];
		char text[sizeof c->text];
		const char *p = strstr(c->text, NAME_SEARCH_PAIRS);
		if (p == NULL)
			continue;
		bool keys = p > strstr(c->text, NAME_SEARCH_MARK); /* " | ||" when there are no keys */
		size_t head = (size_t)(p - c->text) - (keys ? 0 : strlen(NAME_SEARCH_MARK));
		snprintf(text, sizeof text, "%.*s%s%s", (int)head, c->text, NAME_SEARCH_MARK, p + strlen(NAME_SEARCH_PAIRS));
		assert_null(strstr(text, NAME_SEARCH_PAIRS));
		assert_int_equal(name_index_drop(f->db, c->org, c->id, c->norm, c->text), 0);
		assert_int_equal(db_run(f->db, "UPDATE client SET search_names=? WHERE id=?", "ti", text, c->id), 0);
		assert_int_equal(name_index_put(f->db, c->org, c->id, c->norm, text), 0);
		assert_int_equal(db_run(f->db, "INSERT INTO client_retext(org_id, client_id) VALUES (?, ?)", "ii", c->org, c->id), 0);
		old++;
	}
	assert_int_equal(db_commit(f->db), 0);
	assert_true(old > 500);
	/* A search of organisation 1 gives its rows their text; organisation 2's wait for its own. */
	cl_check(f, (struct client_query){.q = "nurhal"});
	assert_int_equal(cl_count(f->db, "SELECT count(*) FROM client_retext WHERE org_id = 1"), 0);
	assert_true(cl_count(f->db, "SELECT count(*) FROM client_retext WHERE org_id = 2") > 0);
	struct arena a;
	arena_init(&a);
	struct client_page page;
	assert_int_equal(client_store_search(f->db, &a, 2, &(struct client_query){.q = "siti", .limit = 5}, &page), 0);
	arena_free(&a);
	assert_int_equal(cl_count(f->db, "SELECT count(*) FROM client_retext"), 0);
	/* Every text and row as the program writes them, the keys as they were. */
	assert_int_equal(cl_count(f->db, "SELECT count(*) FROM client_term WHERE kind = 2"), pairs);
	assert_int_equal(cl_count(f->db, "SELECT sum(length(name_key)) FROM client"), keyed);
	for (int i = 0; i < f->n; i += 7) {
		assert_int_equal(db_query(f->db, &st, "SELECT search_names FROM client WHERE id = ?", "i", f->c[i].id), 0);
		assert_int_equal(db_step(st), DB_ROW);
		assert_string_equal(db_col_text(st, 0), f->c[i].text);
		db_finalize(st);
	}
	cl_check(f, (struct client_query){.q = "sitinur"});
	cl_check(f, (struct client_query){.q = "nur ha", .region = "11"});
}

/* cl_add registers one more client of organisation 1 with name and region, nothing else. */
static void cl_add(struct cl_fixture *f, const char *name, const char *region)
{
	assert_true(f->n < CL_CLIENTS + CL_EXTRA);
	struct cl_client *c = &f->c[f->n];
	*c = (struct cl_client){.org = 1};
	snprintf(c->region, sizeof c->region, "%s", region);
	snprintf(c->updated, sizeof c->updated, "2026-10-%02dT10:00:00Z", 1 + f->n % 28);
	name_normalise(name, c->norm, sizeof c->norm);
	name_search_text(name, NULL, c->text, sizeof c->text);
	char uid[32];
	snprintf(uid, sizeof uid, "c%d", f->n);
	assert_int_equal(db_run(f->db, "INSERT INTO client(uid, org_id, name, name_norm, search_names, region, created_at,"
				       " updated_at) VALUES (?, 1, ?, ?, ?, ?, 'x', ?)",
				"tttttt", uid, name, c->norm, c->text, region, c->updated),
			 0);
	c->id = db_last_id(f->db);
	assert_int_equal(name_index_put(f->db, 1, c->id, c->norm, c->text), 0);
	f->n++;
}

/* A query word of more tokens than the index looks up ("yu" below) is checked on the candidates
 * of the others: the exact tier then meets clients that are variants ("budi joesoef", whose key
 * is yusuf), and the variants' tier must still list them, with a region or without. */
static void test_a_word_too_common(void **state)
{
	struct cl_fixture *f = *state;
	assert_int_equal(db_begin(f->db), 0);
	char name[64];
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "Yu%03d Tirta", i);
		cl_add(f, name, "13.01.01.2001");
	}
	for (int i = 0; i < 6; i++) {
		cl_add(f, i % 2 ? "Budi Joesoef" : "Budi Yusuf", i < 3 ? "11.01.01.2001" : "13.01.01.2001");
		cl_add(f, "Budi Djoesoef Santoso", i < 3 ? "12.01.01.2001" : "13.01.01.2001");
		/* "yu0" starts 100 of those tokens: more than a list by update leapfrogs at first. */
		snprintf(name, sizeof name, "Budi Yu0%d5", i);
		cl_add(f, name, "11.01.01.2001");
	}
	assert_int_equal(db_commit(f->db), 0);
	assert_true(cl_count(f->db, "SELECT count(*) FROM name_term WHERE org_id = 1 AND kind = 0 AND term >= 'yu' AND term < 'yv'") > 256);
	static const char *const regions[] = {NULL, "11", "12", "13", "13.01.01.2001"};
	/* Without bounds; with no time for the quick plan; with sets so small that the candidates of
	 * "budi" alone are too many (the list by update then walks the index of updates to its end);
	 * and both (that walk gives up at once, and the leapfrog of "yu0" gathers the matches), with
	 * words tested for a region on few candidates only. */
	for (int pass = 0; pass < 4; pass++) {
		client_store_tune(&(struct client_store_bounds){pass == 1 || pass == 3 ? 1 : 1L << 40, pass >= 2 ? 50 : 0, 0,
								 pass == 3 ? 20 : 0, pass == 3});
		for (size_t r = 0; r < sizeof regions / sizeof *regions; r++) {
			for (int by_update = 0; by_update <= 1; by_update++) {
				int n = cl_check(f, (struct client_query){.q = "budi yu", .region = regions[r], .by_update = by_update});
				assert_true(n >= (regions[r] ? 2 : 10));
				n = cl_check(f, (struct client_query){.q = "budi yu0", .region = regions[r], .by_update = by_update});
				assert_int_equal(n, regions[r] == NULL || strcmp(regions[r], "11") == 0 ? 6 : 0);
			}
		}
	}
	client_store_tune(NULL);
}

/* A query whose words have no spelling key or pair of their own in the index ("wirya yu": "yu"
 * too common to look up, "wirya" never written first) is leapfrogged once: its variants' part
 * lists the variants the exact parts met ("Joesoef Wirya", whose key is yusuf), in order by name,
 * with a region or without, from the top and from a cursor in any part. Uses the "yu" names of
 * test_a_word_too_common. */
static void test_variants_met_in_the_exact_part(void **state)
{
	struct cl_fixture *f = *state;
	assert_true(cl_count(f->db, "SELECT count(*) FROM name_term WHERE org_id = 1 AND kind = 0 AND term >= 'yu' AND term < 'yv'") > 256);
	assert_int_equal(db_begin(f->db), 0);
	static const char *const names[] = {"Joesoef Wirya", "Yusuf Wirya", "Budi Wirya", "Joesoef Budi Wirya",
					    "Yu007 Wirya", "Ani Djoesoef Wirya"};
	for (int i = 0; i < 18; i++)
		cl_add(f, names[i % 6], i % 3 ? "11.01.01.2001" : "13.01.01.2001");
	assert_int_equal(db_commit(f->db), 0);
	assert_int_equal(cl_count(f->db, "SELECT count(*) FROM name_term WHERE org_id = 1 AND term >= 'wirya' AND term < 'wiryb'"), 1);
	static const char *const regions[] = {NULL, "11", "13", "12"};
	for (size_t r = 0; r < sizeof regions / sizeof *regions; r++) {
		for (int alternate = 0; alternate <= 1; alternate++) {
			cl_alternate = alternate;
			int n = cl_check(f, (struct client_query){.q = "wirya yu", .region = regions[r]});
			assert_int_equal(n, regions[r] == NULL ? 15 : strcmp(regions[r], "11") == 0 ? 9 : strcmp(regions[r], "13") == 0 ? 6 : 0);
		}
	}
	cl_alternate = false;
	client_store_tune(NULL);
	/* In one page: the exact matches first, then the variants. */
	struct arena a;
	arena_init(&a);
	struct client_page p;
	assert_int_equal(client_store_search(f->db, &a, 1, &(struct client_query){.q = "wirya yu", .limit = 20}, &p), 0);
	assert_int_equal(p.n, 15);
	for (int i = 0; i < p.n; i++)
		assert_int_equal(p.items[i].variant, i >= 6);
	arena_free(&a);
}

/* Migration 018 takes their keys from the clients whose keys and texts rule 7 of name_key and
 * "Md." change; meanwhile duplicate warnings and the import's keys compare them by name, and the
 * next search gives them their key and text: then "abdul rahman" finds Abdurrahman as a variant.
 * Rows of other names keep theirs. */
static void test_article_keys_given_by_migration_018(void **state)
{
	struct cl_fixture *f = *state;
	static const char *const names[] = {"Abdurrahman Qistina", "Md. Qistina", "Abd Salam Qistina", "Abdul Rahman Qistina",
					    "Budi Qistina", "Abdullah Qistina"};
	int first = f->n;
	assert_int_equal(db_begin(f->db), 0);
	for (int i = 0; i < 6; i++)
		cl_add(f, names[i], "12.01.01.2001");
	/* The text and key of before: the written words alone. */
	for (int i = first; i < f->n; i++) {
		struct cl_client *c = &f->c[i];
		char old[sizeof c->text];
		snprintf(old, sizeof old, "%s%s", c->norm, NAME_SEARCH_MARK);
		assert_int_equal(name_index_drop(f->db, 1, c->id, c->norm, c->text), 0);
		assert_int_equal(db_run(f->db, "UPDATE client SET search_names=?, name_key=? WHERE id=?", "tti", old,
					i < first + 3 ? "old" : "kept", c->id),
				 0);
		assert_int_equal(name_index_put(f->db, 1, c->id, c->norm, old), 0);
	}
	assert_int_equal(db_commit(f->db), 0);
	const struct embed_file *m = embed_find("schema/sqlite/018_name_article.sql");
	assert_non_null(m);
	assert_int_equal(db_exec(f->db, (const char *)m->data), 0);
	char want[128];
	snprintf(want, sizeof want, "%lld %lld %lld", (long long)f->c[first].id, (long long)f->c[first + 1].id,
		 (long long)f->c[first + 2].id);
	struct db_stmt *st;
	assert_int_equal(db_query(f->db, &st, "SELECT group_concat(id, ' ') FROM (SELECT id FROM client"
					   " WHERE id >= ? AND name_key IS NULL ORDER BY id)", "i", f->c[first].id), 0);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), want);
	db_finalize(st);
	struct arena a;
	arena_init(&a);
	/* Not keyed yet: still a duplicate of the same name, and the row an import of it stands for. */
	const char *uids[4], *dup_names[4], *uid, *norm;
	int n;
	assert_int_equal(client_store_dups(f->db, &a, 1, f->c[first].norm, NULL, 0, uids, dup_names, 4, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(dup_names[0], names[0]);
	enum client_key by;
	bool mismatch = true;
	struct client row = {.name = names[0], .name_norm = f->c[first].norm, .region = "12.01.01.2001"};
	assert_int_equal(client_store_keyed(f->db, &a, 1, &row, NULL, &uid, &norm, &by, &mismatch), 0);
	assert_int_equal(by, CLIENT_KEY_CONTENT);
	assert_false(mismatch);
	assert_string_equal(uid, uids[0]);
	/* The next search gives the listed rows their text and key. */
	struct client_page p;
	assert_int_equal(client_store_search(f->db, &a, 1, &(struct client_query){.q = "abdul rahman qistina", .limit = 10}, &p), 0);
	assert_int_equal(cl_count(f->db, "SELECT count(*) FROM client WHERE name_key IS NULL"), 0);
	for (int i = first; i < first + 3; i++) {
		char key[128];
		name_dup_key(names[i - first], key, sizeof key);
		assert_int_equal(db_query(f->db, &st, "SELECT search_names, name_key FROM client WHERE id = ?", "i", f->c[i].id), 0);
		assert_int_equal(db_step(st), DB_ROW);
		assert_string_equal(db_col_text(st, 0), f->c[i].text);
		assert_string_equal(db_col_text(st, 1), key);
		db_finalize(st);
	}
	/* Abdul Rahman's duplicates now hold Abdurrahman; a search made after the texts finds both. */
	assert_int_equal(client_store_dups(f->db, &a, 1, f->c[first + 3].norm, NULL, f->c[first + 3].id, uids, dup_names, 4, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(dup_names[0], names[0]);
	assert_int_equal(client_store_search(f->db, &a, 1, &(struct client_query){.q = "abdul rahman qistina", .limit = 10}, &p), 0);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.items[0].id, f->c[first + 3].id);
	assert_int_equal(p.items[1].id, f->c[first].id);
	assert_true(p.items[1].variant);
	arena_free(&a);
	/* Put back as the program writes them, for the tests after this one. */
	assert_int_equal(db_begin(f->db), 0);
	for (int i = first + 3; i < f->n; i++) {
		struct cl_client *c = &f->c[i];
		char old[sizeof c->text];
		snprintf(old, sizeof old, "%s%s", c->norm, NAME_SEARCH_MARK);
		char key[128];
		name_dup_key(names[i - first], key, sizeof key);
		assert_int_equal(name_index_drop(f->db, 1, c->id, c->norm, old), 0);
		assert_int_equal(db_run(f->db, "UPDATE client SET search_names=?, name_key=? WHERE id=?", "tti", c->text, key, c->id), 0);
		assert_int_equal(name_index_put(f->db, 1, c->id, c->norm, c->text), 0);
	}
	assert_int_equal(db_commit(f->db), 0);
}

/* The estimates of a province's and a regency's clients (migration 016): 16 for each client
 * whose id is a multiple of 16, kept by the program as clients are added and move, and computed
 * by the migration the same way. */
#define CL_REGIONS_KEPT "SELECT group_concat(org_id || '|' || code || '|' || clients, ' ') FROM" \
	" (SELECT * FROM region_clients WHERE clients <> 0 ORDER BY org_id, code)"
#define CL_REGIONS_COUNTED                                                                         \
	"SELECT group_concat(org_id || '|' || code || '|' || n, ' ') FROM (SELECT org_id, code, 16 * sum(id % 16 = 0) AS n" \
	" FROM (SELECT org_id, id, substr(region, 1, 2) AS code FROM client WHERE length(region) >= 2"  \
	" UNION ALL SELECT org_id, id, substr(region, 1, 5) FROM client WHERE length(region) >= 5)"      \
	" GROUP BY org_id, code HAVING n <> 0 ORDER BY org_id, code)"

/* cl_text is the text the query answers (\"\" for NULL). */
static char *cl_text(struct db *db, const char *sql)
{
	struct db_stmt *st;
	assert_int_equal(db_query(db, &st, sql, ""), 0);
	assert_int_equal(db_step(st), DB_ROW);
	char *v = strdup(db_col_text(st, 0) ? db_col_text(st, 0) : "");
	db_finalize(st);
	return v;
}

static void cl_regions_agree(struct db *db)
{
	char *kept = cl_text(db, CL_REGIONS_KEPT), *counted = cl_text(db, CL_REGIONS_COUNTED);
	assert_true(strlen(counted) > 20);
	assert_string_equal(kept, counted);
	free(kept);
	free(counted);
}

static void test_region_estimates_follow_the_rows(void **state)
{
	struct cl_fixture *f = *state;
	static const char *const regions[] = {"11.01.01.2001", "11.02.03.2004", "12.01", "13", NULL, "12.01.05"};
	enum { ADDED = 200 };
	static struct client added[ADDED];
	struct arena a;
	arena_init(&a);
	/* The fixture wrote its rows itself: the estimates start from the migration's count. */
	const struct embed_file *m = embed_find("schema/sqlite/016_region_clients.sql");
	assert_non_null(m);
	const char *from = strstr((const char *)m->data, "INSERT INTO region_clients");
	assert_non_null(from);
	char *fill = strdup(from);
	assert_int_equal(db_exec(f->db, fill), 0);
	cl_regions_agree(f->db);
	/* The clients added belong to an organisation of their own: the fixture's lists stay as they
	 * are. */
	assert_int_equal(db_run(f->db, "INSERT OR IGNORE INTO org(id, uid, name, created_at, updated_at)"
				       " VALUES (2, 'o2', 'Org 2', 'x', 'x')", ""),
			 0);
	assert_int_equal(db_begin(f->db), 0);
	for (int i = 0; i < ADDED; i++) {
		struct client *c = &added[i];
		char name[32], norm[64], text[NAME_SEARCH_MAX];
		snprintf(name, sizeof name, "Estimasi %d", i);
		name_normalise(name, norm, sizeof norm);
		name_search_text(name, NULL, text, sizeof text);
		*c = (struct client){.name = arena_strdup(&a, name), .name_norm = arena_strdup(&a, norm),
				     .search_names = arena_strdup(&a, text), .region = regions[i % 6]};
		assert_int_equal(client_store_insert(f->db, &a, 2, 1, c), 0);
	}
	cl_regions_agree(f->db);
	/* Clients move: to another regency, to no region, from none; and stay. */
	for (int i = 0; i < ADDED; i += 3) {
		struct client *c = &added[i];
		c->region = regions[(i / 3 + 2) % 6];
		assert_int_equal(client_store_update(f->db, &a, 1, c), 0);
	}
	assert_int_equal(db_commit(f->db), 0);
	cl_regions_agree(f->db);
	/* And the migration computes what the program keeps. */
	char *kept = cl_text(f->db, CL_REGIONS_KEPT);
	assert_int_equal(db_exec(f->db, "DELETE FROM region_clients"), 0);
	assert_int_equal(db_exec(f->db, fill), 0);
	char *again = cl_text(f->db, CL_REGIONS_KEPT);
	assert_string_equal(again, kept);
	free(again);
	free(kept);
	free(fill);
	arena_free(&a);
}

/* Migration 014 gives each row the bits of its flags from client_flag, as the program writes them. */
static void test_flag_bits_filled_by_the_migration(void **state)
{
	struct cl_fixture *f = *state;
	/* The fixture flags needs_id_documents and urgent; two clients get the other two. */
	assert_int_equal(db_exec(f->db, "INSERT INTO client_flag(client_id, flag) VALUES (1, 'no_fixed_address'), (2, 'unreachable');"
					"UPDATE client SET flag_bits = flag_bits | 2 WHERE id = 1;"
					"UPDATE client SET flag_bits = flag_bits | 8 WHERE id = 2"),
			 0);
	int64_t flagged = cl_count(f->db, "SELECT count(*) FROM client WHERE flag_bits != 0");
	assert_true(flagged > 500);
	const struct embed_file *m = embed_find("schema/sqlite/014_client_flag_bits.sql");
	assert_non_null(m);
	const char *from = strstr((const char *)m->data, "UPDATE client");
	assert_non_null(from);
	char *fill = strdup(from);
	assert_int_equal(db_exec(f->db, "CREATE TEMP TABLE bits_before AS SELECT id, flag_bits FROM client;"
					"UPDATE client SET flag_bits = 0"),
			 0);
	assert_int_equal(db_exec(f->db, fill), 0);
	free(fill);
	assert_int_equal(cl_count(f->db, "SELECT count(*) FROM client c JOIN bits_before b ON b.id = c.id"
					 " WHERE b.flag_bits != c.flag_bits"),
			 0);
	assert_int_equal(cl_count(f->db, "SELECT count(*) FROM client WHERE flag_bits != 0"), flagged);
	assert_int_equal(db_exec(f->db, "DROP TABLE bits_before"), 0);
}

/* What is not a cursor is refused rather than misread. */
static void test_cursor_checked(void **state)
{
	struct cl_fixture *f = *state;
	struct arena a;
	arena_init(&a);
	struct client_page p;
	struct client_query q = {.q = "siti", .limit = 5, .region = "13"};
	assert_int_equal(client_store_search(f->db, &a, 1, &q, &p), 0);
	assert_non_null(p.next_cursor);
	q.cursor = "bm90IGEgY3Vyc29y"; /* "not a cursor" */
	assert_int_equal(client_store_search(f->db, &a, 1, &q, &p), ERR_INVALID);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conditions_straddle_the_limits),
		cmocka_unit_test(test_each_condition_alone),
		cmocka_unit_test(test_random_combinations),
		cmocka_unit_test(test_plans_agree),
		cmocka_unit_test(test_cursor_checked),
		cmocka_unit_test(test_flag_bits_filled_by_the_migration),
		cmocka_unit_test(test_old_texts_are_given_new_ones),
		cmocka_unit_test(test_a_word_too_common),
		cmocka_unit_test(test_variants_met_in_the_exact_part),
		cmocka_unit_test(test_article_keys_given_by_migration_018),
		cmocka_unit_test(test_region_estimates_follow_the_rows),
	};
	return cmocka_run_group_tests(tests, cl_setup, cl_teardown);
}
