/* test_name.c: unit tests of name folding for search and duplicate detection (domain/name.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/str.h"
#include "domain/name.h"

struct name_case {
	const char *name, *want;
};

static const struct name_case name_cases[] = {
	/* case folding */
	{"siti", "siti"},
	{"SITI", "siti"},
	{"SiTi AiSyAh", "siti aisyah"},
	{"I Gusti Ngurah Rai", "i gusti ngurah rai"},
	{"Anak Agung 2", "anak agung 2"},
	/* the example of the header */
	{"  Siti  Nur'aini, S.Pd ", "siti nuraini s pd"},
	/* accents */
	{"Jos\xc3\xa9", "jose"},                      /* é */
	{"JOS\xc3\x89", "jose"},                      /* É */
	{"Mu\xc3\xb1oz", "munoz"},                    /* ñ */
	{"MU\xc3\x91OZ", "munoz"},                    /* Ñ */
	{"M\xc3\xbcller", "muller"},                  /* ü */
	{"\xc3\x87" "elik", "celik"},                 /* Ç */
	{"\xc3\xa7" "elik", "celik"},                 /* ç */
	{"\xc3\x98yvind", "oyvind"},                  /* Ø */
	{"\xc5\x81ukasz", "lukasz"},                  /* Ł */
	{"Dvo\xc5\x99\xc3\xa1k", "dvorak"},           /* ř á */
	{"\xc3\x80\xc3\x81\xc3\x82\xc3\x83\xc3\x84\xc3\x85", "aaaaaa"},
	{"Stra\xc3\x9f" "e", "strasse"},              /* ß */
	{"\xc3\x9f", "ss"},
	/* apostrophes */
	{"Nur'aini", "nuraini"},
	{"Nur\xe2\x80\x99" "aini", "nuraini"},        /* ’ */
	{"Nur\xe2\x80\x98" "aini", "nuraini"},        /* ‘ */
	{"Nur\xca\xbc" "aini", "nuraini"},            /* ʼ modifier letter apostrophe */
	{"Nur`aini", "nuraini"},
	{"Ma'ruf Amin", "maruf amin"},
	{"'Aisyah'", "aisyah"},
	{"a ' b", "a b"},
	/* punctuation and white space */
	{"Siti-Aisyah", "siti aisyah"},
	{"Siti--Aisyah", "siti aisyah"},
	{"Siti.,;:!?Aisyah", "siti aisyah"},
	{"siti     aisyah", "siti aisyah"},
	{"siti\taisyah\n", "siti aisyah"},
	{"a\xc3\x97" "b", "a b"},                     /* × is a separator */
	{"(Budi)", "budi"},
	{"   budi", "budi"},
	{"budi   ", "budi"},
	{"  budi  santoso  ", "budi santoso"},
	{"", ""},
	{"   ", ""},
	{"!!!", ""},
	{"''", ""},
	/* characters without an ASCII folding are kept */
	{"\xe7\x8e\x8b\xe8\x8a\xb3", "\xe7\x8e\x8b\xe8\x8a\xb3"},
	{"Ali \xe7\x8e\x8b", "ali \xe7\x8e\x8b"},
	{"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"},
};

static void test_name_normalise(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof name_cases / sizeof name_cases[0]; i++) {
		const struct name_case *c = &name_cases[i];
		char out[128];
		memset(out, 0x7f, sizeof out);
		size_t n = name_normalise(c->name, out, sizeof out);
		if (strcmp(out, c->want) != 0)
			fail_msg("name_normalise(\"%s\"): expected \"%s\", got \"%s\"", c->name, c->want, out);
		assert_int_equal(n, strlen(c->want));
	}
}

/* name_show writes s into out with bytes outside printable ASCII as \xNN, for messages. */
static const char *name_show(const char *s, char *out, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (; *s && o + 5 < n; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7f) {
			out[o++] = (char)c;
		} else {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = 0;
	return out;
}

/* A non-breaking space (U+00A0, common in text pasted from documents) separates words like a
 * space; otherwise "Siti Aisyah" and the same name pasted from a letter are different names. */
static void test_name_nbsp_is_separator(void **state)
{
	(void)state;
	static const struct name_case cases[] = {
		{"Siti\xc2\xa0" "Aisyah", "siti aisyah"},
		{"\xc2\xa0" "Budi\xc2\xa0", "budi"},
		{"Siti \xc2\xa0 Aisyah", "siti aisyah"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[64], shown[2][256];
		name_normalise(cases[i].name, out, sizeof out);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("name_normalise(\"%s\"): expected \"%s\", got \"%s\"",
				 name_show(cases[i].name, shown[0], sizeof shown[0]), cases[i].want,
				 name_show(out, shown[1], sizeof shown[1]));
	}
}

static const char *const name_small_inputs[] = {
	"Siti Nur'aini binti Abdullah",
	"Stra\xc3\x9f\xc3\x9f\xc3\x9f\xc3\x9f" "e",
	"\xe7\x8e\x8b\xe8\x8a\xb3\xe7\x8e\x8b\xe8\x8a\xb3\xe7\x8e\x8b\xe8\x8a\xb3",
	"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80 a \xf0\x9f\x98\x80",
	"a b c d e f g h i j k l m n o p",
	"Jos\xc3\xa9 Mu\xc3\xb1oz M\xc3\xbcller",
};

/* Every output size from 0 up: nothing is written past n, the result is terminated, is a prefix
 * of the full folding and never ends inside a UTF-8 sequence. */
static void test_name_small_buffer(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof name_small_inputs / sizeof name_small_inputs[0]; i++) {
		char full[256];
		size_t full_len = name_normalise(name_small_inputs[i], full, sizeof full);
		assert_int_equal(full_len, strlen(full));
		for (size_t n = 0; n <= full_len + 8; n++) {
			char out[300];
			memset(out, 0x7f, sizeof out);
			size_t got = name_normalise(name_small_inputs[i], out, n);
			for (size_t k = n; k < sizeof out; k++)
				if ((unsigned char)out[k] != 0x7f)
					fail_msg("input %zu, n=%zu: byte %zu written", i, n, k);
			if (n == 0) {
				assert_int_equal(got, 0);
				continue;
			}
			assert_true(got < n);
			assert_int_equal(out[got], 0);
			assert_int_equal(strlen(out), got);
			assert_memory_equal(out, full, got);
			assert_true(str_utf8_valid(out, got));
		}
	}
}

static void test_name_fits_exactly(void **state)
{
	(void)state;
	/* A buffer generously larger than the result holds it all. */
	char out[32];
	assert_int_equal(name_normalise("Budi Santoso", out, sizeof out), 12);
	assert_string_equal(out, "budi santoso");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_normalise),
		cmocka_unit_test(test_name_nbsp_is_separator),
		cmocka_unit_test(test_name_small_buffer),
		cmocka_unit_test(test_name_fits_exactly),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
