/* keysort.c: a least-significant-digit radix sort, one pass per byte of the keys that is not the
 * same in every record. */
#include "base/keysort.h"
#include "base/err.h"
#include <stdint.h>
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

/* keysort_insert sorts the n records of v by insertion, with t room for one record. */
static void keysort_insert(char *v, size_t n, size_t size, char *t)
{
	for (size_t i = 1; i < n; i++) {
		char *p = v + i * size;
		size_t j = i;
		while (j > 0 && keysort_cmp(v + (j - 1) * size, p) > 0)
			j--;
		if (j == i)
			continue;
		memcpy(t, p, size);
		memmove(v + (j + 1) * size, v + j * size, (i - j) * size);
		memcpy(v + j * size, t, size);
	}
}

int keysort(struct arena *a, void *v, size_t n, size_t size)
{
	if (size < sizeof(int64_t) || n > SIZE_MAX / size)
		return ERR_INVALID;
	if (n < 2)
		return 0;
	/* Scratch: one record for the insertion sort, all of them for the radix sort. */
	char *tmp = arena_alloc(a, n < KEYSORT_SMALL ? size : n * size);
	if (tmp == NULL)
		return ERR_NOMEM;
	if (n < KEYSORT_SMALL) {
		keysort_insert(v, n, size, tmp);
		return 0;
	}
	uint64_t any = 0, every = UINT64_MAX; /* the bits set in some key, and in every key */
	for (size_t i = 0; i < n; i++) {
		uint64_t k;
		memcpy(&k, (char *)v + i * size, sizeof k);
		any |= k;
		every &= k;
	}
	char *from = v, *to = tmp;
	for (int shift = 0; shift < 64; shift += 8) {
		if ((((any ^ every) >> shift) & 0xff) == 0)
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
