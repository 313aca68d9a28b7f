/* strset.c: a set of strings with a value each: open addressing, FNV-1a, doubled at half full. */
#include "base/strset.h"
#include "base/err.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t strset_hash(const char *k)
{
	uint64_t h = 14695981039346656037ull;
	for (const unsigned char *p = (const unsigned char *)k; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return h;
}

/* strset_slot is where key is, or the empty slot where it would go; cap is a power of two. */
static size_t strset_slot(const char **keys, size_t cap, const char *key)
{
	size_t i = (size_t)strset_hash(key) & (cap - 1);
	while (keys[i] && strcmp(keys[i], key) != 0)
		i = (i + 1) & (cap - 1);
	return i;
}

void strset_init(struct strset *s)
{
	memset(s, 0, sizeof *s);
	arena_init(&s->mem);
}

void strset_free(struct strset *s)
{
	free(s->keys);
	free(s->values);
	arena_free(&s->mem);
	strset_init(s);
}

const char *strset_get(const struct strset *s, const char *key)
{
	if (s->n == 0)
		return NULL;
	size_t i = strset_slot(s->keys, s->cap, key);
	return s->keys[i] ? s->values[i] : NULL;
}

static int strset_grow(struct strset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	const char **keys = calloc(cap, sizeof *keys), **values = calloc(cap, sizeof *values);
	if (keys == NULL || values == NULL) {
		free(keys);
		free(values);
		return ERR_NOMEM;
	}
	for (size_t i = 0; i < s->cap; i++)
		if (s->keys[i]) {
			size_t j = strset_slot(keys, cap, s->keys[i]);
			keys[j] = s->keys[i];
			values[j] = s->values[i];
		}
	free(s->keys);
	free(s->values);
	s->keys = keys;
	s->values = values;
	s->cap = cap;
	return 0;
}

int strset_put(struct strset *s, const char *key, const char *value)
{
	if ((s->n + 1) * 2 > s->cap && strset_grow(s) != 0)
		return ERR_NOMEM;
	size_t i = strset_slot(s->keys, s->cap, key);
	const char *v = arena_strdup(&s->mem, value ? value : "");
	if (v == NULL)
		return ERR_NOMEM;
	if (s->keys[i] == NULL) {
		const char *k = arena_strdup(&s->mem, key);
		if (k == NULL)
			return ERR_NOMEM;
		s->keys[i] = k;
		s->n++;
	}
	s->values[i] = v;
	return 0;
}
