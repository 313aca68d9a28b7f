/* keysort.h: sorting records by the non-negative 64-bit integer that starts each (a row id), in
 * linear time: the sets of ids a list intersects run to hundreds of thousands, where a
 * comparison sort took 5 ms for 70,000. */
#ifndef PD_KEYSORT_H
#define PD_KEYSORT_H
#include "base/arena.h"
#include <stddef.h>

/* keysort orders the n records of size bytes (8 or more, a multiple of 8) at v by their leading
 * int64_t, which must not be negative; records of equal keys keep their order. Scratch memory
 * comes from a. 0, or ERR_NOMEM with v unchanged. */
int keysort(struct arena *a, void *v, size_t n, size_t size);

#endif
