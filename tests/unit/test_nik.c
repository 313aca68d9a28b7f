/* test_nik.c: unit tests of the NIK parser and its agreement check (domain/nik.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/err.h"
#include "domain/nik.h"

#define WHY_LENGTH "NIK must have exactly 16 digits."
#define WHY_DIGITS "NIK may contain digits only."
#define WHY_PROVINCE "NIK digits 1-2 must be a known province code."
#define WHY_DAY "NIK digits 7-8 must be the birth day (1-31, plus 40 for women)."
#define WHY_MONTH "NIK digits 9-10 must be the birth month (01-12)."
#define WHY_SERIAL "NIK digits 13-16 must not be 0000."
#define WHY_MONTH_DAY "NIK digits 7-10 must be a real birth day of that month."
#define WHY_WOMAN "The NIK says this is a woman (birth day plus 40), but the sex entered is male."
#define WHY_MAN "The NIK says this is a man, but the sex entered is female."
#define WHY_DATE "The birth date in the NIK (digits 7-12) differs from the birth date entered."

struct nik_good {
	const char *nik;
	const char *region;
	int day, month, year2;
	char sex;
};

static const struct nik_good nik_goods[] = {
	{"3273011505900001", "32.73.01", 15, 5, 90, 'M'},
	{"3273015505900001", "32.73.01", 15, 5, 90, 'F'}, /* same date, day + 40 */
	{"3171010101000123", "31.71.01", 1, 1, 0, 'M'},    /* first day, year 00 */
	{"3171014101000123", "31.71.01", 1, 1, 0, 'F'},    /* 41: a woman born on the 1st */
	{"1101013112991234", "11.01.01", 31, 12, 99, 'M'}, /* lowest province, last day */
	{"9601017112059999", "96.01.01", 31, 12, 5, 'F'},  /* highest province, 71 */
	{"5171022902040001", "51.71.02", 29, 2, 4, 'M'},
	{"5171026902960001", "51.71.02", 29, 2, 96, 'F'}, /* 29 February 1996 */
	{"5171022902000001", "51.71.02", 29, 2, 0, 'M'},  /* 29 February of 2000 (not of 1900) */
	{"6471030107850010", "64.71.03", 1, 7, 85, 'M'},
};

static void test_nik_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof nik_goods / sizeof nik_goods[0]; i++) {
		const struct nik_good *g = &nik_goods[i];
		struct nik_info info;
		memset(&info, 0x5a, sizeof info);
		const char *why = NULL;
		int rc = nik_parse(g->nik, &info, &why);
		if (rc != 0)
			fail_msg("%s rejected: %s", g->nik, why ? why : "(no reason)");
		assert_string_equal(info.region, g->region);
		assert_int_equal(info.day, g->day);
		assert_int_equal(info.month, g->month);
		assert_int_equal(info.year2, g->year2);
		assert_int_equal(info.sex, g->sex);
	}
}

static void test_nik_valid_without_out(void **state)
{
	(void)state;
	const char *why = NULL;
	assert_int_equal(nik_parse("3273011505900001", NULL, &why), 0);
}

struct nik_bad {
	const char *nik;
	const char *why;
};

static const struct nik_bad nik_bads[] = {
	/* length */
	{"", WHY_LENGTH},
	{"327301150590000", WHY_LENGTH},    /* 15 digits */
	{"32730115059000011", WHY_LENGTH},  /* 17 digits */
	{"3273 011505900001", WHY_LENGTH},
	/* digits only */
	{"32730115059000a1", WHY_DIGITS},
	{"3273-11505900001", WHY_DIGITS},
	{" 273011505900001", WHY_DIGITS},
	{"+273011505900001", WHY_DIGITS},
	{"327301150590000\xd9", WHY_DIGITS},
	/* province */
	{"1073011505900001", WHY_PROVINCE},
	{"2073011505900001", WHY_PROVINCE},
	{"0073011505900001", WHY_PROVINCE},
	{"9973011505900001", WHY_PROVINCE},
	{"3773011505900001", WHY_PROVINCE},
	/* day */
	{"3273010005900001", WHY_DAY},
	{"3273013205900001", WHY_DAY},
	{"3273014005900001", WHY_DAY},
	{"3273017205900001", WHY_DAY},
	{"3273019905900001", WHY_DAY},
	/* month */
	{"3273011500900001", WHY_MONTH},
	{"3273011513900001", WHY_MONTH},
	{"3273015599900001", WHY_MONTH},
	/* serial */
	{"3273013102990001", WHY_MONTH_DAY}, /* 31 February */
	{"3273017102990001", WHY_MONTH_DAY}, /* 31 February, a woman */
	{"3273013002000001", WHY_MONTH_DAY}, /* 30 February */
	{"3273012902010001", WHY_MONTH_DAY}, /* 29 February 1901 or 2001: neither a leap year */
	{"3273016902990001", WHY_MONTH_DAY}, /* 29 February 1999, a woman */
	{"3273013104900001", WHY_MONTH_DAY}, /* 31 April */
	{"3273013111900001", WHY_MONTH_DAY}, /* 31 November */
	{"3273011505900000", WHY_SERIAL},
	{"3273015505900000", WHY_SERIAL},
};

static void test_nik_invalid(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof nik_bads / sizeof nik_bads[0]; i++) {
		const struct nik_bad *b = &nik_bads[i];
		struct nik_info info;
		const char *why = NULL;
		int rc = nik_parse(b->nik, &info, &why);
		if (rc != ERR_INVALID)
			fail_msg("\"%s\": expected ERR_INVALID, got %d", b->nik, rc);
		if (why == NULL || strcmp(why, b->why) != 0)
			fail_msg("\"%s\": expected \"%s\", got \"%s\"", b->nik, b->why, why ? why : "(null)");
	}
}

static void test_nik_null(void **state)
{
	(void)state;
	const char *why = NULL;
	assert_int_equal(nik_parse(NULL, NULL, &why), ERR_INVALID);
	assert_string_equal(why, WHY_LENGTH);
}

struct nik_agree {
	const char *nik;
	char sex;
	const char *birth_date;
	const char *want; /* NULL: they agree */
};

static const struct nik_agree nik_agrees[] = {
	{"3273011505900001", 'M', "1990-05-15", NULL},
	{"3273015505900001", 'F', "1990-05-15", NULL},
	{"3273011505900001", 0, NULL, NULL},     /* nothing entered to compare */
	{"3273011505900001", 'M', NULL, NULL},
	{"3273015505900001", 0, "1990-05-15", NULL},
	{"3171010101000123", 'M', "2000-01-01", NULL},
	{"3171010101000123", 'M', "1900-01-01", NULL}, /* the NIK only knows two digits */
	{"3273011505900001", 'M', "not a date", NULL}, /* an invalid date is checked elsewhere */
	{"3273011505900001", 'X', "1990-05-15", NULL}, /* unknown sex is not compared */
	/* sex */
	{"3273015505900001", 'M', "1990-05-15", WHY_WOMAN},
	{"3273011505900001", 'F', "1990-05-15", WHY_MAN},
	{"3273015505900001", 'M', NULL, WHY_WOMAN},
	/* birth date */
	{"3273011505900001", 'M', "1990-05-16", WHY_DATE}, /* day */
	{"3273011505900001", 'M', "1990-06-15", WHY_DATE}, /* month */
	{"3273011505900001", 'M', "1991-05-15", WHY_DATE}, /* year */
	{"3273011505900001", 'M', "1980-05-15", WHY_DATE},
	{"3273015505900001", 'F', "1990-05-55", NULL},    /* invalid date: not compared */
	{"3273015505900001", 'F', "1990-05-25", WHY_DATE},
	{"3273011505900001", 0, "1990-15-05", NULL},      /* invalid date: not compared */
	{"3273011505900001", 0, "1990-05-01", WHY_DATE},
	{"3273011505900001", 0, "1990-01-05", WHY_DATE},  /* day and month swapped */
};

static void test_nik_mismatch(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof nik_agrees / sizeof nik_agrees[0]; i++) {
		const struct nik_agree *c = &nik_agrees[i];
		struct nik_info info;
		const char *why = NULL;
		assert_int_equal(nik_parse(c->nik, &info, &why), 0);
		const char *got = nik_mismatch(&info, c->sex, c->birth_date);
		if (c->want == NULL && got != NULL)
			fail_msg("case %zu (%s, %c, %s): expected agreement, got \"%s\"", i, c->nik,
				 c->sex ? c->sex : '0', c->birth_date ? c->birth_date : "NULL", got);
		if (c->want != NULL && (got == NULL || strcmp(got, c->want) != 0))
			fail_msg("case %zu (%s): expected \"%s\", got \"%s\"", i, c->nik, c->want,
				 got ? got : "(null)");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nik_valid),
		cmocka_unit_test(test_nik_valid_without_out),
		cmocka_unit_test(test_nik_invalid),
		cmocka_unit_test(test_nik_null),
		cmocka_unit_test(test_nik_mismatch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
