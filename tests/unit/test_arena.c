/* test_arena.c: unit tests of the request arena: alignment, zeroing, big blocks, copies (base/arena.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/arena.h"

static bool arena_all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

static const size_t arena_sizes[] = {1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 100, 1000, 4095, 8000, 8192, 8193, 20000, 100000};

static void test_arena_aligned_and_zeroed(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
	/* Fill, free and reuse several times: a reused arena must still hand out zeroed memory. */
	for (int round = 0; round < 3; round++) {
		unsigned char *prev = NULL;
		size_t prev_n = 0;
		for (int rep = 0; rep < 5; rep++) {
			for (size_t i = 0; i < sizeof arena_sizes / sizeof arena_sizes[0]; i++) {
				size_t n = arena_sizes[i];
				unsigned char *p = arena_alloc(&a, n);
				assert_non_null(p);
				if ((uintptr_t)p % _Alignof(max_align_t) != 0 || (uintptr_t)p % 16 != 0)
					fail_msg("arena_alloc(%zu) returned %p, not aligned", n, (void *)p);
				if (!arena_all_zero(p, n))
					fail_msg("arena_alloc(%zu) returned memory that is not zeroed", n);
				/* The previous block must not overlap this one. */
				if (prev != NULL && p < prev + prev_n && prev < p + n)
					fail_msg("arena_alloc(%zu) overlaps the previous block", n);
				/* Dirty it so that a later overlapping or non-zeroed block shows. */
				memset(p, 0xa5, n);
				prev = p;
				prev_n = n;
			}
		}
		assert_true(a.total > 0);
		arena_free(&a);
		assert_null(a.head);
		assert_int_equal(a.total, 0);
	}
}

/* Blocks stay distinct and keep their contents while many others are allocated after them. */
static void test_arena_blocks_keep_contents(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	enum { COUNT = 2000 };
	unsigned char *blocks[COUNT];
	size_t sizes[COUNT];
	for (int i = 0; i < COUNT; i++) {
		sizes[i] = (size_t)(i * 37 % 300) + 1;
		if (i % 97 == 0)
			sizes[i] = 9000 + (size_t)i; /* a big block now and then */
		blocks[i] = arena_alloc(&a, sizes[i]);
		assert_non_null(blocks[i]);
		memset(blocks[i], i & 0xff, sizes[i]);
	}
	for (int i = 0; i < COUNT; i++)
		for (size_t k = 0; k < sizes[i]; k++)
			if (blocks[i][k] != (unsigned char)(i & 0xff))
				fail_msg("block %d byte %zu overwritten", i, k);
	arena_free(&a);
}

/* A big allocation goes behind the current chunk, so the current chunk's free space is used by
 * the next small allocation instead of a new chunk. */
static void test_arena_big_keeps_chunk(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char *small = arena_alloc(&a, 16);
	assert_non_null(small);
	size_t after_small = a.total;
	char *big = arena_alloc(&a, 1 << 20);
	assert_non_null(big);
	assert_true(a.total >= after_small + (1 << 20));
	assert_true(arena_all_zero((unsigned char *)big, 1 << 20));
	memset(big, 1, 1 << 20);
	size_t after_big = a.total;
	char *next = arena_alloc(&a, 16);
	assert_non_null(next);
	assert_int_equal(a.total, after_big); /* no new chunk */
	assert_ptr_equal(next, small + 16);
	arena_free(&a);

	/* A big allocation first, then small ones. */
	arena_init(&a);
	big = arena_alloc(&a, 100000);
	assert_non_null(big);
	memset(big, 2, 100000);
	small = arena_alloc(&a, 10);
	assert_non_null(small);
	assert_true(arena_all_zero((unsigned char *)small, 10));
	assert_true(small + 10 <= big || big + 100000 <= small);
	arena_free(&a);
}

static void test_arena_strdup(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const char *src = "Siti Aisyah";
	char *d = arena_strdup(&a, src);
	assert_non_null(d);
	assert_ptr_not_equal(d, src);
	assert_string_equal(d, src);
	assert_null(arena_strdup(&a, NULL));
	char *e = arena_strdup(&a, "");
	assert_non_null(e);
	assert_string_equal(e, "");
	char *n = arena_strndup(&a, "abcdef", 3);
	assert_string_equal(n, "abc");
	n = arena_strndup(&a, "ab\0cd", 5); /* copies n bytes, even past a NUL */
	assert_memory_equal(n, "ab\0cd", 6);
	arena_free(&a);
}

static void test_arena_printf(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(arena_printf(&a, "%s-%d", "RT", 5), "RT-5");
	assert_string_equal(arena_printf(&a, "%s", ""), "");
	assert_string_equal(arena_printf(&a, "%05.1f|%lld|%zu", 3.14159, -9000000000LL, (size_t)42),
			    "003.1|-9000000000|42");
	/* Longer than a chunk. */
	char *long_text = malloc(20001);
	assert_non_null(long_text);
	memset(long_text, 'x', 20000);
	long_text[20000] = 0;
	char *p = arena_printf(&a, "<%s>", long_text);
	assert_non_null(p);
	assert_int_equal(strlen(p), 20002);
	assert_int_equal(p[0], '<');
	assert_int_equal(p[20001], '>');
	assert_memory_equal(p + 1, long_text, 20000);
	free(long_text);
	arena_free(&a);
}

/* Runs arena_alloc(n) in a child process, so that an overflow crashes the child, not the tests.
 * The child exits 0 when the call returned NULL without touching memory it does not own. */
static int arena_child_alloc(size_t n)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/* Let a crash kill the child instead of being caught by cmocka's handlers. */
		static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
		for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
			signal(sigs[i], SIG_DFL);
		struct arena a;
		arena_init(&a);
		void *p = arena_alloc(&a, n);
		_exit(p == NULL ? 0 : 1);
	}
	int status = 0;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Sizes whose rounding or chunk header would overflow size_t are refused with NULL. (Only sizes
 * that a correct arena refuses before calling malloc: AddressSanitizer aborts on a malloc of an
 * impossible size instead of returning NULL.) */
static void test_arena_huge_sizes(void **state)
{
	(void)state;
	static const size_t huge[] = {SIZE_MAX,      SIZE_MAX - 1,  SIZE_MAX - 14, SIZE_MAX - 15,
				      SIZE_MAX - 20, SIZE_MAX - 31, SIZE_MAX - 32, SIZE_MAX - 46};
	int failures = 0;
	for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
		int rc = arena_child_alloc(huge[i]);
		if (rc != 0) {
			print_error("arena_alloc(SIZE_MAX - %zu): expected NULL, child ended with %d"
				    " (128+n: signal n)\n", SIZE_MAX - huge[i], rc);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void test_arena_grow(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	int *v = NULL, n = 0, cap = 0;
	for (int i = 0; i < 1000; i++) {
		void *p = v;
		assert_int_equal(arena_grow(&a, &p, n, &cap, sizeof *v), 0);
		v = p;
		assert_true(cap > n);
		v[n++] = i * 3;
	}
	assert_int_equal(cap, 1024); /* 8, 16, ... doubled */
	for (int i = 0; i < n; i++)
		assert_int_equal(v[i], i * 3); /* every move kept what was there */
	/* Room left: nothing moves. */
	void *p = v;
	int before = cap;
	assert_int_equal(arena_grow(&a, &p, 5, &cap, sizeof *v), 0);
	assert_ptr_equal(p, v);
	assert_int_equal(cap, before);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_aligned_and_zeroed),
		cmocka_unit_test(test_arena_blocks_keep_contents),
		cmocka_unit_test(test_arena_big_keeps_chunk),
		cmocka_unit_test(test_arena_strdup),
		cmocka_unit_test(test_arena_printf),
		cmocka_unit_test(test_arena_huge_sizes),
		cmocka_unit_test(test_arena_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
