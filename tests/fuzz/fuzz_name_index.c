/* fuzz_name_index.c: the name index (store/name_index.h) against a plain evaluation. The input is
 * lines: names of clients, then the query on the last line; a name starting with '-' is put and
 * dropped again, so that what the index keeps of the tokens can be lower than the clients left
 * need. Every client that name_query_tier places must come out of the scan of its tier, in
 * ascending (name, id), every variant out of name_index_variants (or, when it leaves them to the
 * exact tier's candidates, out of those), and out of name_index_every whatever its bound of
 * tokens, and among the candidates name_index_gather gives (ascending by id) unless it finds them
 * too many. */
#include "base/arena.h"
#include "domain/name.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/name_index.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FZ_CLIENTS 12

struct fz_client {
	char norm[256];
	char text[NAME_SEARCH_MAX];
	bool gone;
};

static struct fz_client fz_clients[FZ_CLIENTS];

/* What a scan gave: which clients (by id - 1) and whether in order. */
struct fz_seen {
	bool hit[FZ_CLIENTS];
	char last[256];
	int64_t last_id;
	int n;
	bool ordered;
};

static int fz_visit(void *ctx, const char *name, int64_t id)
{
	struct fz_seen *s = ctx;
	int c = strcmp(name, s->last);
	if (s->n > 0 && (c < 0 || (c == 0 && id <= s->last_id)))
		s->ordered = false;
	snprintf(s->last, sizeof s->last, "%s", name);
	s->last_id = id;
	s->n++;
	if (id >= 1 && id <= FZ_CLIENTS)
		s->hit[id - 1] = true;
	return 0;
}

/* fz_check aborts unless every client placed by want() came out of seen. */
static void fz_check(const struct fz_seen *seen, const struct name_query *q, int n, int tier, bool any)
{
	if (!seen->ordered)
		abort();
	for (int i = 0; i < n; i++) {
		if (fz_clients[i].gone)
			continue;
		int t = name_query_tier(q, fz_clients[i].text);
		if ((any ? t >= 0 : t == tier) && !seen->hit[i])
			abort();
	}
}

static struct db *fz_db(void)
{
	static struct db *db;
	if (db == NULL) {
		int applied = 0;
		if (db_open(":memory:", &db) || migrate_run(db, &applied) ||
		    db_run(db, "INSERT INTO org(id, uid, name, created_at, updated_at) VALUES (1, 'o1', 'Org', 'x', 'x')", ""))
			abort();
	}
	return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *in = malloc(size + 1);
	if (in == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = 0;
	char *lines[FZ_CLIENTS + 1];
	int nl = 0;
	for (char *p = in; nl <= FZ_CLIENTS;) {
		lines[nl++] = p;
		char *end = strchr(p, '\n');
		if (end == NULL)
			break;
		*end = 0;
		p = end + 1;
	}
	int n = nl - 1; /* the last line is the query */
	struct db *db = fz_db();
	if (db_begin(db))
		abort();
	for (int i = 0; i < n; i++) {
		struct fz_client *c = &fz_clients[i];
		const char *name = lines[i][0] == '-' ? lines[i] + 1 : lines[i];
		name_normalise(name, c->norm, sizeof c->norm);
		name_search_text(name, NULL, c->text, sizeof c->text);
		c->gone = lines[i][0] == '-';
		/* A query of no word looked up walks the clients' table, by name. */
		char uid[16];
		snprintf(uid, sizeof uid, "c%d", i);
		if (!c->gone && db_run(db, "INSERT INTO client(id, uid, org_id, name, name_norm, search_names, created_at, updated_at)"
					   " VALUES (?, ?, 1, ?, ?, ?, 'x', 'x')",
				       "itttt", (int64_t)(i + 1), uid, name, c->norm, c->text))
			abort();
		if (name_index_put(db, 1, i + 1, c->norm, c->text))
			abort();
	}
	for (int i = 0; i < n; i++)
		if (fz_clients[i].gone && name_index_drop(db, 1, i + 1, fz_clients[i].norm, fz_clients[i].text))
			abort();
	char norm[512];
	name_normalise(lines[n], norm, sizeof norm);
	static struct name_query q;
	if (name_query_parse(norm, &q) > 0) {
		struct arena a;
		arena_init(&a);
		for (int tier = 0; tier <= 1; tier++) {
			struct fz_seen seen = {.ordered = true};
			if (name_index_scan(db, &a, 1, &q, tier, NULL, 0, fz_visit, &seen))
				abort();
			fz_check(&seen, &q, n, tier, tier == 1);
		}
		/* The scan of variants: every variant comes out of it; or, when it says the exact tier's
		 * candidates hold them all (same), out of the scan of tier 0. */
		for (int keep = 0; keep <= 1; keep++) {
			struct fz_seen seen = {.ordered = true};
			bool same = false;
			if (name_index_variants(db, &a, 1, &q, NULL, 0, fz_visit, &seen, keep ? &same : NULL))
				abort();
			if (same) {
				if (seen.n != 0)
					abort();
				seen = (struct fz_seen){.ordered = true};
				if (name_index_scan(db, &a, 1, &q, 0, NULL, 0, fz_visit, &seen))
					abort();
			}
			fz_check(&seen, &q, n, 1, false);
		}
		struct fz_seen seen = {.ordered = true};
		if (name_index_every(db, &a, 1, &q, 1 + (int)(size % 20), fz_visit, &seen))
			abort();
		fz_check(&seen, &q, n, 1, true);
		/* Gathered: ascending ids, each with its name, every match among them; or too many. */
		int64_t *ids;
		const char **names;
		int m;
		int max = 1 + (int)(size % 64);
		if (name_index_gather(db, &a, 1, &q, max, &ids, &names, &m))
			abort();
		if (m > max)
			abort();
		if (m >= 0) {
			struct fz_seen got = {.ordered = true};
			for (int i = 0; i < m; i++) {
				if ((i > 0 && ids[i - 1] >= ids[i]) || ids[i] < 1 || ids[i] > n ||
				    strcmp(names[i], fz_clients[ids[i] - 1].norm) != 0)
					abort();
				got.hit[ids[i] - 1] = true;
			}
			fz_check(&got, &q, n, 1, true);
		}
		arena_free(&a);
	}
	db_rollback(db);
	free(in);
	return 0;
}
