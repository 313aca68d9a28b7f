/* arena.h: a bump allocator; everything a request allocates dies with its arena. */
#ifndef PD_ARENA_H
#define PD_ARENA_H
#include <stddef.h>

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
	size_t total; /* bytes obtained from malloc, for limits and tests */
};

/* arena_init prepares an empty arena; no memory is taken until the first allocation. */
void arena_init(struct arena *a);
/* arena_alloc returns n zeroed bytes aligned for any type, or NULL when out of memory. */
void *arena_alloc(struct arena *a, size_t n);
/* arena_strdup copies s (NULL gives NULL). */
char *arena_strdup(struct arena *a, const char *s);
/* arena_strndup copies n bytes of s and terminates the copy. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* arena_printf formats into arena memory; NULL when out of memory. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* arena_grow makes room for element n of the array *p (elements of size bytes, room for *cap):
 * when full, it moves the array to new arena memory of twice the room (8 at first). 0 or
 * ERR_NOMEM (the array is then unchanged). */
int arena_grow(struct arena *a, void **p, int n, int *cap, size_t size);
/* arena_free releases every allocation at once; the arena can be used again. */
void arena_free(struct arena *a);

#endif
