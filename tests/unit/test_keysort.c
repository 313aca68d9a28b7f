/* test_keysort.c: keysort (base/keysort.h) against a comparison sort, on ids of every size, with
 * records that carry more than their key, and equal keys kept in their order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/keysort.h"

static uint64_t ks_seed = 0x9e3779b97f4a7c15ull;
static uint64_t ks_rand(void)
{
	ks_seed ^= ks_seed << 13;
	ks_seed ^= ks_seed >> 7;
	ks_seed ^= ks_seed << 17;
	return ks_seed;
}

static int ks_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

/* Ids of several ranges: small (one byte differs), row ids of a large registry, and up to the
 * largest key. */
static void test_ids_match_a_comparison_sort(void **state)
{
	(void)state;
	const size_t sizes[] = {0, 1, 2, 63, 64, 65, 1000, 70000};
	const uint64_t ranges[] = {200, 1000000, (uint64_t)INT64_MAX};
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++) {
			size_t n = sizes[s];
			int64_t *v = malloc(sizeof *v * (n + 1)), *want = malloc(sizeof *v * (n + 1));
			assert_non_null(v);
			assert_non_null(want);
			for (size_t i = 0; i < n; i++)
				v[i] = want[i] = (int64_t)(ks_rand() % ranges[r]) + (ranges[r] == (uint64_t)INT64_MAX);
			qsort(want, n, sizeof *want, ks_cmp);
			struct arena a;
			arena_init(&a);
			assert_int_equal(keysort(&a, v, n, sizeof *v), 0);
			if (n)
				assert_memory_equal(v, want, sizeof *v * n);
			arena_free(&a);
			free(v);
			free(want);
		}
	}
}

/* Records of an id and the place it was read at: in order of ids, and of places among equal ids. */
struct ks_rec {
	int64_t id;
	const char *name;
	int64_t at;
};

static void test_records_are_stable(void **state)
{
	(void)state;
	for (size_t n = 10; n <= 5000; n *= 10) {
		struct ks_rec *v = malloc(sizeof *v * n);
		assert_non_null(v);
		for (size_t i = 0; i < n; i++)
			v[i] = (struct ks_rec){.id = (int64_t)(ks_rand() % (n / 3 + 1)), .name = "x", .at = (int64_t)i};
		struct arena a;
		arena_init(&a);
		assert_int_equal(keysort(&a, v, n, sizeof *v), 0);
		for (size_t i = 1; i < n; i++) {
			assert_true(v[i - 1].id <= v[i].id);
			if (v[i - 1].id == v[i].id)
				assert_true(v[i - 1].at < v[i].at);
		}
		int64_t sum = 0;
		for (size_t i = 0; i < n; i++)
			sum += v[i].at;
		assert_int_equal(sum, (int64_t)(n * (n - 1) / 2)); /* every record once */
		arena_free(&a);
		free(v);
	}
}

/* Records larger than the key and the insertion sort's own room, and sizes it refuses. */
struct ks_wide {
	int64_t id;
	char text[72];
};

static void test_wide_records_and_bad_sizes(void **state)
{
	(void)state;
	for (size_t n = 2; n <= 200; n += 99) {
		struct ks_wide *v = malloc(sizeof *v * n);
		assert_non_null(v);
		for (size_t i = 0; i < n; i++) {
			v[i].id = (int64_t)(ks_rand() % 50);
			snprintf(v[i].text, sizeof v[i].text, "record %zu of id %lld", i, (long long)v[i].id);
		}
		struct arena a;
		arena_init(&a);
		assert_int_equal(keysort(&a, v, n, sizeof *v), 0);
		for (size_t i = 0; i < n; i++) {
			char want[72];
			snprintf(want, sizeof want, "of id %lld", (long long)v[i].id);
			assert_non_null(strstr(v[i].text, want)); /* the record moved whole */
			if (i > 0)
				assert_true(v[i - 1].id <= v[i].id);
		}
		arena_free(&a);
		free(v);
	}
	struct arena a;
	arena_init(&a);
	int32_t small[4] = {3, 2, 1, 0};
	assert_int_equal(keysort(&a, small, 4, sizeof *small), ERR_INVALID);
	assert_int_equal(small[0], 3); /* untouched */
	assert_int_equal(keysort(&a, small, SIZE_MAX / 8, 16), ERR_INVALID);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_match_a_comparison_sort),
		cmocka_unit_test(test_records_are_stable),
		cmocka_unit_test(test_wide_records_and_bad_sizes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
