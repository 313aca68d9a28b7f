/* test_str.c: unit tests of the string helpers: UTF-8, trimming, number and date parsing (base/str.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/str.h"

struct utf8_case {
	const char *s;
	size_t n;
	bool valid;
	const char *what;
};

#define U(lit, ok, what) {lit, sizeof(lit) - 1, ok, what}

static const struct utf8_case utf8_cases[] = {
	U("", true, "empty"),
	U("Siti Aisyah", true, "ASCII"),
	U("a\tb\nc\r\n", true, "tab, LF, CR"),
	U("Jos\xc3\xa9", true, "2 bytes: e acute"),
	U("\xc2\x80", true, "2 bytes: lowest"),
	U("\xdf\xbf", true, "2 bytes: highest"),
	U("\xe0\xa0\x80", true, "3 bytes: lowest"),
	U("\xe2\x80\x99", true, "3 bytes: right quote"),
	U("\xe7\x8e\x8b", true, "3 bytes: CJK"),
	U("\xed\x9f\xbf", true, "3 bytes: just below the surrogates"),
	U("\xee\x80\x80", true, "3 bytes: just above the surrogates"),
	U("\xef\xbf\xbf", true, "3 bytes: highest"),
	U("\xf0\x90\x80\x80", true, "4 bytes: lowest"),
	U("\xf0\x9f\x98\x80", true, "4 bytes: emoji"),
	U("\xf4\x8f\xbf\xbf", true, "4 bytes: U+10FFFF"),
	/* overlong forms */
	U("\xc0\xaf", false, "overlong slash, 2 bytes"),
	U("\xc1\xbf", false, "overlong 2 bytes"),
	U("\xc0\x80", false, "overlong NUL"),
	U("\xe0\x80\xaf", false, "overlong slash, 3 bytes"),
	U("\xe0\x9f\xbf", false, "overlong 3 bytes, highest"),
	U("\xf0\x80\x80\xaf", false, "overlong slash, 4 bytes"),
	U("\xf0\x8f\xbf\xbf", false, "overlong 4 bytes, highest"),
	/* surrogates */
	U("\xed\xa0\x80", false, "U+D800"),
	U("\xed\xbf\xbf", false, "U+DFFF"),
	U("\xed\xa0\xbd\xed\xb8\x80", false, "surrogate pair in CESU-8"),
	/* beyond Unicode and impossible bytes */
	U("\xf4\x90\x80\x80", false, "U+110000"),
	U("\xf5\x80\x80\x80", false, "F5 lead"),
	U("\xf8\x88\x80\x80\x80", false, "5 bytes"),
	U("\xfe", false, "FE"),
	U("\xff", false, "FF"),
	/* stray and missing continuation bytes */
	U("\x80", false, "lone continuation"),
	U("a\xbf" "b", false, "continuation inside ASCII"),
	U("\xc3", false, "truncated 2 bytes"),
	U("\xc3" "a", false, "2 bytes, ASCII follows"),
	U("\xe2\x80", false, "truncated 3 bytes"),
	U("\xe2\x80" "a", false, "3 bytes, ASCII follows"),
	U("\xf0\x9f\x98", false, "truncated 4 bytes"),
	U("abc\xf0", false, "lead byte at the end"),
	U("\xc3\xc3\xa9", false, "two lead bytes"),
	/* NUL and control characters */
	U("a\0b", false, "embedded NUL"),
	U("\0", false, "NUL alone"),
	U("a\x01", false, "SOH"),
	U("\x1b[31m", false, "ESC"),
	U("a\bb", false, "backspace"),
	U("\x1f", false, "unit separator"),
	U("a\x0b" "b", false, "vertical tab"),
	U("a\x0c" "b", false, "form feed"),
};

static void test_str_utf8_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof utf8_cases / sizeof utf8_cases[0]; i++) {
		const struct utf8_case *c = &utf8_cases[i];
		if (str_utf8_valid(c->s, c->n) != c->valid)
			fail_msg("%s: expected %s", c->what, c->valid ? "valid" : "invalid");
	}
}

static void test_str_utf8_length_bound(void **state)
{
	(void)state;
	/* Only s[0..n) is looked at: a sequence cut by n is invalid, bytes past n do not count. */
	assert_true(str_utf8_valid("ab\x01", 2));
	assert_false(str_utf8_valid("\xc3\xa9", 1));
	assert_true(str_utf8_valid("\xc3\xa9", 2));
	assert_false(str_utf8_valid("\xf0\x9f\x98\x80", 3));
	assert_true(str_utf8_valid("\xf0\x9f\x98\x80", 0));
}

struct trim_case {
	const char *in, *want;
};

static const struct trim_case trim_cases[] = {
	{"", ""},
	{"a", "a"},
	{"  a", "a"},
	{"a  ", "a"},
	{"  a b  ", "a b"},
	{"\t\n\r\f\va\t\n\r\f\v", "a"},
	{"   ", ""},
	{"\t", ""},
	{"a \t b", "a \t b"},
	{"\xc3\xa9 ", "\xc3\xa9"},
};

static void test_str_trim(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof trim_cases / sizeof trim_cases[0]; i++) {
		char s[32];
		snprintf(s, sizeof s, "%s", trim_cases[i].in);
		char *t = str_trim(s);
		if (strcmp(t, trim_cases[i].want) != 0)
			fail_msg("str_trim(\"%s\"): expected \"%s\", got \"%s\"", trim_cases[i].in,
				 trim_cases[i].want, t);
		/* The result lies within s. */
		assert_true(t >= s && t <= s + strlen(trim_cases[i].in));
	}
}

static void test_str_empty(void **state)
{
	(void)state;
	assert_true(str_empty(NULL));
	assert_true(str_empty(""));
	assert_true(str_empty(" \t\r\n"));
	assert_false(str_empty(" a "));
	assert_false(str_empty("0"));
}

struct parse_case {
	const char *s;
	long min, max;
	int rc;
	long want;
};

static const struct parse_case parse_cases[] = {
	{"0", 0, 10, 0, 0},
	{"7", 0, 10, 0, 7},
	{"007", 0, 10, 0, 7},
	{"10", 0, 10, 0, 10},   /* max is included */
	{"0", 0, 10, 0, 0},     /* min is included */
	{"-5", -10, 10, 0, -5},
	{"-10", -10, 10, 0, -10},
	{"11", 0, 10, ERR_INVALID, 0},
	{"-1", 0, 10, ERR_INVALID, 0},
	{"-11", -10, 10, ERR_INVALID, 0},
	{"9223372036854775807", LONG_MIN, LONG_MAX, 0, LONG_MAX},
	{"-9223372036854775808", LONG_MIN, LONG_MAX, 0, LONG_MIN},
	{"9223372036854775808", LONG_MIN, LONG_MAX, ERR_INVALID, 0},
	{"-9223372036854775809", LONG_MIN, LONG_MAX, ERR_INVALID, 0},
	{"99999999999999999999999", LONG_MIN, LONG_MAX, ERR_INVALID, 0},
	/* garbage */
	{"", 0, 10, ERR_INVALID, 0},
	{"-", 0, 10, ERR_INVALID, 0},
	{"--5", -10, 10, ERR_INVALID, 0},
	{"+5", 0, 10, ERR_INVALID, 0},
	{" 5", 0, 10, ERR_INVALID, 0},
	{"5 ", 0, 10, ERR_INVALID, 0},
	{"5a", 0, 10, ERR_INVALID, 0},
	{"a5", 0, 10, ERR_INVALID, 0},
	{"0x5", 0, 10, ERR_INVALID, 0},
	{"5.0", 0, 10, ERR_INVALID, 0},
	{"1e1", 0, 100, ERR_INVALID, 0},
	{"5-", 0, 10, ERR_INVALID, 0},
	{"\xd9\xa5", 0, 10, ERR_INVALID, 0}, /* Arabic-Indic five */
};

static void test_str_parse_long(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
		const struct parse_case *c = &parse_cases[i];
		long out = 12345;
		int rc = str_parse_long(c->s, c->min, c->max, &out);
		if (rc != c->rc)
			fail_msg("str_parse_long(\"%s\", %ld, %ld): expected %d, got %d", c->s, c->min,
				 c->max, c->rc, rc);
		if (rc == 0 && out != c->want)
			fail_msg("str_parse_long(\"%s\"): expected %ld, got %ld", c->s, c->want, out);
		if (rc != 0 && out != 12345)
			fail_msg("str_parse_long(\"%s\") wrote %ld on failure", c->s, out);
	}
	long out = 1;
	assert_int_equal(str_parse_long(NULL, 0, 10, &out), ERR_INVALID);
	assert_int_equal(out, 1);
}

static void test_str_all_digits(void **state)
{
	(void)state;
	assert_true(str_all_digits("0"));
	assert_true(str_all_digits("0123456789"));
	assert_false(str_all_digits(""));
	assert_false(str_all_digits(NULL));
	assert_false(str_all_digits("-1"));
	assert_false(str_all_digits("12 "));
	assert_false(str_all_digits("1a"));
}

static void test_str_hex_eq(void **state)
{
	(void)state;
	const unsigned char bytes[] = {0x00, 0x01, 0x7f, 0x80, 0xab, 0xff};
	char out[2 * sizeof bytes + 1];
	str_hex(bytes, sizeof bytes, out);
	assert_string_equal(out, "00017f80abff");
	str_hex(bytes, 0, out);
	assert_string_equal(out, "");

	assert_true(str_eq(NULL, NULL));
	assert_true(str_eq("a", "a"));
	assert_true(str_eq("", ""));
	assert_false(str_eq("a", NULL));
	assert_false(str_eq(NULL, "a"));
	assert_false(str_eq("", NULL));
	assert_false(str_eq("a", "ab"));
}

struct date_case {
	const char *s;
	bool valid;
};

static const struct date_case date_cases[] = {
	{"2024-01-01", true},
	{"2024-12-31", true},
	{"2024-02-29", true},  /* divisible by 4 */
	{"2023-02-28", true},
	{"2023-02-29", false},
	{"2000-02-29", true},  /* divisible by 400 */
	{"1900-02-29", false}, /* divisible by 100 */
	{"2100-02-29", false},
	{"2024-02-30", false},
	{"2024-04-30", true},
	{"2024-04-31", false},
	{"2024-06-31", false},
	{"2024-09-31", false},
	{"2024-11-31", false},
	{"2024-01-31", true},
	{"2024-03-31", true},
	{"2024-07-31", true},
	{"2024-08-31", true},
	{"2024-10-31", true},
	{"2024-00-10", false},
	{"2024-13-01", false},
	{"2024-01-00", false},
	{"2024-01-32", false},
	{"1990-05-15", true},
	/* bad formats */
	{"", false},
	{"2024-2-29", false},
	{"2024-02-9", false},
	{"24-02-29", false},
	{"2024/02/29", false},
	{"2024.02.29", false},
	{"20240229", false},
	{"2024-02-29 ", false},
	{" 2024-02-29", false},
	{"2024-02-29T00:00:00Z", false},
	{"29-02-2024", false},
	{"2024-0a-01", false},
	{"2024-01-0a", false},
	{"abcd-01-01", false},
	{"2024--1-01", false},
	{"2024-+1-01", false},
};

static void test_str_date_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof date_cases / sizeof date_cases[0]; i++)
		if (str_date_valid(date_cases[i].s) != date_cases[i].valid)
			fail_msg("str_date_valid(\"%s\") should be %s", date_cases[i].s,
				 date_cases[i].valid ? "true" : "false");
	assert_false(str_date_valid(NULL));
}

static void test_str_utf8_next(void **state)
{
	(void)state;
	const char *s = "a\xc3\xa9\xe2\x80\x94\xf0\x9f\x98\x80";
	assert_int_equal(str_utf8_next(&s), 'a');
	assert_int_equal(str_utf8_next(&s), 0xe9);    /* é */
	assert_int_equal(str_utf8_next(&s), 0x2014);  /* — */
	assert_int_equal(str_utf8_next(&s), 0x1f600); /* an emoji */
	assert_int_equal(str_utf8_next(&s), 0);
	assert_int_equal(str_utf8_next(&s), 0); /* stays at the end */
	/* A sequence cut short, or a stray continuation byte: one byte at a time, never past the end. */
	const char *cut = "\xe2\x80";
	assert_int_equal(str_utf8_next(&cut), 0xe2);
	assert_int_equal(str_utf8_next(&cut), 0x80);
	assert_int_equal(str_utf8_next(&cut), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_str_utf8_valid),
		cmocka_unit_test(test_str_utf8_next),
		cmocka_unit_test(test_str_utf8_length_bound),
		cmocka_unit_test(test_str_trim),
		cmocka_unit_test(test_str_empty),
		cmocka_unit_test(test_str_parse_long),
		cmocka_unit_test(test_str_all_digits),
		cmocka_unit_test(test_str_hex_eq),
		cmocka_unit_test(test_str_date_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
