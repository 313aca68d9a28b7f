/* region_memo.c: the names of regions a connection has read, in an open-addressing table of
 * offsets into one pool of text ("code\0" then '+' and the name, or '-', then "\0"). */
#include "store/region_memo.h"
#include "base/err.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RM_CODE_MAX 32              /* a region code is at most 13 bytes ("32.73.02.1001") */
#define RM_SLOTS_MIN 1024
#define RM_SLOTS_MAX (1u << 18)     /* half full, 131,072 codes: the whole list and room */
#define RM_POOL_MAX (16u << 20)     /* past this the memo starts over */

struct rm_slot {
	uint32_t hash;
	uint32_t at; /* offset of the entry in pool; 0: empty */
};

struct region_memo {
	uint64_t checked; /* the snapshot in which version was read */
	int64_t version;  /* the count the names were read at; -1 before the first */
	struct rm_slot *slots;
	uint32_t nslots, n;
	char *pool;
	size_t len, cap;
};

static void rm_drop(void *p)
{
	struct region_memo *m = p;
	free(m->slots);
	free(m->pool);
	free(m);
}

/* rm_clear forgets every name, keeping the room. */
static void rm_clear(struct region_memo *m)
{
	if (m->slots)
		memset(m->slots, 0, sizeof *m->slots * m->nslots);
	m->n = 0;
	m->len = 1; /* offset 0 marks an empty slot */
}

static uint32_t rm_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* rm_slot finds code's slot: its entry, or the empty slot where it would go. */
static struct rm_slot *rm_slot(struct region_memo *m, const char *code, uint32_t hash)
{
	uint32_t mask = m->nslots - 1;
	for (uint32_t i = hash & mask;; i = (i + 1) & mask) {
		struct rm_slot *s = &m->slots[i];
		if (s->at == 0 || (s->hash == hash && strcmp(m->pool + s->at, code) == 0))
			return s;
	}
}

/* rm_grow doubles the slots (at least RM_SLOTS_MIN) and places the entries again: false without
 * memory or past RM_SLOTS_MAX. */
static bool rm_grow(struct region_memo *m)
{
	uint32_t n = m->nslots ? m->nslots * 2 : RM_SLOTS_MIN;
	if (n > RM_SLOTS_MAX)
		return false;
	struct rm_slot *old = m->slots, *slots = calloc(n, sizeof *slots);
	if (slots == NULL)
		return false;
	uint32_t was = m->nslots;
	m->slots = slots;
	m->nslots = n;
	for (uint32_t i = 0; i < was; i++)
		if (old[i].at)
			*rm_slot(m, m->pool + old[i].at, old[i].hash) = old[i];
	free(old);
	return true;
}

struct region_memo *region_memo_of(struct db *db, int *rc)
{
	*rc = 0;
	uint64_t snapshot = db_snapshot(db);
	if (snapshot == 0)
		return NULL;
	struct region_memo *m = db_memo(db, DB_MEMO_REGIONS);
	if (m == NULL) {
		if ((m = calloc(1, sizeof *m)) == NULL)
			return NULL;
		m->version = -1;
		rm_clear(m);
		db_set_memo(db, DB_MEMO_REGIONS, m, rm_drop);
	}
	if (m->checked == snapshot)
		return m;
	struct db_stmt *st;
	if ((*rc = db_query(db, &st, "SELECT n FROM region_version", "")) != 0)
		return NULL;
	int step = db_step(st);
	int64_t version = step == DB_ROW ? db_col_int(st, 0) : -1;
	db_finalize(st);
	if (step < 0)
		*rc = step;
	if (step != DB_ROW) {
		rm_clear(m); /* without its count nothing kept can be trusted, now or once it is back */
		m->version = -1;
		m->checked = 0;
		return NULL;
	}
	if (version != m->version)
		rm_clear(m);
	m->version = version;
	m->checked = snapshot;
	return m;
}

bool region_memo_find(struct region_memo *m, const char *code, const char **name)
{
	*name = NULL;
	if (m->n == 0 || strlen(code) > RM_CODE_MAX)
		return false;
	struct rm_slot *s = rm_slot(m, code, rm_hash(code));
	if (s->at == 0)
		return false;
	const char *e = m->pool + s->at;
	e += strlen(e) + 1;
	*name = *e == '+' ? e + 1 : NULL;
	return true;
}

void region_memo_keep(struct region_memo *m, const char *code, const char *name)
{
	size_t nc = strlen(code), nn = name ? strlen(name) : 0;
	if (nc > RM_CODE_MAX || nn > RM_POOL_MAX / 2)
		return;
	if (m->len + nc + nn + 3 > RM_POOL_MAX)
		rm_clear(m);
	if ((m->n + 1) * 2 > m->nslots && !rm_grow(m)) {
		if (m->nslots == 0)
			return;
		rm_clear(m); /* full at RM_SLOTS_MAX, or no memory to grow: start over */
	}
	size_t need = m->len + nc + nn + 3;
	if (need > m->cap) {
		size_t cap = m->cap ? m->cap : 4096;
		while (cap < need)
			cap *= 2;
		char *p = realloc(m->pool, cap);
		if (p == NULL)
			return;
		m->pool = p;
		m->cap = cap;
	}
	uint32_t hash = rm_hash(code);
	struct rm_slot *s = rm_slot(m, code, hash);
	if (s->at)
		return; /* kept already */
	char *e = m->pool + m->len;
	memcpy(e, code, nc + 1);
	e[nc + 1] = name ? '+' : '-';
	if (name)
		memcpy(e + nc + 2, name, nn);
	e[nc + 2 + nn] = 0;
	*s = (struct rm_slot){hash, (uint32_t)m->len};
	m->len = need;
	m->n++;
}
