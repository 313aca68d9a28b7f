/* keysort.c: a least-significant-digit radix sort, one pass per byte of the keys that is not the
 * same in every record. */
#include "base/keysort.h"
#include "base/err.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Below this many records a comparison sort is as quick and needs no scratch memory. */
#define KEYSORT_SMALL 64

static int keysort_cmp(const void *x, const void *y)
{
	int64_t a, b;
	memcpy(&a, x, sizeof a);
	memcpy(&b, y, sizeof b);
	return a < b ? -1 : a > b;
}

int keysort(struct arena *a, void *v, size_t n, size_t size)
{
	if (n < KEYSORT_SMALL) {
		/* qsort is not stable: equal keys are ordered by their place first. */
		for (size_t i = 1; i < n; i++) {
			char *p = (char *)v + i * size;
			size_t j = i;
			while (j > 0 && keysort_cmp((char *)v + (j - 1) * size, p) > 0)
				j--;
			if (j < i) {
				char tmp[64];
				char *t = size <= sizeof tmp ? tmp : NULL;
				if (t == NULL && (t = arena_alloc(a, size)) == NULL)
					return ERR_NOMEM;
				memcpy(t, p, size);
				memmove((char *)v + (j + 1) * size, (char *)v + j * size, (i - j) * size);
				memcpy((char *)v + j * size, t, size);
			}
		}
		return 0;
	}
	uint64_t or = 0, and = UINT64_MAX;
	for (size_t i = 0; i < n; i++) {
		uint64_t k;
		memcpy(&k, (char *)v + i * size, sizeof k);
		or |= k;
		and &= k;
	}
	char *tmp = arena_alloc(a, n * size);
	if (tmp == NULL)
		return ERR_NOMEM;
	char *from = v, *to = tmp;
	for (int shift = 0; shift < 64; shift += 8) {
		if ((((or ^ and) >> shift) & 0xff) == 0)
			continue; /* this byte is the same in every key */
		size_t count[257] = {0};
		for (size_t i = 0; i < n; i++) {
			uint64_t k;
			memcpy(&k, from + i * size, sizeof k);
			count[((k >> shift) & 0xff) + 1]++;
		}
		for (int b = 0; b < 256; b++)
			count[b + 1] += count[b];
		for (size_t i = 0; i < n; i++) {
			uint64_t k;
			memcpy(&k, from + i * size, sizeof k);
			memcpy(to + count[(k >> shift) & 0xff]++ * size, from + i * size, size);
		}
		char *t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, n * size);
	return 0;
}
