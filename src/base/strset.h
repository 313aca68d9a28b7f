/* strset.h: a set of strings, each with a string of its own, kept in memory: what a dry-run
 * import has "registered" so far, for the batches after it to find. */
#ifndef PD_STRSET_H
#define PD_STRSET_H
#include "base/arena.h"
#include <stddef.h>

struct strset {
	struct arena mem;      /* the strings */
	const char **keys;     /* open addressing; NULL marks an empty slot */
	const char **values;
	size_t cap, n;
};

/* strset_init prepares an empty set; strset_free releases everything it holds. */
void strset_init(struct strset *s);
void strset_free(struct strset *s);
/* strset_get is the value kept with key, or NULL when key is not in the set. */
const char *strset_get(const struct strset *s, const char *key);
/* strset_put adds key with value (both copied), or replaces its value. 0 or ERR_NOMEM (the set
 * is then as it was). */
int strset_put(struct strset *s, const char *key, const char *value);

#endif
