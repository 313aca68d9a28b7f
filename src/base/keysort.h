/* keysort.h: sorting records by the non-negative 64-bit integer that starts each (a row id), in
 * linear time: the sets of ids a list intersects run to hundreds of thousands, where a
 * comparison sort took 5 ms for 70,000. */
#ifndef PD_KEYSORT_H
#define PD_KEYSORT_H
#include "base/arena.h"
#include <stddef.h>

/* keysort orders the n records of size bytes (at least 8) at v by their leading int64_t, which
 * must not be negative; records of equal keys keep their order. Scratch memory comes from a.
 * 0, ERR_NOMEM with v unchanged, or ERR_INVALID for a size below 8 or a size too large. */
int keysort(struct arena *a, void *v, size_t n, size_t size);

#endif
