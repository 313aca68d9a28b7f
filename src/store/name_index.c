/* name_index.c: the rows of client_term and the ordered scan of a name query over them.
 *
 * A scan is a small tree of streams, each yielding (name_norm, id) keys in ascending order with
 * the same two moves: next (past the head) and seek (to the first key at or after k).
 *   term  one token's rows, read in batches (a word's tokens share 32 rows at first; a batch
 *         read through doubles the next, up to 64, and a seek past it reads 4);
 *   walk  every client of the organisation, from the index of names;
 *   or    the union of its children (one query word: the tokens it matches; or the alternatives
 *         of a query with joined words), equal keys given once;
 *   and   the intersection of its children (the words of a query), by leapfrogging: every child
 *         seeks to the largest head until all heads agree.
 * A seek costs one indexed query per term that must move, so the work follows the page read and
 * the interleaving of the words, not the number of clients that match. A caller that wants every
 * candidate rather than a page gathers them instead (name_index_gather): each token's rows read
 * in one range, combined by id. */
#include "store/name_index.h"
#include "base/err.h"
#include "base/keysort.h"
#include <stdlib.h>
#include <string.h>

/* A query word matching more distinct tokens than this is checked by the visitor instead: each
 * token costs a query to find and one per seek of the word, and a word that common is better
 * checked on the candidates of the other words. With 64, "dwi yu" at 1,000,000 clients took
 * 146 ms ("yu" starts 78 tokens with the keys and joined pairs), with 256 under 1 ms. */
#define NI_WORD_TERMS 256
/* Rows of a token read at once: the first batch shares NI_BATCH_FIRST among the tokens of the
 * word (at least NI_BATCH_MIN each). A batch that next reads through doubles the next one, up to
 * NI_BATCH_MAX; a seek past the batch reads NI_BATCH_MIN, since a leapfrog that jumps once jumps
 * again and its rows in between are read for nothing. Doubling on seeks too read 16,546 rows for
 * "wulan ta" at 1,000,000 clients (no match, 7 ms); reading NI_BATCH_MIN on a seek cut the server
 * time of the search mix by 40%. */
#define NI_BATCH_FIRST 32
#define NI_BATCH_MIN 4
#define NI_BATCH_MAX 64

enum ni_kind { NI_TERM, NI_WALK, NI_OR, NI_AND };

struct ni_stream {
	enum ni_kind kind;
	bool end;
	const char *name; /* the head, when !end */
	int64_t id;
	/* term and walk: the rows of the last batch; pool holds their names at off[] */
	int tkind;
	const char *term;
	int n, pos, batch;
	bool more, fetched;
	int64_t *ids; /* room for cap rows, grown with the batch */
	size_t *off;
	int cap;
	char *pool;
	size_t pool_cap;
	/* the rows under the stream, estimated (name_term.clients): a token's, the sum of an or's,
	 * the least of an and's */
	int64_t rows;
	/* or, and */
	struct ni_stream **kids;
	bool *hit;
	int nkids;
};

struct ni_scan {
	struct db *db;
	struct arena *a;
	int64_t org;
	struct db_stmt *term_st, *walk_st; /* a batch of a token's rows, of every client's */
	struct db_stmt *prefix_st; /* the distinct tokens of a prefix, covered by less than a length */
	struct db_stmt *cover_st;  /* the same, covered by exactly a length */
	struct db_stmt *gather_st; /* every row of a token (name_index_gather) */
	int terms;                 /* a word of more tokens is not looked up (at most NI_WORD_TERMS) */
	int rc;
};

static int ni_cmp(const char *an, int64_t ai, const char *bn, int64_t bi)
{
	int c = strcmp(an, bn);
	return c ? c : ai < bi ? -1 : ai > bi;
}

/* ni_leaf_fetch reads the next batch of leaf t, from the key (name, id) on. */
static void ni_leaf_fetch(struct ni_scan *s, struct ni_stream *t, const char *name, int64_t id)
{
	struct db_stmt *st = t->kind == NI_TERM ? s->term_st : s->walk_st;
	if (t->cap < t->batch) {
		t->ids = arena_alloc(s->a, sizeof *t->ids * (size_t)t->batch);
		t->off = arena_alloc(s->a, sizeof *t->off * (size_t)t->batch);
		if (t->ids == NULL || t->off == NULL) {
			s->rc = ERR_NOMEM;
			t->end = t->fetched = true;
			t->n = 0;
			return;
		}
		t->cap = t->batch;
	}
	int rc = db_bind_int(st, 1, s->org);
	int p = 2;
	if (rc == 0 && t->kind == NI_TERM) {
		rc = db_bind_int(st, p++, t->tkind);
		if (rc == 0)
			rc = db_bind_text(st, p++, t->term);
	}
	if (rc == 0)
		rc = db_bind_text(st, p++, name); /* copied: name may point into t->pool */
	if (rc == 0)
		rc = db_bind_int(st, p++, id);
	if (rc == 0)
		rc = db_bind_int(st, p, t->batch);
	int n = 0;
	size_t used = 0;
	while (rc == 0 && (rc = db_step(st)) == DB_ROW) {
		rc = 0;
		const char *nm = db_col_text(st, 0);
		size_t len = strlen(nm ? nm : "") + 1;
		if (used + len > t->pool_cap) {
			size_t cap = t->pool_cap ? t->pool_cap * 2 : 256;
			while (cap < used + len)
				cap *= 2;
			char *pool = arena_alloc(s->a, cap);
			if (pool == NULL) {
				rc = ERR_NOMEM;
				break;
			}
			if (used)
				memcpy(pool, t->pool, used);
			t->pool = pool;
			t->pool_cap = cap;
		}
		memcpy(t->pool + used, nm ? nm : "", len);
		t->off[n] = used;
		t->ids[n++] = db_col_int(st, 1);
		used += len;
	}
	db_reset(st);
	if (rc < 0) {
		s->rc = rc;
		n = 0;
	}
	t->fetched = true;
	t->more = rc >= 0 && n == t->batch;
	t->n = n;
	t->pos = 0;
	t->end = n == 0;
	if (n) {
		t->name = t->pool + t->off[0];
		t->id = t->ids[0];
	}
}

static void ni_leaf_head(struct ni_stream *t)
{
	t->name = t->pool + t->off[t->pos];
	t->id = t->ids[t->pos];
}

static void ni_seek(struct ni_scan *s, struct ni_stream *t, const char *name, int64_t id);
static void ni_next(struct ni_scan *s, struct ni_stream *t);

/* ni_or_head sets the head of an or to the least head of its children. */
static void ni_or_head(struct ni_stream *t)
{
	t->end = true;
	for (int i = 0; i < t->nkids; i++) {
		struct ni_stream *k = t->kids[i];
		if (!k->end && (t->end || ni_cmp(k->name, k->id, t->name, t->id) < 0)) {
			t->name = k->name;
			t->id = k->id;
			t->end = false;
		}
	}
}

/* ni_and_settle moves the children of an and until their heads agree (or one ends). */
static void ni_and_settle(struct ni_scan *s, struct ni_stream *t)
{
	for (;;) {
		struct ni_stream *max = NULL;
		for (int i = 0; i < t->nkids; i++) {
			struct ni_stream *k = t->kids[i];
			if (k->end) {
				t->end = true;
				return;
			}
			if (max == NULL || ni_cmp(k->name, k->id, max->name, max->id) > 0)
				max = k;
		}
		bool agree = true;
		for (int i = 0; i < t->nkids; i++) {
			struct ni_stream *k = t->kids[i];
			if (k != max && ni_cmp(k->name, k->id, max->name, max->id) < 0) {
				ni_seek(s, k, max->name, max->id);
				agree = false;
			}
		}
		if (agree) {
			t->end = false;
			t->name = max->name;
			t->id = max->id;
			return;
		}
	}
}

static void ni_seek(struct ni_scan *s, struct ni_stream *t, const char *name, int64_t id)
{
	if (t->fetched && (t->end || ni_cmp(t->name, t->id, name, id) >= 0))
		return;
	switch (t->kind) {
	case NI_TERM:
	case NI_WALK:
		if (!t->fetched) {
			ni_leaf_fetch(s, t, name, id);
			return;
		}
		while (t->pos < t->n && ni_cmp(t->pool + t->off[t->pos], t->ids[t->pos], name, id) < 0)
			t->pos++;
		if (t->pos < t->n) {
			ni_leaf_head(t);
		} else if (t->more) {
			t->batch = NI_BATCH_MIN; /* a jump: the next rows are less likely to be wanted */
			ni_leaf_fetch(s, t, name, id);
		} else {
			t->end = true;
		}
		return;
	case NI_OR:
		t->fetched = true;
		for (int i = 0; i < t->nkids; i++)
			ni_seek(s, t->kids[i], name, id);
		ni_or_head(t);
		return;
	case NI_AND:
		t->fetched = true;
		for (int i = 0; i < t->nkids; i++)
			ni_seek(s, t->kids[i], name, id);
		ni_and_settle(s, t);
		return;
	}
}

static void ni_next(struct ni_scan *s, struct ni_stream *t)
{
	if (t->end)
		return;
	switch (t->kind) {
	case NI_TERM:
	case NI_WALK:
		if (++t->pos < t->n) {
			ni_leaf_head(t);
		} else if (t->more) {
			if (t->batch < NI_BATCH_MAX)
				t->batch *= 2; /* read through: read more at once */
			ni_leaf_fetch(s, t, t->name, t->id + 1);
		} else {
			t->end = true;
		}
		return;
	case NI_OR:
		/* Mark first, then move: moving a child frees the key its head points to. */
		for (int i = 0; i < t->nkids; i++) {
			struct ni_stream *k = t->kids[i];
			t->hit[i] = !k->end && ni_cmp(k->name, k->id, t->name, t->id) == 0;
		}
		for (int i = 0; i < t->nkids; i++)
			if (t->hit[i])
				ni_next(s, t->kids[i]);
		ni_or_head(t);
		return;
	case NI_AND:
		ni_next(s, t->kids[0]);
		ni_and_settle(s, t);
		return;
	}
}

static struct ni_stream *ni_new(struct ni_scan *s, enum ni_kind kind)
{
	struct ni_stream *t = arena_alloc(s->a, sizeof *t);
	if (t == NULL) {
		s->rc = ERR_NOMEM;
		return NULL;
	}
	t->kind = kind;
	t->batch = NI_BATCH_MIN;
	t->more = true;
	return t;
}

/* ni_group makes an or or an and of kids[0..n): the child itself when alone. */
static struct ni_stream *ni_group(struct ni_scan *s, enum ni_kind kind, struct ni_stream **kids, int n)
{
	if (n == 1)
		return kids[0];
	struct ni_stream *t = ni_new(s, kind);
	if (t == NULL)
		return NULL;
	t->kids = arena_alloc(s->a, sizeof *t->kids * (size_t)n);
	t->hit = arena_alloc(s->a, sizeof *t->hit * (size_t)n);
	if (t->kids == NULL || t->hit == NULL) {
		s->rc = ERR_NOMEM;
		return NULL;
	}
	memcpy(t->kids, kids, sizeof *kids * (size_t)n);
	t->nkids = n;
	for (int i = 0; i < n; i++)
		if (kind == NI_OR)
			t->rows += kids[i]->rows;
		else if (i == 0 || kids[i]->rows < t->rows)
			t->rows = kids[i]->rows;
	return t;
}

/* The tokens one query word matches; too many (over the scan's terms, at most NI_WORD_TERMS) is a
 * word the visitor checks instead. */
struct ni_word {
	int kind[NI_WORD_TERMS];
	const char *term[NI_WORD_TERMS];
	int64_t rows[NI_WORD_TERMS];
	int n;
	bool too_many;
	/* The tokens tier 0 looks up are the first nwritten (the written words that start the query
	 * word, read first in either tier); written_too_many: they alone were too many. */
	int nwritten;
	bool written_too_many;
};

/* ni_word_add adds token term of kind (of rows rows) unless one of the first known tokens of w is
 * the same. */
static void ni_word_add(struct ni_scan *s, struct ni_word *w, int kind, const char *term, int64_t rows, int known)
{
	for (int i = 0; i < known; i++)
		if (w->kind[i] == kind && strcmp(w->term[i], term) == 0)
			return;
	if (w->n == s->terms) {
		w->too_many = true;
		return;
	}
	w->kind[w->n] = kind;
	w->rows[w->n] = rows;
	w->term[w->n] = arena_strdup(s->a, term);
	if (w->term[w->n++] == NULL)
		s->rc = ERR_NOMEM;
}

/* A prefix of up to this many bytes reads its keys and pairs one covered length at a time (an
 * indexed range each) rather than the range of the prefix with the covered ones skipped: "s"
 * starts 3,213 pairs at 1,000,000 clients, none of which it needs. */
#define NI_COVER_LOOP 2

/* ni_word_range adds the tokens of kind in [lo, hi) that statement st lists with p5 (a covered
 * length), up to one past the scan's terms; known: the tokens of w from before the prefix (those
 * of one prefix are distinct). */
static void ni_word_range(struct ni_scan *s, struct ni_word *w, struct db_stmt *st, int kind, const char *lo,
			  const char *hi, int64_t p5, int known)
{
	int rc = db_bind_int(st, 1, s->org);
	if (rc == 0)
		rc = db_bind_int(st, 2, kind);
	if (rc == 0)
		rc = db_bind_text(st, 3, lo);
	if (rc == 0)
		rc = db_bind_text(st, 4, hi);
	if (rc == 0)
		rc = db_bind_int(st, 5, p5);
	if (rc == 0)
		rc = db_bind_int(st, 6, s->terms + 1);
	while (rc == 0 && !w->too_many && s->rc == 0 && (rc = db_step(st)) == DB_ROW) {
		rc = 0;
		ni_word_add(s, w, kind, db_col_text(st, 0), db_col_int(st, 1), known);
	}
	db_reset(st);
	if (rc < 0)
		s->rc = rc;
}

/* ni_word_prefix adds the tokens of kind that start with prefix (exact: that are prefix), read in
 * order from name_term (one past the scan's terms tells the word is too common). A key or a pair
 * covered by a word or key of its clients at least as long as prefix is left out: prefix finds
 * each of them through that word or key (name_term.covered, migration 013). */
static void ni_word_prefix(struct ni_scan *s, struct ni_word *w, int kind, const char *prefix, bool exact)
{
	size_t len = strlen(prefix), n = len;
	if (n == 0 || n >= NAME_TERM_MAX)
		return;
	char upper[NAME_TERM_MAX + 1];
	memcpy(upper, prefix, n + 1);
	if (exact) {
		upper[n++] = 1; /* the least string above prefix: a name holds no control character */
		upper[n] = 0;
	} else {
		while (n > 0 && (unsigned char)upper[n - 1] == 0xff)
			upper[--n] = 0;
		if (n == 0)
			return;
		upper[n - 1]++; /* the least string above every string starting with prefix */
	}
	int known = w->n;
	if (exact || len > NI_COVER_LOOP || kind == NI_KIND_WORD) { /* a word covers nothing */
		ni_word_range(s, w, s->prefix_st, kind, prefix, upper, (int64_t)len, known);
		return;
	}
	for (size_t c = 0; c < len && !w->too_many && s->rc == 0; c++)
		ni_word_range(s, w, s->cover_st, kind, prefix, upper, (int64_t)c, known);
}

/* ni_starts tells whether s starts with the non-empty string p. */
static bool ni_starts(const char *s, const char *p)
{
	return p[0] && strncmp(s, p, strlen(p)) == 0;
}

/* ni_word finds the tokens of query word t: in tier 0 the written words starting with it, in
 * tier 1 every token matching it (name_term_match) but those its clients match by a shorter one. */
static void ni_word(struct ni_scan *s, struct ni_word *w, const struct name_term *t, int tier)
{
	w->n = 0;
	w->too_many = false;
	const char *forms[3] = {t->word, tier ? t->prefix_key : "", tier ? t->full_key : ""};
	/* A form that another form starts finds nothing more: the prefix key is often the word, and
	 * the full key, a token starting with a form, is listed by it or covered. */
	if (strcmp(forms[1], forms[0]) == 0)
		forms[1] = "";
	if (ni_starts(forms[2], forms[0]) || ni_starts(forms[2], forms[1]))
		forms[2] = "";
	for (int kind = NI_KIND_WORD; kind <= (tier ? NI_KIND_PAIR : NI_KIND_WORD); kind++) {
		for (int f = 0; f < 3 && !w->too_many; f++) {
			if (forms[f][0])
				ni_word_prefix(s, w, kind, forms[f], f == 2);
			if (kind == NI_KIND_WORD && f == 0) {
				w->nwritten = w->n;
				w->written_too_many = w->too_many;
			}
		}
	}
}

/* ni_word_stream is a new or over w's tokens from the from-th on (a word shared by several
 * alternatives gets a stream in each); an empty one when there are none. */
static struct ni_stream *ni_word_stream(struct ni_scan *s, const struct ni_word *w, int from)
{
	struct ni_stream *leaves[NI_WORD_TERMS];
	int n = w->n - from;
	/* A word of one token reads a page in one batch; a word of many starts small, as most of its
	 * tokens give little to a page. */
	int batch = n > 0 ? NI_BATCH_FIRST / n : NI_BATCH_MIN;
	for (int i = 0; i < n; i++) {
		struct ni_stream *t = ni_new(s, NI_TERM);
		if (t == NULL)
			return NULL;
		t->tkind = w->kind[from + i];
		t->term = w->term[from + i];
		t->rows = w->rows[from + i];
		t->batch = batch < NI_BATCH_MIN ? NI_BATCH_MIN : batch;
		leaves[i] = t;
	}
	if (n > 0)
		return ni_group(s, NI_OR, leaves, n);
	struct ni_stream *t = ni_new(s, NI_OR); /* no child: ends at once */
	if (t)
		t->end = t->fetched = true;
	return t;
}

/* ni_words finds the tokens of q's words for tier, and in tier 1 those of its joined pairs after
 * them: an array of q->n (+ q->njoin) words, NULL with s->rc set when out of memory. */
static struct ni_word *ni_words(struct ni_scan *s, const struct name_query *q, int tier)
{
	int nw = q->n + (tier ? q->njoin : 0);
	struct ni_word *w = arena_alloc(s->a, sizeof *w * (size_t)nw);
	if (w == NULL) {
		s->rc = ERR_NOMEM;
		return NULL;
	}
	for (int i = 0; i < nw && s->rc == 0; i++)
		ni_word(s, &w[i], i < q->n ? &q->words[i] : &q->joins[i - q->n], tier);
	return s->rc ? NULL : w;
}

/* ni_same_tiers tells whether the tokens of tier 1 (w) are those of tier 0: every word matches no
 * spelling key or pair beyond its written words, and no joined pair matches a token. The two
 * tiers' streams then give the same candidates. */
static bool ni_same_tiers(const struct name_query *q, const struct ni_word *w)
{
	for (int i = 0; i < q->n; i++)
		if (w[i].n != w[i].nwritten || w[i].too_many != w[i].written_too_many)
			return false;
	for (int j = 0; j < q->njoin; j++)
		if (w[q->n + j].n > 0 || w[q->n + j].too_many)
			return false;
	return true;
}

/* ni_looked_up tells whether every word and joined pair of w (tier 1) has its tokens looked up:
 * none matches too many. */
static bool ni_looked_up(const struct name_query *q, const struct ni_word *w)
{
	for (int i = 0; i < q->n + q->njoin; i++)
		if (w[i].too_many)
			return false;
	return true;
}

/* ni_build_variants makes, from the tokens of q's words in tier 1 (w, every one looked up:
 * ni_looked_up), the stream of the candidates that may be variants. A client matching every word,
 * not all of them as written, matches some word through a token tier 0 does not look up (a
 * spelling key, a pair, a word that the word's key starts): one of its variant tokens. So the or,
 * over the words with variant tokens, of the and of a word's variant tokens with the other words'
 * tokens ("wulan ta" leapfrogs tapa, the key of Tappa, with wulan: not the twelve words of "ta"
 * again); or, when those ands would hold more than twice the tokens of the plain build (many words
 * with many tokens each), the and of every word's tokens with the or of all variant tokens, which
 * is the same set. With the joined pairs' alternatives as in ni_build. Returns NULL with s->rc 0
 * when that would read more than the plain build: several ands whose estimates of rows add up
 * past the words' (as when every client of a word carries a key: Mappiasse, mapiase; estimates of
 * 0, a token too rare for the sample, count as less), or one and whose or of variant tokens holds
 * no fewer rows than a word, or more tokens than one word may: the caller then builds tier 1 as
 * usual. */
static struct ni_stream *ni_build_variants(struct ni_scan *s, const struct name_query *q, const struct ni_word *w)
{
	int64_t word_rows = -1, var_rows = 0;
	int leaves = 0, vars = 0;
	bool empty = false; /* a word matches no token: only a joined pair can match */
	for (int i = 0; i < q->n; i++) {
		int64_t rows = 0;
		for (int k = 0; k < w[i].n; k++) {
			rows += w[i].rows[k];
			if (k >= w[i].nwritten)
				var_rows += w[i].rows[k];
		}
		if (word_rows < 0 || rows < word_rows)
			word_rows = rows;
		leaves += w[i].n;
		vars += w[i].n - w[i].nwritten;
		empty = empty || w[i].n == 0;
	}
	int split = 0; /* the leaves of an and for each word */
	for (int i = 0; i < q->n; i++)
		split += w[i].n > w[i].nwritten ? leaves - w[i].nwritten : 0;
	bool one = split > 2 * leaves; /* one and, with the or of all variant tokens */
	/* That or narrows nothing when it holds as many rows as a word; and it must fit one word. */
	if (one && (var_rows >= word_rows || vars > NI_WORD_TERMS))
		return NULL;
	struct ni_word *all = NULL; /* every word's variant tokens, for one and */
	if (one && (all = arena_alloc(s->a, sizeof *all)) == NULL) {
		s->rc = ERR_NOMEM;
		return NULL;
	}
	for (int i = 0; one && i < q->n; i++) {
		for (int k = w[i].nwritten; k < w[i].n; k++) {
			all->kind[all->n] = w[i].kind[k];
			all->term[all->n] = w[i].term[k];
			all->rows[all->n++] = w[i].rows[k];
		}
	}
	struct ni_stream *alts[NAME_QUERY_WORDS + NAME_QUERY_WORDS - 1], *kids[NAME_QUERY_WORDS + 1];
	int nalt = 0;
	for (int i = 0; !empty && s->rc == 0 && i < (one ? 1 : q->n); i++) {
		if (!one && w[i].n == w[i].nwritten)
			continue;
		int n = 0;
		for (int j = 0; j < q->n; j++)
			if (one || j != i)
				kids[n++] = ni_word_stream(s, &w[j], 0);
		kids[n++] = one ? ni_word_stream(s, all, 0) : ni_word_stream(s, &w[i], w[i].nwritten);
		if (s->rc == 0)
			alts[nalt++] = ni_group(s, NI_AND, kids, n);
	}
	if (s->rc)
		return NULL;
	/* Each and of one word is at most the words' own estimate; several may add up past it, each
	 * walking the other words again. */
	int64_t rows = 0;
	for (int k = 0; k < nalt; k++)
		rows += alts[k]->rows;
	if (nalt > 1 && rows > word_rows)
		return NULL;
	for (int j = 0; s->rc == 0 && j < q->njoin; j++) {
		if (w[q->n + j].n == 0)
			continue;
		int n = 0;
		for (int i = 0; i < q->n; i++)
			if (i != j && i != j + 1)
				kids[n++] = ni_word_stream(s, &w[i], 0);
		kids[n++] = ni_word_stream(s, &w[q->n + j], 0);
		if (s->rc == 0)
			alts[nalt++] = ni_group(s, NI_AND, kids, n);
	}
	if (s->rc)
		return NULL;
	if (nalt > 0)
		return ni_group(s, NI_OR, alts, nalt);
	struct ni_stream *t = ni_new(s, NI_OR); /* exact matches only: ends at once */
	if (t)
		t->end = t->fetched = true;
	return t;
}

/* ni_build makes the stream of q for tier from the tokens of its words (ni_words): the or of its
 * alternatives (the words; in tier 1 also the words with one adjacent pair joined), each the and
 * of its words that are looked up. NULL with s->rc 0 when some alternative has no word to look
 * up: then every client is a candidate. */
static struct ni_stream *ni_build(struct ni_scan *s, const struct name_query *q, int tier, const struct ni_word *w)
{
	if (w == NULL)
		return NULL;
	struct ni_stream *alts[NAME_QUERY_WORDS], *kids[NAME_QUERY_WORDS];
	int nalt = 0;
	for (int j = -1; s->rc == 0 && j < (tier ? q->njoin : 0); j++) {
		int n = 0;
		for (int i = 0; i < q->n; i++)
			if (!w[i].too_many && (j < 0 || (i != j && i != j + 1)))
				kids[n++] = ni_word_stream(s, &w[i], 0);
		if (j >= 0 && !w[q->n + j].too_many)
			kids[n++] = ni_word_stream(s, &w[q->n + j], 0);
		if (n == 0 || s->rc)
			return NULL;
		alts[nalt++] = ni_group(s, NI_AND, kids, n);
	}
	return s->rc ? NULL : ni_group(s, NI_OR, alts, nalt);
}

/* ni_prepare readies the statements of a scan. */
static int ni_prepare(struct ni_scan *s)
{
	int rc = db_prepare(s->db, "SELECT name_norm, client_id FROM client_term WHERE org_id=?1 AND kind=?2 AND term=?3"
				   " AND (name_norm, client_id) >= (?4, ?5) ORDER BY name_norm, client_id LIMIT ?6",
			    &s->term_st);
	if (rc == 0)
		rc = db_prepare(s->db, "SELECT name_norm, id FROM client WHERE org_id=?1"
				       " AND (name_norm, id) >= (?2, ?3) ORDER BY name_norm, id LIMIT ?4",
				&s->walk_st);
	if (rc == 0)
		rc = db_prepare(s->db, "SELECT term, clients FROM name_term WHERE org_id=?1 AND kind=?2 AND term>=?3 AND term<?4"
				       " AND covered<?5 ORDER BY term LIMIT ?6",
				&s->prefix_st);
	if (rc == 0)
		rc = db_prepare(s->db, "SELECT term, clients FROM name_term WHERE org_id=?1 AND kind=?2"
				       " AND covered=?5 AND term>=?3 AND term<?4 ORDER BY term LIMIT ?6",
				&s->cover_st);
	return rc;
}

static void ni_finish(struct ni_scan *s);

/* How ni_run scans: every candidate of its tier, or in tier 1 those that may be variants
 * (name_index_variants), with or without variants kept by the caller. */
enum ni_mode { NI_ALL, NI_VARIANTS, NI_VARIANTS_KEPT };

/* ni_run scans q for tier with words of up to terms tokens looked up. In the variants' modes, when
 * every word's tokens are looked up, tier 1 is narrowed to the candidates that may be variants
 * (ni_build_variants); when a word is too common to look up and no token beyond tier 0's is
 * either, the variants are among tier 0's candidates: with variants kept, nothing is scanned and
 * *same tells so. */
static int ni_run(struct db *db, struct arena *a, int64_t org, const struct name_query *q, int tier, int terms,
		  const char *after_name, int64_t after_id, name_index_visit visit, void *ctx, enum ni_mode mode,
		  bool *same)
{
	struct ni_scan s = {.db = db, .a = a, .org = org, .terms = terms};
	int rc = ni_prepare(&s);
	struct ni_stream *root = NULL;
	if (same)
		*same = false;
	if (rc == 0 && q->n > 0) {
		struct ni_word *w = ni_words(&s, q, tier);
		bool variants = w && tier == 1 && mode != NI_ALL;
		if (variants && ni_looked_up(q, w)) {
			root = ni_build_variants(&s, q, w);
		} else if (variants && mode == NI_VARIANTS_KEPT && ni_same_tiers(q, w)) {
			*same = true;
			ni_finish(&s);
			return 0;
		}
		if (root == NULL && s.rc == 0)
			root = ni_build(&s, q, tier, w);
	}
	if (rc == 0 && s.rc == 0 && root == NULL)
		root = ni_new(&s, NI_WALK);
	if (rc == 0 && s.rc == 0) {
		if (after_name)
			ni_seek(&s, root, after_name, after_id + 1);
		else
			ni_seek(&s, root, "", 0);
		while (s.rc == 0 && !root->end && (rc = visit(ctx, root->name, root->id)) == 0)
			ni_next(&s, root);
	}
	ni_finish(&s);
	return rc ? (rc < 0 ? rc : 0) : s.rc;
}

int name_index_scan(struct db *db, struct arena *a, int64_t org, const struct name_query *q, int tier,
		    const char *after_name, int64_t after_id, name_index_visit visit, void *ctx)
{
	return ni_run(db, a, org, q, tier, NI_WORD_TERMS, after_name, after_id, visit, ctx, NI_ALL, NULL);
}

int name_index_variants(struct db *db, struct arena *a, int64_t org, const struct name_query *q, const char *after_name,
			int64_t after_id, name_index_visit visit, void *ctx, bool *same)
{
	return ni_run(db, a, org, q, 1, NI_WORD_TERMS, after_name, after_id, visit, ctx,
		      same ? NI_VARIANTS_KEPT : NI_VARIANTS, same);
}

int name_index_every(struct db *db, struct arena *a, int64_t org, const struct name_query *q, int terms,
		     name_index_visit visit, void *ctx)
{
	return ni_run(db, a, org, q, 1, terms < 1 ? 1 : terms > NI_WORD_TERMS ? NI_WORD_TERMS : terms, NULL, 0, visit, ctx,
		      NI_ALL, NULL);
}

/* ---- gathering every candidate ---- */

/* A caller that takes every candidate (to intersect them with other conditions) reads each
 * looked-up token's rows in one range and combines them by id: a leapfrog moves each of a word's
 * tokens by one indexed query per jump, which for a word of many tokens and thousands of matches
 * costs far more than reading the rows (about 0.25 us a row at 1,000,000 clients). The plan
 * follows the estimates of name_term.clients: the narrowest word is read first, and a word of
 * more than NI_GATHER_RATIO times its rows is not read: it would cost more than the tests of the
 * candidates it could rule out (about 1.5 us each). */
#define NI_GATHER_RATIO 4
/* When every word has fewer tokens than this, one whose rows are too many to read is leapfrogged
 * with the others: at 1,000,000 clients, "santoso n" ("n": 50 tokens) took 32 ms with "n" left to
 * the rows, 18 ms leapfrogged; "sudirman s" ("s": 131 tokens) 46 ms leapfrogged, 16 ms with "s"
 * left to the rows. */
#define NI_GATHER_TERMS 96
/* A word's tokens share clients (a word and its spelling key, a word and its pairs): its rows may
 * be up to this many times its candidates and still be read. */
#define NI_GATHER_SHARED 2

struct ni_cand {
	int64_t id;
	const char *name;
};

struct ni_set {
	struct ni_cand *v;
	int n, cap;
};

/* ni_set_room makes room in set for one more candidate. */
static int ni_set_room(struct ni_scan *s, struct ni_set *set)
{
	void *v = set->v;
	int rc = arena_grow(s->a, &v, set->n, &set->cap, sizeof *set->v);
	set->v = v;
	return rc;
}

/* ni_set_reserve makes room in set for want candidates in all: reserved at once from the
 * estimates, the rows of a common word do not leave behind the arrays that doubling would (a
 * third of a request's memory for "h" in a province). */
static int ni_set_reserve(struct ni_scan *s, struct ni_set *set, int64_t want)
{
	if (want <= set->cap)
		return 0;
	struct ni_cand *v = arena_alloc(s->a, sizeof *v * (size_t)want);
	if (v == NULL)
		return ERR_NOMEM;
	if (set->n)
		memcpy(v, set->v, sizeof *v * (size_t)set->n);
	set->v = v;
	set->cap = (int)want;
	return 0;
}

/* ni_gather_term appends the rows of token t to out while out holds at most raw: 1 when it would
 * hold more, 0, or an error. names: copy each candidate's name. */
static int ni_gather_term(struct ni_scan *s, struct ni_stream *t, int64_t raw, bool names, struct ni_set *out)
{
	if (out->n > raw)
		return 1;
	struct db_stmt *st = s->gather_st;
	int rc = db_bind_int(st, 1, s->org);
	if (rc == 0)
		rc = db_bind_int(st, 2, t->tkind);
	if (rc == 0)
		rc = db_bind_text(st, 3, t->term);
	if (rc == 0)
		rc = db_bind_int(st, 4, raw - out->n + 1);
	while (rc == 0) {
		rc = db_step(st);
		if (rc != DB_ROW)
			break;
		rc = ni_set_room(s, out);
		if (rc)
			break;
		struct ni_cand *c = &out->v[out->n++];
		c->id = db_col_int(st, 0);
		c->name = NULL;
		if (names) {
			const char *name = db_col_text(st, 1);
			c->name = arena_strdup(s->a, name ? name : "");
			if (c->name == NULL)
				rc = ERR_NOMEM;
		}
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	return out->n > raw;
}

/* ni_both keeps in x the candidates also in y (both ascending by id). */
static void ni_both(struct ni_set *x, const struct ni_set *y)
{
	int m = 0;
	for (int i = 0, j = 0; i < x->n && j < y->n;) {
		if (x->v[i].id < y->v[j].id) {
			i++;
		} else if (x->v[i].id > y->v[j].id) {
			j++;
		} else {
			x->v[m++] = x->v[i++];
			j++;
		}
	}
	x->n = m;
}

/* ni_leaves is the number of tokens under t. */
static int ni_leaves(const struct ni_stream *t)
{
	if (t->kind != NI_OR && t->kind != NI_AND)
		return 1;
	int n = 0;
	for (int i = 0; i < t->nkids; i++)
		n += ni_leaves(t->kids[i]);
	return n;
}

/* ni_gather puts into out (empty) the candidates of t, ascending by id, each once: 1 when they
 * may be more than max, 2 when t is better leapfrogged, 0, or an error. An and reads its children
 * by their estimated rows, the fewest first, and leaves out a child of many more rows than that
 * (NI_GATHER_RATIO) or found too many: a superset, as the caller checks the words on the rows it
 * reads. An and of words of few tokens each too common to read is leapfrogged: "siti nur" in a
 * province read 147,000 rows of the two words to intersect them, where the leapfrog stepped
 * through their 6,954 common candidates in less time. */
static int ni_gather(struct ni_scan *s, struct ni_stream *t, int max, bool names, struct ni_set *out)
{
	int64_t raw = (int64_t)max * NI_GATHER_SHARED; /* rows read, before their duplicates go */
	int rc = 0;
	switch (t->kind) {
	case NI_WALK:
		return 1; /* every client */
	case NI_TERM:
	case NI_OR:
		/* A word's tokens known from name_term to hold too many: nothing is read. (The
		 * estimate of an and is only a bound: the alternatives of a query are each tried.) */
		if (t->rows > raw && (t->kind == NI_TERM || t->kids[0]->kind == NI_TERM))
			return 1;
		/* Room for the estimate and a margin for its sampling, within the bound. */
		rc = ni_set_reserve(s, out, out->n + (t->rows + t->rows / 8 + 64 < raw + 1 ? t->rows + t->rows / 8 + 64 : raw + 1));
		if (rc)
			return rc;
		for (int i = 0; rc == 0 && i < (t->kind == NI_TERM ? 1 : t->nkids); i++) {
			struct ni_stream *k = t->kind == NI_TERM ? t : t->kids[i];
			if (k->kind == NI_TERM) {
				rc = ni_gather_term(s, k, raw, names, out);
				continue;
			}
			struct ni_set sub = {0};
			rc = ni_gather(s, k, max, names, &sub);
			for (int j = 0; rc == 0 && j < sub.n; j++) {
				rc = ni_set_room(s, out);
				if (rc == 0)
					out->v[out->n++] = sub.v[j];
			}
			if (rc == 0 && out->n > raw)
				rc = 1;
		}
		if (rc)
			return rc;
		rc = keysort(s->a, out->v, (size_t)out->n, sizeof *out->v);
		if (rc)
			return rc;
		int m = 0;
		for (int i = 0; i < out->n; i++)
			if (m == 0 || out->v[m - 1].id != out->v[i].id)
				out->v[m++] = out->v[i];
		out->n = m;
		return m > max;
	case NI_AND:
		break;
	}
	/* The children of the fewest rows first (an and has one per query word and join). */
	struct ni_stream *kids[NAME_QUERY_WORDS * 2] = {0};
	int n = t->nkids < (int)(sizeof kids / sizeof *kids) ? t->nkids : (int)(sizeof kids / sizeof *kids);
	for (int i = 0; i < n; i++) {
		int at = i;
		while (at > 0 && kids[at - 1]->rows > t->kids[i]->rows) {
			kids[at] = kids[at - 1];
			at--;
		}
		kids[at] = t->kids[i];
	}
	/* The leapfrog suits words of few tokens: when every word has few, a word of many more rows
	 * than the first, or a first of more than max, is better leapfrogged than read. Otherwise a
	 * word of many more rows than the first is left to the rows. */
	bool few = true;
	for (int i = 0; i < n; i++)
		few = few && ni_leaves(kids[i]) < NI_GATHER_TERMS;
	if (few && n > 1 && (kids[0]->rows > max || kids[n - 1]->rows > kids[0]->rows * NI_GATHER_RATIO))
		return 2;
	int read = n;
	while (read > 1 && kids[read - 1]->rows > kids[0]->rows * NI_GATHER_RATIO)
		read--;
	rc = ni_gather(s, kids[0], max, names, out);
	if (rc == 1 && few && n > 1)
		return 2; /* what the words share may still be few */
	if (rc)
		return rc;
	for (int i = 1; i < read && out->n > 0; i++) {
		struct ni_set sub = {0};
		rc = ni_gather(s, kids[i], max, names, &sub);
		if (rc < 0 || rc == 2)
			return rc;
		if (rc == 0)
			ni_both(out, &sub); /* else too many: left out */
	}
	return 0;
}

/* The candidates of a leapfrog gathered by ni_gather_visit, up to max. */
struct ni_gathered {
	struct ni_scan *s;
	struct ni_set *set;
	int max;
	bool names;
};

static int ni_gather_visit(void *ctx, const char *name, int64_t id)
{
	struct ni_gathered *g = ctx;
	int rc = ni_set_room(g->s, g->set);
	if (rc)
		return rc;
	struct ni_cand *c = &g->set->v[g->set->n++];
	c->id = id;
	c->name = g->names ? arena_strdup(g->s->a, name) : NULL;
	if (g->names && c->name == NULL)
		return ERR_NOMEM;
	return g->set->n > g->max; /* one past: too many */
}

/* ni_finish finalizes the statements of s. */
static void ni_finish(struct ni_scan *s)
{
	db_finalize(s->term_st);
	db_finalize(s->walk_st);
	db_finalize(s->prefix_st);
	db_finalize(s->cover_st);
	db_finalize(s->gather_st);
	s->term_st = s->walk_st = s->prefix_st = s->cover_st = s->gather_st = NULL;
}

int name_index_gather(struct db *db, struct arena *a, int64_t org, const struct name_query *q, int max, int64_t **ids,
		      const char ***names, int *n)
{
	*ids = NULL;
	*n = -1;
	if (names)
		*names = NULL;
	if (max < 0 || q->n == 0)
		return 0; /* none wanted, or every client */
	struct ni_scan s = {.db = db, .a = a, .org = org, .terms = NI_WORD_TERMS};
	int rc = ni_prepare(&s);
	if (rc == 0)
		rc = db_prepare(db, "SELECT client_id, name_norm FROM client_term WHERE org_id=?1 AND kind=?2 AND term=?3 LIMIT ?4",
				&s.gather_st);
	struct ni_stream *root = NULL;
	if (rc == 0)
		root = ni_build(&s, q, 1, ni_words(&s, q, 1));
	struct ni_set set = {0};
	if (rc == 0 && s.rc == 0)
		rc = root ? ni_gather(&s, root, max, names != NULL, &set) : 1;
	ni_finish(&s);
	if (rc == 2 && s.rc == 0) {
		/* Leapfrogged in name order, then sorted by id. */
		struct ni_gathered g = {.s = &s, .set = &set, .max = max, .names = names != NULL};
		set.n = 0;
		rc = ni_run(db, a, org, q, 1, NI_WORD_TERMS, NULL, 0, ni_gather_visit, &g, NI_ALL, NULL);
		if (rc == 0 && set.n > max)
			rc = 1;
		if (rc == 0)
			rc = keysort(a, set.v, (size_t)set.n, sizeof *set.v);
	}
	if (rc == 0 && s.rc == 0) {
		*ids = arena_alloc(a, sizeof **ids * (size_t)(set.n + 1));
		if (names)
			*names = arena_alloc(a, sizeof **names * (size_t)(set.n + 1));
		if (*ids == NULL || (names && *names == NULL))
			rc = ERR_NOMEM;
		for (int i = 0; rc == 0 && i < set.n; i++) {
			(*ids)[i] = set.v[i].id;
			if (names)
				(*names)[i] = set.v[i].name;
		}
		if (rc == 0)
			*n = set.n;
	}
	return rc < 0 ? rc : s.rc;
}

/* ---- writing the rows ---- */

/* ni_token is the next token of a search text from *p on (the marks skipped): its length, 0 at
 * the end; *p is left at its start. */
static size_t ni_token(const char **p)
{
	for (;;) {
		while (**p == ' ')
			(*p)++;
		size_t n = strcspn(*p, " ");
		if (n == 0 || **p != '|')
			return n;
		*p += n;
	}
}

/* ni_covered is the length of the longest word or key of text (the part before pairs) that is a
 * proper prefix of tok[0..n): the query forms it covers find the client through that token. */
static int64_t ni_covered(const char *text, const char *pairs, const char *tok, size_t n)
{
	size_t best = 0;
	const char *q = text;
	for (size_t m; (m = ni_token(&q)) > 0 && (!pairs || q < pairs); q += m)
		if (m < n && m > best && memcmp(q, tok, m) == 0)
			best = m;
	return (int64_t)best;
}

/* name_term.clients estimates a token's rows from a sample of its clients (NAME_INDEX_SAMPLE).
 * Only those write the token's row when they are put or dropped: counting every row cost the
 * import of 300,000 clients 12% of its speed. A plan needs the size of a common word within a few
 * percent, and a rare word's is of no weight. */

/* ni_share is what client id counts for in its tokens' estimates: NAME_INDEX_SAMPLE for a client of
 * the sample, else nothing. */
static int64_t ni_share(int64_t id)
{
	return id % NAME_INDEX_SAMPLE == 0 ? NAME_INDEX_SAMPLE : 0;
}

/* ni_kind is the kind of the token at p of a text whose keys start at mark and pairs at pairs
 * (either NULL when it has none). */
static int ni_kind(const char *p, const char *mark, const char *pairs)
{
	return pairs && p > pairs ? NI_KIND_PAIR : mark && p > mark ? NI_KIND_KEY : NI_KIND_WORD;
}

/* ni_drop deletes the rows of every distinct token of text, and keeps name_term: a token is
 * removed with its last row, and a client of the sample takes its share from the token's estimate
 * of rows. (Rows are put by name_index_put_many.) */
static int ni_drop(struct db *db, int64_t org, int64_t id, const char *name_norm, const char *text)
{
	const char *mark = strstr(text, NAME_SEARCH_MARK), *pairs = strstr(text, NAME_SEARCH_PAIRS);
	int64_t share = ni_share(id);
	struct db_stmt *st, *tt = NULL, *gone = NULL;
	int rc = db_prepare(db, "DELETE FROM client_term WHERE org_id=?1 AND kind=?2 AND term=?3 AND name_norm=?4 AND client_id=?5",
			    &st);
	if (rc)
		return rc;
	if (share)
		rc = db_prepare(db, "UPDATE name_term SET clients=clients-?5 WHERE org_id=?1 AND kind=?2 AND term=?3", &tt);
	/* A token goes with its last row. */
	if (rc == 0)
		rc = db_prepare(db, "DELETE FROM name_term WHERE org_id=?1 AND kind=?2 AND term=?3 AND NOT EXISTS"
				    " (SELECT 1 FROM client_term WHERE org_id=?1 AND kind=?2 AND term=?3)",
				&gone);
	if (rc == 0)
		rc = db_bind_int(st, 1, org);
	if (rc == 0)
		rc = db_bind_text(st, 4, name_norm);
	if (rc == 0)
		rc = db_bind_int(st, 5, id);
	if (rc == 0 && tt)
		rc = db_bind_int(tt, 1, org);
	if (rc == 0 && tt)
		rc = db_bind_int(tt, 5, share);
	if (rc == 0)
		rc = db_bind_int(gone, 1, org);
	const char *p = text;
	for (size_t n; rc == 0 && (n = ni_token(&p)) > 0; p += n) {
		int kind = ni_kind(p, mark, pairs);
		rc = db_bind_int(st, 2, kind);
		if (rc == 0)
			rc = db_bind_textn(st, 3, p, n);
		if (rc == 0)
			rc = db_step(st);
		db_reset(st);
		/* A row that is not there to delete leaves the token as it is. */
		if (rc != 0 || db_changes(db) == 0)
			continue;
		if (tt) {
			rc = db_bind_int(tt, 2, kind);
			if (rc == 0)
				rc = db_bind_textn(tt, 3, p, n);
			if (rc == 0)
				rc = db_step(tt);
			db_reset(tt);
		}
		if (rc == 0)
			rc = db_bind_int(gone, 2, kind);
		if (rc == 0)
			rc = db_bind_textn(gone, 3, p, n);
		if (rc == 0)
			rc = db_step(gone);
		db_reset(gone);
	}
	db_finalize(gone);
	db_finalize(tt);
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int name_index_put(struct db *db, int64_t org, int64_t id, const char *name_norm, const char *text)
{
	struct name_index_client c = {id, name_norm, text};
	return name_index_put_many(db, org, 1, &c);
}

/* A row of client_term to write, with what its token's row in name_term takes from it. */
struct ni_put {
	int kind;
	const char *term; /* into a text, n bytes */
	size_t n;
	const char *name;
	int64_t id, covered;
};

static int ni_put_cmp(const void *x, const void *y)
{
	const struct ni_put *a = x, *b = y;
	if (a->kind != b->kind)
		return a->kind - b->kind;
	int c = memcmp(a->term, b->term, a->n < b->n ? a->n : b->n);
	if (c == 0 && a->n != b->n)
		c = a->n < b->n ? -1 : 1;
	if (c == 0)
		c = strcmp(a->name, b->name);
	return c ? c : a->id < b->id ? -1 : a->id > b->id;
}

int name_index_put_many(struct db *db, int64_t org, int n, const struct name_index_client *clients)
{
	size_t cap = 0, m = 0;
	for (int i = 0; i < n; i++)
		for (const char *p = clients[i].text ? clients[i].text : ""; ni_token(&p) > 0; p += strcspn(p, " "))
			cap++;
	struct ni_put *rows = malloc(sizeof *rows * (cap ? cap : 1));
	if (rows == NULL)
		return ERR_NOMEM;
	for (int i = 0; i < n; i++) {
		const struct name_index_client *c = &clients[i];
		const char *text = c->text ? c->text : "", *p = text;
		const char *mark = strstr(text, NAME_SEARCH_MARK), *pairs = strstr(text, NAME_SEARCH_PAIRS);
		for (size_t len; (len = ni_token(&p)) > 0; p += len) {
			int kind = ni_kind(p, mark, pairs);
			rows[m++] = (struct ni_put){kind, p, len, c->name_norm ? c->name_norm : "", c->id,
						    kind == NI_KIND_WORD ? 0 : ni_covered(text, pairs, p, len)};
		}
	}
	/* In the index's order: each row goes next to the one before, not to a page anywhere. */
	qsort(rows, m, sizeof *rows, ni_put_cmp);
	struct db_stmt *st = NULL, *tt = NULL;
	int rc = db_prepare(db, "INSERT OR IGNORE INTO client_term(org_id, kind, term, name_norm, client_id) VALUES (?1, ?2, ?3, ?4, ?5)",
			    &st);
	/* The token's row in name_term: added with its first row; a client of the sample adds to its
	 * estimate, and a key or a pair lowers its covered length to this client's (ni_covered). */
	if (rc == 0)
		rc = db_prepare(db, "INSERT INTO name_term(org_id, kind, term, covered, clients) VALUES (?1, ?2, ?3, ?4, ?5)"
				    " ON CONFLICT (org_id, kind, term) DO UPDATE SET clients=clients+excluded.clients,"
				    " covered=min(covered, excluded.covered)"
				    " WHERE excluded.clients > 0 OR excluded.covered < name_term.covered",
				&tt);
	if (rc == 0)
		rc = db_bind_int(st, 1, org);
	if (rc == 0)
		rc = db_bind_int(tt, 1, org);
	for (size_t k = 0; rc == 0 && k < m; k++) {
		const struct ni_put *r = &rows[k];
		rc = db_bind_int(st, 2, r->kind);
		if (rc == 0)
			rc = db_bind_textn(st, 3, r->term, r->n);
		if (rc == 0)
			rc = db_bind_text(st, 4, r->name);
		if (rc == 0)
			rc = db_bind_int(st, 5, r->id);
		if (rc == 0)
			rc = db_step(st);
		db_reset(st);
		if (rc == 0 && db_changes(db) > 0) {
			rc = db_bind_int(tt, 2, r->kind);
			if (rc == 0)
				rc = db_bind_textn(tt, 3, r->term, r->n);
			if (rc == 0)
				rc = db_bind_int(tt, 4, r->covered);
			if (rc == 0)
				rc = db_bind_int(tt, 5, ni_share(r->id));
			if (rc == 0)
				rc = db_step(tt);
			db_reset(tt);
		}
	}
	db_finalize(tt);
	db_finalize(st);
	free(rows);
	return rc < 0 ? rc : 0;
}

int name_index_drop(struct db *db, int64_t org, int64_t id, const char *name_norm, const char *text)
{
	return ni_drop(db, org, id, name_norm ? name_norm : "", text ? text : "");
}
