/* test_buf.c: unit tests of the capped growable buffer: appends, the cap, printf (base/buf.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"

static void buf_assert_empty(const struct buf *b)
{
	assert_null(b->data);
	assert_int_equal(b->len, 0);
	assert_int_equal(b->alloc, 0);
	assert_string_equal(buf_cstr(b), "");
}

static void test_buf_init(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 100);
	buf_assert_empty(&b);
	assert_int_equal(b.cap, 100);
	/* An empty append still makes a terminated string. */
	assert_int_equal(buf_append(&b, "", 0), 0);
	assert_non_null(b.data);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
	buf_assert_empty(&b);
}

/* A sequence of appends to a buffer of a given cap: each one's result and the final contents. */
struct buf_case {
	size_t cap;
	const char *parts[4];
	int rcs[4];
	const char *want;
};

static const struct buf_case buf_cases[] = {
	{10, {"abc", "def"}, {0, 0}, "abcdef"},
	{6, {"abc", "def"}, {0, 0}, "abcdef"},                       /* exactly the cap */
	{5, {"abc", "def"}, {0, ERR_TOOBIG}, ""},                    /* one past: all dropped */
	{5, {"abcdef"}, {ERR_TOOBIG}, ""},
	{5, {"abc", "def", "xy"}, {0, ERR_TOOBIG, 0}, "xy"},         /* usable again */
	{0, {"", "a"}, {0, ERR_TOOBIG}, ""},
	{1, {"a", "", "b"}, {0, 0, ERR_TOOBIG}, ""},
	{3, {"a", "b", "c", "d"}, {0, 0, 0, ERR_TOOBIG}, ""},
	{300, {"0123456789", "", "x"}, {0, 0, 0}, "0123456789x"},
};

static void test_buf_append_cap(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof buf_cases / sizeof buf_cases[0]; i++) {
		const struct buf_case *c = &buf_cases[i];
		struct buf b;
		buf_init(&b, c->cap);
		for (int k = 0; k < 4 && c->parts[k]; k++) {
			int rc = buf_puts(&b, c->parts[k]);
			if (rc != c->rcs[k])
				fail_msg("case %zu, part %d: expected %d, got %d", i, k, c->rcs[k], rc);
			if (rc == ERR_TOOBIG)
				buf_assert_empty(&b);
			assert_true(b.len <= c->cap);
		}
		if (strcmp(buf_cstr(&b), c->want) != 0)
			fail_msg("case %zu: expected \"%s\", got \"%s\"", i, c->want, buf_cstr(&b));
		assert_int_equal(b.len, strlen(c->want));
		buf_free(&b);
	}
}

static void test_buf_binary_and_growth(void **state)
{
	(void)state;
	struct buf b;
	enum { TOTAL = 100000 };
	buf_init(&b, TOTAL);
	for (int i = 0; i < TOTAL; i++) {
		char c = (char)(i % 251);
		assert_int_equal(buf_append(&b, &c, 1), 0);
	}
	assert_int_equal(b.len, TOTAL);
	assert_true(b.alloc >= TOTAL + 1);
	assert_int_equal(b.data[TOTAL], 0);
	for (int i = 0; i < TOTAL; i++)
		if (b.data[i] != (char)(i % 251))
			fail_msg("byte %d is wrong", i);
	/* The buffer is full: one more byte is too many and empties it. */
	assert_int_equal(buf_append(&b, "x", 1), ERR_TOOBIG);
	buf_assert_empty(&b);
	buf_free(&b);

	/* A huge n cannot overflow the cap check. */
	buf_init(&b, 100);
	assert_int_equal(buf_puts(&b, "abc"), 0);
	assert_int_equal(buf_append(&b, "", SIZE_MAX), ERR_TOOBIG);
	buf_assert_empty(&b);
	assert_int_equal(buf_append(&b, "", SIZE_MAX - 2), ERR_TOOBIG);
	buf_free(&b);
}

/* Room reserved at once is kept by the appends that fill it; it never passes the cap. */
static void test_buf_reserve(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10000);
	assert_int_equal(buf_append(&b, "ab", 2), 0);
	assert_int_equal(buf_reserve(&b, 5000), 0);
	assert_true(b.alloc >= 5003);
	assert_string_equal(buf_cstr(&b), "ab");
	const char *data = b.data;
	size_t alloc = b.alloc;
	for (int i = 0; i < 4998; i++)
		assert_int_equal(buf_append(&b, "x", 1), 0);
	assert_ptr_equal(b.data, data);
	assert_int_equal(b.alloc, alloc);
	assert_int_equal(b.len, 5000);
	/* Past the cap: room up to it, and the appends still stop there. */
	assert_int_equal(buf_reserve(&b, 1000000), 0);
	assert_int_equal(b.alloc, 10001);
	static const char more[5001];
	assert_int_equal(buf_append(&b, more, sizeof more), ERR_TOOBIG);
	buf_assert_empty(&b);
	/* On an empty buffer, and of nothing. */
	assert_int_equal(buf_reserve(&b, 0), 0);
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(buf_reserve(&b, 300), 0);
	assert_int_equal(b.alloc, 512);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

static void test_buf_reset(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	assert_int_equal(buf_puts(&b, "hello"), 0);
	char *mem = b.data;
	size_t alloc = b.alloc;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	assert_ptr_equal(b.data, mem); /* memory kept */
	assert_int_equal(b.alloc, alloc);
	assert_int_equal(buf_puts(&b, "again"), 0);
	assert_string_equal(buf_cstr(&b), "again");
	buf_free(&b);
	buf_reset(&b); /* harmless on an empty buffer */
	buf_assert_empty(&b);
}

struct buf_printf_case {
	size_t width; /* of a run of 'x' printed with %s */
	size_t cap;
	int rc;
};

/* Around the 512-byte stack buffer of buf_vprintf, and far beyond it. */
static const struct buf_printf_case buf_printf_cases[] = {
	{0, 100, 0},         {10, 100, 0},      {509, 1000, 0},    {510, 1000, 0},
	{511, 1000, 0},      {512, 1000, 0},    {513, 1000, 0},    {5000, 10000, 0},
	{100000, 200000, 0}, {5000, 5002, 0},   {5000, 5001, ERR_TOOBIG}, {5000, 100, ERR_TOOBIG},
	{600, 602, 0},       {600, 601, ERR_TOOBIG}, {300, 301, ERR_TOOBIG}, {300, 302, 0},
};

static void test_buf_printf(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof buf_printf_cases / sizeof buf_printf_cases[0]; i++) {
		const struct buf_printf_case *c = &buf_printf_cases[i];
		char *text = malloc(c->width + 1);
		assert_non_null(text);
		memset(text, 'x', c->width);
		text[c->width] = 0;
		struct buf b;
		buf_init(&b, c->cap);
		/* "[" + text + "]" is width + 2 bytes, but the first byte is already there. */
		assert_int_equal(buf_puts(&b, "["), 0);
		int rc = buf_printf(&b, "%s]", text);
		if (rc != c->rc)
			fail_msg("width %zu, cap %zu: expected %d, got %d", c->width, c->cap, c->rc, rc);
		if (rc == 0) {
			assert_int_equal(b.len, c->width + 2);
			assert_int_equal(b.data[0], '[');
			assert_memory_equal(b.data + 1, text, c->width);
			assert_int_equal(b.data[c->width + 1], ']');
			assert_int_equal(b.data[c->width + 2], 0);
		} else {
			buf_assert_empty(&b);
		}
		free(text);
		buf_free(&b);
	}
}

static void test_buf_printf_conversions(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	assert_int_equal(buf_printf(&b, "%d|%s|%zu|%lld|%c|%%", -7, "RT 05", (size_t)3, 1LL << 40, 'z'), 0);
	assert_int_equal(buf_printf(&b, "%s", "&<>"), 0); /* no escaping here */
	assert_string_equal(buf_cstr(&b), "-7|RT 05|3|1099511627776|z|%&<>");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_init),
		cmocka_unit_test(test_buf_append_cap),
		cmocka_unit_test(test_buf_binary_and_growth),
		cmocka_unit_test(test_buf_reserve),
		cmocka_unit_test(test_buf_reset),
		cmocka_unit_test(test_buf_printf),
		cmocka_unit_test(test_buf_printf_conversions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
