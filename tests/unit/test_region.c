/* test_region.c: unit tests of region code shapes, province checks and prefixes (domain/region.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/err.h"
#include "domain/region.h"

#define WHY_SHAPE "Region code must look like 32, 32.73, 32.73.01 or 32.73.01.1001."
#define WHY_PROVINCE "Region code must start with a known province code."

struct region_level_case {
	const char *code;
	int level;
};

static const struct region_level_case region_levels[] = {
	{"32", 1},
	{"32.73", 2},
	{"32.73.01", 3},
	{"32.73.01.1001", 4},
	{"11.01.01.2001", 4},
	{"10", 1}, /* the shape is right even if the province is not */
	/* malformed */
	{"", 0},
	{"3", 0},
	{"320", 0},
	{"32.7", 0},
	{"32.73.1", 0},
	{"32.73.01.100", 0},
	{"32.73.01.10011", 0},
	{"32.73.01.1001.", 0},
	{"32-73", 0},
	{"32.73-01", 0},
	{"32.73.01-1001", 0},
	{"ab", 0},
	{"3a", 0},
	{"ab.73", 0},
	{"32.7a", 0},
	{"32.73.0a", 0},
	{"32.73.01.10a1", 0},
	{"32.73.01.100a", 0},
	{"32.73.0a.1001", 0},
	{"32.7a.01.1001", 0},
	{"3a.73.01.1001", 0},
	{"32.73.01/1001", 0},
	{"32..73", 0},
	{".32", 0},
	{"32.", 0},
	{"3273", 0},
	{"32 73", 0},
};

static void test_region_level(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof region_levels / sizeof region_levels[0]; i++) {
		int got = region_level(region_levels[i].code);
		if (got != region_levels[i].level)
			fail_msg("region_level(\"%s\"): expected %d, got %d", region_levels[i].code,
				 region_levels[i].level, got);
	}
	assert_int_equal(region_level(NULL), 0);
}

struct region_check_case {
	const char *code;
	const char *why; /* NULL: valid */
};

static const struct region_check_case region_checks[] = {
	{"32", NULL},
	{"32.73", NULL},
	{"32.73.01", NULL},
	{"32.73.01.1001", NULL},
	{"96", NULL},
	{"11.01", NULL},
	{"10", WHY_PROVINCE},
	{"20", WHY_PROVINCE},
	{"00.01", WHY_PROVINCE},
	{"99.73.01", WHY_PROVINCE},
	{"20.73.01.1001", WHY_PROVINCE},
	{"", WHY_SHAPE},
	{"3", WHY_SHAPE},
	{"32.7", WHY_SHAPE},
	{"32-73", WHY_SHAPE},
	{"ab", WHY_SHAPE},
	{"32.73.01.100", WHY_SHAPE},
};

static void test_region_check(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof region_checks / sizeof region_checks[0]; i++) {
		const struct region_check_case *c = &region_checks[i];
		const char *why = NULL;
		int rc = region_check(c->code, &why);
		if (c->why == NULL) {
			if (rc != 0)
				fail_msg("\"%s\" rejected: %s", c->code, why ? why : "(no reason)");
			continue;
		}
		if (rc != ERR_INVALID)
			fail_msg("\"%s\": expected ERR_INVALID, got %d", c->code, rc);
		if (why == NULL || strcmp(why, c->why) != 0)
			fail_msg("\"%s\": expected \"%s\", got \"%s\"", c->code, c->why, why ? why : "(null)");
	}
	const char *why = NULL;
	assert_int_equal(region_check(NULL, &why), ERR_INVALID);
	assert_string_equal(why, WHY_SHAPE);
}

struct region_province_case {
	const char *p;
	bool known;
};

static const struct region_province_case region_provinces[] = {
	{"11", true}, {"19", true}, {"21", true}, {"31", true}, {"36", true}, {"51", true},
	{"53", true}, {"61", true}, {"65", true}, {"71", true}, {"76", true}, {"81", true},
	{"82", true}, {"91", true}, {"96", true},
	{"00", false}, {"10", false}, {"20", false}, {"22", false}, {"30", false}, {"37", false},
	{"50", false}, {"54", false}, {"66", false}, {"77", false}, {"83", false}, {"90", false},
	{"97", false}, {"99", false}, {"1a", false}, {"a1", false},
};

static void test_region_province_known(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof region_provinces / sizeof region_provinces[0]; i++)
		if (region_province_known(region_provinces[i].p) != region_provinces[i].known)
			fail_msg("region_province_known(\"%s\") should be %s", region_provinces[i].p,
				 region_provinces[i].known ? "true" : "false");
	/* Exactly 38 two-digit codes are provinces. */
	int count = 0;
	for (int d = 0; d < 100; d++) {
		char p[3] = {(char)('0' + d / 10), (char)('0' + d % 10), 0};
		count += region_province_known(p);
	}
	assert_int_equal(count, 38);
}

struct region_prefix_case {
	const char *code, *prefix;
	bool within;
};

static const struct region_prefix_case region_prefixes[] = {
	{"32", "32", true},
	{"32.73", "32", true},
	{"32.73", "32.73", true},
	{"32.73.01", "32", true},
	{"32.73.01", "32.73", true},
	{"32.73.01.1001", "32.73.01", true},
	{"32.73.01.1001", "32", true},
	{"32.73.01.1001", "32.73.01.1001", true},
	{"32.73", "32.7", false},     /* a string prefix that is not a region prefix */
	{"32.73.01", "32.73.0", false},
	{"32.73.01.1001", "32.73.01.100", false},
	{"327", "32", false},
	{"32", "32.73", false},       /* the province is not within its regency */
	{"33.73", "32", false},
	{"32.74", "32.73", false},
	{"31.73", "32.73", false},
	{"", "32", false},
};

static void test_region_has_prefix(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof region_prefixes / sizeof region_prefixes[0]; i++) {
		const struct region_prefix_case *c = &region_prefixes[i];
		if (region_has_prefix(c->code, c->prefix) != c->within)
			fail_msg("region_has_prefix(\"%s\", \"%s\") should be %s", c->code, c->prefix,
				 c->within ? "true" : "false");
	}
	assert_false(region_has_prefix(NULL, "32"));
}

struct region_key_case {
	const char *text, *key;
};

static const struct region_key_case region_keys[] = {
	{"Cipaganti", "cipaganti"},
	{"  KOTA   Bandung ", "bandung"},
	{"kabupaten bandung barat", "bandung barat"},
	{"Kab. Garut", "garut"},
	{"kab sukabumi", "sukabumi"},
	{"Kota Administrasi Jakarta Pusat", "jakarta pusat"},
	{"Kabupaten Administrasi Kepulauan Seribu", "kepulauan seribu"},
	{"Kota Adm. Jakarta Pusat", "jakarta pusat"},
	{"kab. adm. kepulauan seribu", "kepulauan seribu"},
	{"Kab.Bandung", "bandung"},
	{"Kec. Coblong", "coblong"},
	{"kecamatan  coblong", "coblong"},
	{"Desa Cipaganti", "cipaganti"},
	{"Kel. Cipaganti", "cipaganti"},
	{"Kelurahan Cipaganti", "cipaganti"},
	{"Provinsi Jawa Barat", "jawa barat"},
	{"desaku", "desaku"},       /* the start of a word is no prefix */
	{"kota", "kota"},           /* a word alone is a name's start, not a prefix to drop */
	{"kotabaru", "kotabaru"},   /* nor the start of a word */
	{"Kabupaten", "kabupaten"},
	{"\tSungai\nPenuh", "sungai penuh"},
	{"Ça Va", "Ça va"},         /* only ASCII changes case */
	{"", ""},
	{"   ", ""},
};

static void test_region_find_key(void **state)
{
	(void)state;
	char out[64];
	for (size_t i = 0; i < sizeof region_keys / sizeof region_keys[0]; i++) {
		const struct region_key_case *c = &region_keys[i];
		size_t n = region_find_key(c->text, out, sizeof out);
		if (strcmp(out, c->key) != 0 || n != strlen(c->key))
			fail_msg("region_find_key(\"%s\") gave \"%s\" (%zu), not \"%s\"", c->text, out, n, c->key);
	}
	assert_int_equal(region_find_key(NULL, out, sizeof out), 0);
	assert_string_equal(out, "");
	/* Cut to the room given, still terminated. */
	char small[6];
	assert_int_equal(region_find_key("Cipaganti", small, sizeof small), 5);
	assert_string_equal(small, "cipag");
	assert_int_equal(region_find_key("a b", small, 1), 0);
	assert_string_equal(small, "");
}

static void test_region_find_kind(void **state)
{
	(void)state;
	assert_string_equal(region_find_kind("Kota Bandung"), "Kota %");
	assert_string_equal(region_find_kind("  kota. banjar"), "Kota %");
	assert_string_equal(region_find_kind("Kota Adm. Jakarta"), "Kota %");
	assert_string_equal(region_find_kind("Kabupaten Bandung"), "Kabupaten %");
	assert_string_equal(region_find_kind("kab. garut"), "Kabupaten %");
	assert_string_equal(region_find_kind("KAB SUMEDANG"), "Kabupaten %");
	assert_null(region_find_kind("kotabaru"));
	assert_null(region_find_kind("kabupatenku"));
	assert_null(region_find_kind("kab"));
	assert_null(region_find_kind("bandung"));
	assert_null(region_find_kind(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region_level),
		cmocka_unit_test(test_region_check),
		cmocka_unit_test(test_region_province_known),
		cmocka_unit_test(test_region_has_prefix),
		cmocka_unit_test(test_region_find_key),
		cmocka_unit_test(test_region_find_kind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
