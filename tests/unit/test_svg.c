/* test_svg.c: unit tests of the report pictures: the SVG writer, genogram, ecomap and line chart (report/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/str.h"
#include "report/chart.h"
#include "report/ecomap.h"
#include "report/genogram.h"
#include "report/svg.h"

/* ---- A tiny XML checker: enough to prove the pictures are well-formed. ---- */

static bool xml_name_char(char c, bool first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':')
		return true;
	return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
}

/* xml_entity tells how long the entity at s ("&...;") is, 0 when it is not one we write. */
static size_t xml_entity(const char *s)
{
	static const char *const named[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&apos;"};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strncmp(s, named[i], strlen(named[i])) == 0)
			return strlen(named[i]);
	return 0;
}

/* xml_check returns NULL when doc is one well-formed element with only whitespace around it, every
 * attribute quoted, no raw '<', '>' or bare '&' in text or attribute values, and valid UTF-8;
 * otherwise a message saying what is wrong. where gets the offset of the problem. */
static const char *xml_check(const char *doc, size_t *where)
{
	const char *stack[64];
	size_t stack_len[64];
	int depth = 0;
	bool root_done = false, root_seen = false;
	const char *p = doc;
	*where = 0;
	if (!str_utf8_valid(doc, strlen(doc)))
		return "not valid UTF-8 (or a control character)";
	while (*p) {
		*where = (size_t)(p - doc);
		if (*p != '<') {
			if (depth == 0 && *p != ' ' && *p != '\n')
				return "text outside the root element";
			if (*p == '>')
				return "raw '>' in text";
			if (*p == '&') {
				size_t n = xml_entity(p);
				if (n == 0)
					return "bare '&' in text";
				p += n;
				continue;
			}
			p++;
			continue;
		}
		if (p[1] == '/') {
			const char *name = p + 2;
			size_t n = 0;
			while (xml_name_char(name[n], n == 0))
				n++;
			if (n == 0 || name[n] != '>')
				return "malformed closing tag";
			if (depth == 0 || stack_len[depth - 1] != n || strncmp(stack[depth - 1], name, n) != 0)
				return "closing tag does not match the open element";
			depth--;
			if (depth == 0)
				root_done = true;
			p = name + n + 1;
			continue;
		}
		if (root_done)
			return "a second root element";
		const char *name = p + 1;
		size_t n = 0;
		while (xml_name_char(name[n], n == 0))
			n++;
		if (n == 0)
			return "raw '<' or malformed tag";
		if (!root_seen && strncmp(name, "svg", n) != 0)
			return "the root is not <svg>";
		root_seen = true;
		p = name + n;
		for (;;) {
			bool space = false;
			while (*p == ' ' || *p == '\n') {
				p++;
				space = true;
			}
			if (*p == '>' || (p[0] == '/' && p[1] == '>'))
				break;
			if (!space)
				return "attributes not separated by a space";
			size_t an = 0;
			while (xml_name_char(p[an], an == 0))
				an++;
			if (an == 0 || p[an] != '=')
				return "attribute without a value";
			p += an + 1;
			char quote = *p;
			if (quote != '"' && quote != '\'')
				return "unquoted attribute value";
			p++;
			while (*p != quote) {
				if (*p == 0 || *p == '<')
					return "'<' or end of text inside an attribute value";
				if (*p == '&') {
					size_t en = xml_entity(p);
					if (en == 0)
						return "bare '&' in an attribute value";
					p += en;
					continue;
				}
				p++;
			}
			p++;
		}
		if (*p == '/') {
			p += 2;
			if (depth == 0)
				root_done = true;
			continue;
		}
		if (depth == 64)
			return "nested too deep";
		stack[depth] = name;
		stack_len[depth] = n;
		depth++;
		p++;
	}
	*where = (size_t)(p - doc);
	if (!root_seen || depth != 0)
		return "unclosed elements";
	return NULL;
}

/* assert_picture fails unless doc is well-formed and carries no inline style. */
static void assert_picture(const char *doc)
{
	size_t where;
	const char *why = xml_check(doc, &where);
	if (why)
		fail_msg("not well-formed at %zu (%s): ...%.60s", where, why, doc + where);
	if (strstr(doc, "style"))
		fail_msg("inline style found: %s", strstr(doc, "style"));
	if (strncmp(doc, "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 40) != 0)
		fail_msg("does not start as a standalone SVG: %.60s", doc);
}

static int count(const char *hay, const char *needle)
{
	int k = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		k++;
	return k;
}

static void test_xml_checker(void **state)
{
	(void)state;
	size_t where;
	assert_null(xml_check("<svg a=\"1\"><g/><text>a &amp; b</text></svg>\n", &where));
	assert_non_null(xml_check("<svg><g></svg>", &where));
	assert_non_null(xml_check("<svg>a < b</svg>", &where));
	assert_non_null(xml_check("<svg>a & b</svg>", &where));
	assert_non_null(xml_check("<svg>a > b</svg>", &where));
	assert_non_null(xml_check("<svg a=1></svg>", &where));
	assert_non_null(xml_check("<svg a=\"<\"></svg>", &where));
	assert_non_null(xml_check("<svg></svg><svg></svg>", &where));
	assert_non_null(xml_check("<svg a=\"1\"b=\"2\"></svg>", &where));
	assert_non_null(xml_check("<svg>\xff</svg>", &where));
	assert_non_null(xml_check("<html></html>", &where));
}

/* ---- svg ---- */

struct escape_case {
	const char *in;
	const char *want;
};

static const struct escape_case escape_cases[] = {
	{"plain", "plain"},
	{"&<>\"'", "&amp;&lt;&gt;&quot;&#39;"},
	{"<script>&\"'", "&lt;script&gt;&amp;&quot;&#39;"},
	{"&amp;", "&amp;amp;"},
	{"", ""},
	{"Jos\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80", "Jos\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80"}, /* 2, 3, 4 bytes */
	{"a\xff" "b", "a\xef\xbf\xbd" "b"},            /* not UTF-8 */
	{"a\xe2\x82", "a\xef\xbf\xbd\xef\xbf\xbd"},      /* cut short */
	{"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"},        /* overlong '/' */
	{"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* a surrogate */
	{"\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"}, /* above U+10FFFF */
	{"x\xef\xbf\xbfy", "x\xef\xbf\xbdy"},          /* U+FFFF, not an XML character */
	{"a\x01\x1b" "b\tc\nd\re", "ab\tc\nd\re"},      /* C0 controls dropped, tab LF CR kept */
	{"\x7f", "\x7f"},
};

static void test_svg_escape(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof escape_cases / sizeof escape_cases[0]; i++) {
		struct buf b;
		buf_init(&b, 1000);
		assert_int_equal(svg_escape(&b, escape_cases[i].in), 0);
		if (strcmp(buf_cstr(&b), escape_cases[i].want) != 0)
			fail_msg("case %zu: expected \"%s\", got \"%s\"", i, escape_cases[i].want, buf_cstr(&b));
		buf_free(&b);
	}
	struct buf b;
	buf_init(&b, 1000);
	assert_int_equal(svg_escape(&b, NULL), 0);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
	/* Past the cap: ERR_TOOBIG and nothing left. */
	buf_init(&b, 8);
	assert_int_equal(svg_escape(&b, "<<<"), ERR_TOOBIG);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

struct number_case {
	double v;
	const char *want;
};

static const struct number_case number_cases[] = {
	{0, "0.0"}, {1, "1.0"}, {12.34, "12.3"}, {12.36, "12.4"}, {-3, "-3.0"}, {-0.04, "0.0"},
	{-0.06, "-0.1"}, {2.25, "2.3"}, {-2.25, "-2.3"}, {99.99, "100.0"}, {1e12, "1000000000000.0"},
	{123456.78, "123456.8"},
};

static void test_svg_number(void **state)
{
	(void)state;
	/* Numbers are the same whatever the locale (a comma locale would break the drawing). */
	const char *saved = setlocale(LC_NUMERIC, NULL);
	char keep[64];
	snprintf(keep, sizeof keep, "%s", saved ? saved : "C");
	if (setlocale(LC_NUMERIC, "id_ID.UTF-8") == NULL)
		setlocale(LC_NUMERIC, "de_DE.UTF-8");
	for (size_t i = 0; i < sizeof number_cases / sizeof number_cases[0]; i++) {
		struct buf b;
		buf_init(&b, 100);
		assert_int_equal(svg_number(&b, number_cases[i].v), 0);
		if (strcmp(buf_cstr(&b), number_cases[i].want) != 0)
			fail_msg("case %zu: expected %s, got %s", i, number_cases[i].want, buf_cstr(&b));
		buf_free(&b);
	}
	setlocale(LC_NUMERIC, keep);
	struct buf b;
	buf_init(&b, 100);
	assert_int_equal(svg_number(&b, NAN), ERR_INVALID);
	assert_int_equal(svg_number(&b, INFINITY), ERR_INVALID);
	assert_int_equal(svg_number(&b, -INFINITY), ERR_INVALID);
	assert_int_equal(svg_number(&b, 1.5e12), ERR_INVALID);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

static void test_svg_printf(void **state)
{
	(void)state;
	struct buf b;
	const char *volatile nothing = NULL; /* %s of NULL writes nothing (hidden from -Wformat) */
	buf_init(&b, 1000);
	assert_int_equal(svg_printf(&b, "<a x=\"%f\" n=\"%d\" t=\"%s\">%s%%</a>", 1.25, -7, "\"q\"", nothing), 0);
	assert_string_equal(buf_cstr(&b), "<a x=\"1.3\" n=\"-7\" t=\"&quot;q&quot;\">%</a>");
	buf_reset(&b);
	assert_int_equal(svg_printf(&b, "%x", 1), ERR_INVALID); /* not one of ours */
	buf_free(&b);
	buf_init(&b, 5);
	assert_int_equal(svg_printf(&b, "ab%scd", "xyz"), ERR_TOOBIG);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void test_svg_begin_end(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10000);
	assert_int_equal(svg_begin(&b, 300, 200, "Tom & <Jerry>"), 0);
	assert_int_equal(svg_end(&b), 0);
	const char *s = buf_cstr(&b);
	assert_picture(s);
	assert_non_null(strstr(s, " width=\"300\" height=\"200\" viewBox=\"0 0 300 200\" role=\"img\" aria-labelledby=\"svg-"));
	assert_non_null(strstr(s, ">Tom &amp; &lt;Jerry&gt;</title>"));
	/* aria-labelledby names the title's id. */
	const char *lab = strstr(s, "aria-labelledby=\"") + 17;
	const char *tid = strstr(s, "<title id=\"") + 11;
	assert_memory_equal(lab, tid, 13);
	assert_int_equal(lab[12], '"');
	/* A second picture in the same buffer gets another id. */
	char first[16];
	memcpy(first, lab, 12);
	first[12] = 0;
	assert_int_equal(svg_begin(&b, 300, 200, "Tom & <Jerry>"), 0);
	assert_int_equal(count(buf_cstr(&b), first), 2);
	buf_free(&b);

	buf_init(&b, 10000);
	assert_int_equal(svg_begin(&b, 0, 10, "t"), ERR_INVALID);
	assert_int_equal(svg_begin(&b, 10, -1, "t"), ERR_INVALID);
	assert_int_equal(svg_begin(&b, SVG_MAX_SIDE + 1, 10, "t"), ERR_INVALID);
	assert_int_equal(b.len, 0);
	assert_int_equal(svg_begin(&b, 10, 10, NULL), 0);
	assert_int_equal(svg_end(&b), 0);
	assert_picture(buf_cstr(&b));
	buf_free(&b);
}

static void test_svg_text(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1000);
	assert_int_equal(svg_text(&b, 1.25, 20, "c", "middle", "a<b"), 0);
	assert_string_equal(buf_cstr(&b), "<text x=\"1.3\" y=\"20.0\" class=\"c\" text-anchor=\"middle\">a&lt;b</text>");
	buf_reset(&b);
	assert_int_equal(svg_text(&b, 0, 0, NULL, NULL, NULL), 0);
	assert_string_equal(buf_cstr(&b), "<text x=\"0.0\" y=\"0.0\"></text>");
	buf_reset(&b);
	assert_int_equal(svg_text(&b, 0, 0, "\"x", NULL, "t"), 0);
	assert_string_equal(buf_cstr(&b), "<text x=\"0.0\" y=\"0.0\" class=\"&quot;x\">t</text>");
	buf_free(&b);
}

struct wrap_case {
	const char *text;
	int chars, lines;
	int want_lines;
	const char *want; /* the output after the opening <text ...> tag */
};

static const struct wrap_case wrap_cases[] = {
	{"Budi", 16, 2, 1, "Budi</text>"},
	{"", 16, 2, 1, "</text>"},
	{"  Budi  ", 16, 2, 1, "Budi</text>"},
	{"Dewi Lestari Kusumawardhani", 16, 2, 2,
	 "<tspan x=\"0.0\" y=\"10.0\">Dewi Lestari</tspan><tspan x=\"0.0\" y=\"24.0\">Kusumawardhani</tspan></text>"},
	{"Dewi Lestari Kusumawardhani", 16, 1, 1,
	 "<title>Dewi Lestari Kusumawardhani</title>Dewi Lestari Ku\xe2\x80\xa6</text>"},
	{"Abcdefghijklmnopqrstu", 8, 2, 2,
	 "<title>Abcdefghijklmnopqrstu</title><tspan x=\"0.0\" y=\"10.0\">Abcdefgh</tspan>"
	 "<tspan x=\"0.0\" y=\"24.0\">ijklmno\xe2\x80\xa6</tspan></text>"},
	{"a & b", 3, 2, 2, "<tspan x=\"0.0\" y=\"10.0\">a &amp;</tspan><tspan x=\"0.0\" y=\"24.0\">b</tspan></text>"},
	/* Multibyte characters count as one and are never cut in half. */
	{"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3, 1, 1,
	 "<title>\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9</title>\xc3\xa9\xc3\xa9\xe2\x80\xa6</text>"},
	{"\xc3\xa9\xc3\xa9\xc3\xa9", 3, 1, 1, "\xc3\xa9\xc3\xa9\xc3\xa9</text>"},
};

static void test_svg_text_wrap(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof wrap_cases / sizeof wrap_cases[0]; i++) {
		const struct wrap_case *c = &wrap_cases[i];
		struct buf b;
		buf_init(&b, 1000);
		assert_int_equal(svg_text_wrap(&b, 0, 10, 14, NULL, NULL, c->text, c->chars, c->lines), 0);
		const char *open = "<text x=\"0.0\" y=\"10.0\">";
		const char *s = buf_cstr(&b);
		if (strncmp(s, open, strlen(open)) != 0 || strcmp(s + strlen(open), c->want) != 0)
			fail_msg("case %zu: expected %s%s, got %s", i, open, c->want, s);
		if (svg_wrap_count(c->text, c->chars, c->lines) != c->want_lines)
			fail_msg("case %zu: expected %d lines, counted %d", i, c->want_lines,
				 svg_wrap_count(c->text, c->chars, c->lines));
		assert_true(str_utf8_valid(s, strlen(s)));
		buf_free(&b);
	}
	struct buf b;
	buf_init(&b, 1000);
	assert_int_equal(svg_text_wrap(&b, 0, 0, 14, NULL, NULL, "x", 1, 1), ERR_INVALID);
	assert_int_equal(svg_text_wrap(&b, 0, 0, 14, NULL, NULL, "x", 10, 0), ERR_INVALID);
	assert_int_equal(svg_text_wrap(&b, 0, 0, 14, NULL, NULL, "x", 10, SVG_MAX_LINES + 1), ERR_INVALID);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* ---- genogram ---- */

static const char *const geno_legend[7] = {"Menikah", "Bercerai", "Berpisah", "Orang tua - anak",
					   "Konflik", "Dekat", "Putus hubungan"};

/* Three generations, eleven people, every kind of line. */
static const struct geno_person family[] = {
	{"gpa", "Ahmad Yusuf", GENO_MALE, 1945, true, -1, false},
	{"gma", "Siti Aminah", GENO_FEMALE, 1950, false, -1, false},
	{"dad", "Bambang", GENO_MALE, 1972, false, 0, false},
	{"mom", "Ratna Sari", GENO_FEMALE, 1975, false, 0, true},
	{"unc", "Hendra", GENO_MALE, 1976, true, 0, false},
	{"aun", "Yuli", GENO_FEMALE, 1980, false, 0, false},
	{"x", "<script>&\"'", GENO_UNKNOWN, 0, false, 0, false},
	{"k1", "Dimas", GENO_MALE, 2000, false, 1, false},
	{"k2", "Intan", GENO_FEMALE, 2004, false, 1, false},
	{"k3", "Fajar", GENO_MALE, 2010, false, 1, false},
	{"k4", "Bayu", GENO_MALE, 2012, false, 1, false},
};

static const struct geno_link family_links[] = {
	{"gpa", "gma", GENO_MARRIED},
	{"gpa", "mom", GENO_PARENT}, {"gma", "mom", GENO_PARENT},
	{"gpa", "unc", GENO_PARENT}, {"gma", "unc", GENO_PARENT},
	{"dad", "mom", GENO_MARRIED}, {"unc", "aun", GENO_SEPARATED}, {"aun", "x", GENO_DIVORCED},
	{"dad", "k1", GENO_PARENT}, {"mom", "k1", GENO_PARENT},
	{"dad", "k2", GENO_PARENT}, {"mom", "k2", GENO_PARENT},
	{"dad", "k3", GENO_PARENT}, {"mom", "k3", GENO_PARENT},
	{"unc", "k4", GENO_PARENT}, {"aun", "k4", GENO_PARENT},
	{"mom", "k1", GENO_CONFLICT}, {"k2", "k3", GENO_CLOSE}, {"dad", "gpa", GENO_CUTOFF},
};

#define NFAMILY ((int)(sizeof family / sizeof family[0]))
#define NFAMILY_LINKS ((int)(sizeof family_links / sizeof family_links[0]))

/* render_genogram draws the family with the given links into a fresh string (free it). */
static char *render_genogram(const struct geno_link *links, int nlinks)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	int rc = genogram_svg(&b, family, NFAMILY, links, nlinks, "Keluarga <Ratna> & co", geno_legend);
	if (rc != 0)
		fail_msg("genogram_svg: %d", rc);
	char *s = strdup(buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* text_at finds the <text> whose content is exactly text and reads its x and y. */
static bool text_at(const char *doc, const char *text, double *x, double *y)
{
	char want[128];
	snprintf(want, sizeof want, ">%s</text>", text);
	const char *end = strstr(doc, want);
	if (end == NULL)
		return false;
	const char *open = end;
	while (open > doc && strncmp(open, "<text ", 6) != 0)
		open--;
	const char *px = strstr(open, " x=\""), *py = strstr(open, " y=\"");
	if (px == NULL || py == NULL || px > end || py > end)
		return false;
	*x = strtod(px + 4, NULL);
	*y = strtod(py + 4, NULL);
	return true;
}

static void test_genogram_family(void **state)
{
	(void)state;
	char *s = render_genogram(family_links, NFAMILY_LINKS);
	assert_picture(s);
	/* Everyone appears, with the birth year when known. */
	for (int i = 0; i < NFAMILY; i++) {
		if (i == 6)
			continue;
		char want[64];
		snprintf(want, sizeof want, ">%s</text>", family[i].name);
		if (strstr(s, want) == NULL)
			fail_msg("%s is missing", family[i].name);
		snprintf(want, sizeof want, ">%d</text>", family[i].birth_year);
		if (strstr(s, want) == NULL)
			fail_msg("the birth year of %s is missing", family[i].name);
	}
	assert_int_equal(count(s, "class=\"geno-person\""), NFAMILY);
	assert_int_equal(count(s, "<rect class=\"geno-person\""), 6);
	assert_int_equal(count(s, "<circle class=\"geno-person\""), 4);
	assert_int_equal(count(s, "<polygon class=\"geno-person\""), 1);
	/* The client has a double outline: a second, larger circle on the same centre. */
	assert_int_equal(count(s, "class=\"geno-client\""), 1);
	const char *outer = strstr(s, "<circle class=\"geno-client\" cx=\"");
	assert_non_null(outer);
	char centre[64];
	const char *cx = outer + strlen("<circle class=\"geno-client\" ");
	const char *r = strstr(cx, " r=\"");
	snprintf(centre, sizeof centre, "<circle class=\"geno-person\" %.*s r=\"20.0\"/>", (int)(r - cx), cx);
	assert_non_null(strstr(s, centre));
	assert_non_null(strstr(outer, " r=\"25.0\"/>"));
	/* The deceased (Ahmad Yusuf and Hendra) are crossed out. */
	assert_int_equal(count(s, "class=\"geno-deceased\""), 2);
	/* The hostile name is escaped, in the drawing and in the title. */
	assert_non_null(strstr(s, "&lt;script&gt;&amp;&quot;&#39;"));
	assert_null(strstr(s, "<script"));
	assert_non_null(strstr(s, "Keluarga &lt;Ratna&gt; &amp; co"));
	/* The legend shows every label; conflict is red, closeness green. */
	for (int k = 0; k < 7; k++)
		assert_non_null(strstr(s, geno_legend[k]));
	assert_non_null(strstr(s, "stroke=\"" SVG_RED "\""));
	assert_non_null(strstr(s, "stroke=\"#1b7f4c\""));
	/* Generations go down the page; people of one row stand apart; children under parents. */
	double gx, gy, mx, my, kx, ky, dx, dy, bx, by;
	assert_true(text_at(s, "Ahmad Yusuf", &gx, &gy));
	assert_true(text_at(s, "Ratna Sari", &mx, &my));
	assert_true(text_at(s, "Bambang", &dx, &dy));
	assert_true(text_at(s, "Intan", &kx, &ky));
	assert_true(text_at(s, "Bayu", &bx, &by));
	assert_true(gy < my && my < ky);
	assert_true(fabs(dy - my) <= 5 && fabs(dx - mx) >= 120); /* the client's name sits 5 lower */
	assert_true(by == ky);
	double xs[4];
	const char *kids[4] = {"Dimas", "Intan", "Fajar", "Bayu"};
	for (int i = 0; i < 4; i++) {
		double y;
		assert_true(text_at(s, kids[i], &xs[i], &y));
		assert_true(y == ky);
		for (int j = 0; j < i; j++)
			assert_true(fabs(xs[i] - xs[j]) >= 120);
	}
	/* Siblings oldest first, left to right. */
	assert_true(xs[0] < xs[1] && xs[1] < xs[2]);
	/* Bambang and Ratna's children sit under them, between the couple's ends widened by a gap. */
	for (int i = 0; i < 3; i++)
		assert_true(xs[i] > fmin(dx, mx) - 300 && xs[i] < fmax(dx, mx) + 300);
	/* The same input draws the same picture. */
	char *again = render_genogram(family_links, NFAMILY_LINKS);
	assert_string_equal(s, again);
	free(again);
	free(s);
}

static void test_genogram_skips_bad_links(void **state)
{
	(void)state;
	char *plain = render_genogram(family_links, NFAMILY_LINKS);
	struct geno_link more[NFAMILY_LINKS + 6];
	memcpy(more, family_links, sizeof family_links);
	more[NFAMILY_LINKS + 0] = (struct geno_link){"nobody", "mom", GENO_CONFLICT};
	more[NFAMILY_LINKS + 1] = (struct geno_link){"dad", "ghost", GENO_PARENT};
	more[NFAMILY_LINKS + 2] = (struct geno_link){NULL, "dad", GENO_MARRIED};
	more[NFAMILY_LINKS + 3] = (struct geno_link){"dad", "dad", GENO_CLOSE};
	more[NFAMILY_LINKS + 4] = (struct geno_link){"k1", "dad", GENO_PARENT}; /* a child cannot be a parent */
	more[NFAMILY_LINKS + 5] = (struct geno_link){"dad", "mom", (enum geno_rel)99};
	char *with = render_genogram(more, NFAMILY_LINKS + 6);
	assert_string_equal(plain, with);
	free(with);
	free(plain);
}

static void test_genogram_small_families(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	/* No one at all: a title and a legend. */
	assert_int_equal(genogram_svg(&b, NULL, 0, NULL, 0, "Kosong", geno_legend), 0);
	assert_picture(buf_cstr(&b));
	assert_non_null(strstr(buf_cstr(&b), ">Kosong</text>"));
	buf_free(&b);
	/* One person, no name; a legend without some labels. */
	const struct geno_person one = {"a", NULL, GENO_UNKNOWN, 0, true, 2, true};
	const char *const partial[7] = {"Menikah", NULL, NULL, NULL, NULL, NULL, "Putus"};
	assert_int_equal(genogram_svg(&b, &one, 1, NULL, 0, "Satu", partial), 0);
	assert_picture(buf_cstr(&b));
	assert_null(strstr(buf_cstr(&b), "Bercerai"));
	assert_non_null(strstr(buf_cstr(&b), ">Putus</text>"));
	assert_int_equal(count(buf_cstr(&b), "geno-deceased"), 1);
	buf_free(&b);
	/* Two parents who never married are still joined (dashed) with their child under them. */
	const struct geno_person trio[] = {
		{"m", "Ibu", GENO_FEMALE, 1990, false, 0, false},
		{"f", "Ayah", GENO_MALE, 1988, false, 0, false},
		{"c", "Anak", GENO_FEMALE, 2015, false, 1, true},
	};
	const struct geno_link trio_links[] = {{"m", "c", GENO_PARENT}, {"f", "c", GENO_PARENT}};
	assert_int_equal(genogram_svg(&b, trio, 3, trio_links, 2, "Tiga", geno_legend), 0);
	assert_picture(buf_cstr(&b));
	assert_int_equal(count(buf_cstr(&b), "stroke-dasharray=\"5 4\""), 1);
	double mx, my, fx, fy, cx, cy;
	assert_true(text_at(buf_cstr(&b), "Ibu", &mx, &my));
	assert_true(text_at(buf_cstr(&b), "Ayah", &fx, &fy));
	assert_true(text_at(buf_cstr(&b), "Anak", &cx, &cy));
	assert_true(fx < mx);                          /* the man on the left */
	assert_true(fabs(cx - (mx + fx) / 2) < 1e-6); /* the child centred under them */
	buf_free(&b);
}

static void test_genogram_limits(void **state)
{
	(void)state;
	static struct geno_person many[GENO_MAX_PEOPLE + 1];
	static char ids[GENO_MAX_PEOPLE + 1][8];
	for (int i = 0; i <= GENO_MAX_PEOPLE; i++) {
		snprintf(ids[i], sizeof ids[i], "p%d", i);
		many[i] = (struct geno_person){ids[i], ids[i], i % 2 ? GENO_MALE : GENO_FEMALE, 1950 + i, false, i % 5 - 2, false};
	}
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(genogram_svg(&b, many, GENO_MAX_PEOPLE + 1, NULL, 0, "t", geno_legend), ERR_INVALID);
	assert_int_equal(b.len, 0);
	assert_int_equal(genogram_svg(&b, many, GENO_MAX_PEOPLE, NULL, 0, "t", geno_legend), 0);
	assert_picture(buf_cstr(&b));
	buf_free(&b);
	static struct geno_link links[GENO_MAX_LINKS + 1];
	for (int k = 0; k <= GENO_MAX_LINKS; k++)
		links[k] = (struct geno_link){ids[k % 60], ids[(k * 7 + 1) % 60], (enum geno_rel)(k % 7)};
	assert_int_equal(genogram_svg(&b, many, 60, links, GENO_MAX_LINKS + 1, "t", geno_legend), ERR_INVALID);
	assert_int_equal(genogram_svg(&b, many, 60, links, GENO_MAX_LINKS, "t", geno_legend), 0);
	assert_picture(buf_cstr(&b));
	buf_free(&b);

	assert_int_equal(genogram_svg(NULL, family, 3, NULL, 0, "t", geno_legend), ERR_INVALID);
	assert_int_equal(genogram_svg(&b, family, 3, NULL, 0, NULL, geno_legend), ERR_INVALID);
	assert_int_equal(genogram_svg(&b, family, 3, NULL, 0, "t", NULL), ERR_INVALID);
	assert_int_equal(genogram_svg(&b, NULL, 3, NULL, 0, "t", geno_legend), ERR_INVALID);
	assert_int_equal(genogram_svg(&b, family, 3, NULL, 2, "t", geno_legend), ERR_INVALID);
	assert_int_equal(genogram_svg(&b, family, -1, NULL, 0, "t", geno_legend), ERR_INVALID);
	assert_int_equal(genogram_svg(&b, family, 3, family_links, -1, "t", geno_legend), ERR_INVALID);
	struct geno_person bad = {"a", "A", GENO_MALE, 0, false, 3, false};
	assert_int_equal(genogram_svg(&b, &bad, 1, NULL, 0, "t", geno_legend), ERR_INVALID);
	bad = (struct geno_person){NULL, "A", GENO_MALE, 0, false, 0, false};
	assert_int_equal(genogram_svg(&b, &bad, 1, NULL, 0, "t", geno_legend), ERR_INVALID);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* A drawing function under test, writing into b. */
typedef int (*draw_fn)(struct buf *b);

/* assert_toobig_everywhere: with every cap below the full size (in steps) the drawing fails with
 * ERR_TOOBIG and leaves the buffer empty, never a truncated picture; at the full size it works. */
static void assert_toobig_everywhere(draw_fn draw)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(draw(&b), 0);
	size_t full = b.len;
	buf_free(&b);
	for (size_t cap = 0; cap < full; cap += 1 + cap / 40) {
		buf_init(&b, cap);
		int rc = draw(&b);
		if (rc != ERR_TOOBIG || b.len != 0)
			fail_msg("cap %zu of %zu: rc %d, %zu bytes left", cap, full, rc, b.len);
		buf_free(&b);
	}
	buf_init(&b, full);
	assert_int_equal(draw(&b), 0);
	buf_free(&b);
}

static int draw_family(struct buf *b)
{
	return genogram_svg(b, family, NFAMILY, family_links, NFAMILY_LINKS, "Keluarga", geno_legend);
}

static void test_genogram_toobig(void **state)
{
	(void)state;
	assert_toobig_everywhere(draw_family);
}

/* ---- ecomap ---- */

static const char *const eco_legend[3] = {"Kuat", "Lemah", "Penuh tekanan"};

static const struct eco_tie ties[] = {
	{"Keluarga inti", "keluarga", ECO_STRONG},
	{"SDN 3 Cibiru", "sekolah", ECO_WEAK},
	{"Puskesmas Kecamatan Cibiru", "kesehatan", ECO_STRONG},
	{"Masjid Al-Ikhlas", "agama", ECO_WEAK},
	{"Pabrik", "pekerjaan", ECO_STRESSFUL},
	{"Teman sebaya", NULL, ECO_STRONG},
	{"<script>&\"'", "<b>", ECO_WEAK},
	{"Rentenir", "", ECO_STRESSFUL},
};

#define NTIES ((int)(sizeof ties / sizeof ties[0]))

static void test_ecomap(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(ecomap_svg(&b, "Rina & Sari", ties, NTIES, "Ekomap", eco_legend), 0);
	const char *s = buf_cstr(&b);
	assert_picture(s);
	assert_int_equal(count(s, "class=\"eco-client\""), 1);
	assert_int_equal(count(s, "class=\"eco-system\""), NTIES);
	/* One line per tie (plus one sample of each in the legend). */
	assert_int_equal(count(s, "class=\"eco-strong\""), 3 + 1);
	assert_int_equal(count(s, "class=\"eco-weak\""), 3 + 1);
	assert_int_equal(count(s, "class=\"eco-stressful\""), 2 + 1);
	assert_non_null(strstr(s, "stroke-dasharray="));
	assert_non_null(strstr(s, "stroke=\"" SVG_RED "\""));
	assert_non_null(strstr(s, ">Rina &amp; Sari</text>"));
	for (int i = 0; i < NTIES; i++) {
		if (i == 2 || i == 6)
			continue;
		/* A name that fits stands alone; a longer one is wrapped at its spaces. */
		char want[64];
		if (svg_wrap_count(ties[i].name, 12, 3) == 1)
			snprintf(want, sizeof want, ">%s</text>", ties[i].name);
		else
			snprintf(want, sizeof want, ">%.*s</tspan>", (int)strcspn(ties[i].name, " "), ties[i].name);
		if (strstr(s, want) == NULL)
			fail_msg("%s is missing", ties[i].name);
		if (ties[i].type && *ties[i].type) {
			snprintf(want, sizeof want, ">%s</text>", ties[i].type);
			if (strstr(s, want) == NULL)
				fail_msg("the type of %s is missing", ties[i].name);
		}
	}
	/* A long name is wrapped, not lost. */
	assert_non_null(strstr(s, ">Puskesmas</tspan>"));
	assert_non_null(strstr(s, ">Cibiru</tspan>"));
	assert_non_null(strstr(s, "&lt;script&gt;&amp;&quot;&#39;"));
	assert_non_null(strstr(s, ">&lt;b&gt;</text>"));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "<b>"));
	for (int k = 0; k < 3; k++)
		assert_non_null(strstr(s, eco_legend[k]));
	buf_free(&b);

	/* No ties, no client name. */
	assert_int_equal(ecomap_svg(&b, NULL, NULL, 0, "Kosong", eco_legend), 0);
	assert_picture(buf_cstr(&b));
	assert_int_equal(count(buf_cstr(&b), "class=\"eco-system\""), 0);
	buf_free(&b);
}

static void test_ecomap_limits(void **state)
{
	(void)state;
	static struct eco_tie many[ECOMAP_MAX_TIES + 1];
	for (int i = 0; i <= ECOMAP_MAX_TIES; i++)
		many[i] = (struct eco_tie){"Sistem dengan nama panjang", "layanan", (enum eco_strength)(i % 3)};
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(ecomap_svg(&b, "K", many, ECOMAP_MAX_TIES + 1, "t", eco_legend), ERR_INVALID);
	assert_int_equal(b.len, 0);
	assert_int_equal(ecomap_svg(&b, "K", many, ECOMAP_MAX_TIES, "t", eco_legend), 0);
	assert_picture(buf_cstr(&b));
	assert_int_equal(count(buf_cstr(&b), "class=\"eco-system\""), ECOMAP_MAX_TIES);
	buf_free(&b);
	struct eco_tie bad = {"x", "y", (enum eco_strength)7};
	assert_int_equal(ecomap_svg(&b, "K", &bad, 1, "t", eco_legend), ERR_INVALID);
	assert_int_equal(ecomap_svg(&b, "K", NULL, 1, "t", eco_legend), ERR_INVALID);
	assert_int_equal(ecomap_svg(&b, "K", ties, -1, "t", eco_legend), ERR_INVALID);
	assert_int_equal(ecomap_svg(NULL, "K", ties, 1, "t", eco_legend), ERR_INVALID);
	assert_int_equal(ecomap_svg(&b, "K", ties, 1, NULL, eco_legend), ERR_INVALID);
	assert_int_equal(ecomap_svg(&b, "K", ties, 1, "t", NULL), ERR_INVALID);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static int draw_ecomap(struct buf *b)
{
	return ecomap_svg(b, "Rina", ties, NTIES, "Ekomap", eco_legend);
}

static void test_ecomap_toobig(void **state)
{
	(void)state;
	assert_toobig_everywhere(draw_ecomap);
}

/* ---- chart ---- */

static const char *const dates[] = {"2024-01-15", "2024-03-12", "2024-05-20", "2024-07-08"};
static const double gas_t[] = {38.2, 44.1, 1000, 53.3};
static const double other[] = {30, NAN, 41.25, 47.9, 99}; /* one more value than labels */
static const struct chart_series two_series[] = {{"Skor T <GAS>", gas_t, 4}, {"Lain", other, 5}};

static void test_chart(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(chart_line_svg(&b, "Perkembangan", dates, 4, two_series, 2, 20, 80, "Belum ada data"), 0);
	const char *s = buf_cstr(&b);
	assert_picture(s);
	/* A point per finite value within the labels, each with its value as a tooltip. */
	assert_int_equal(count(s, "class=\"chart-point\""), 4 + 3);
	assert_non_null(strstr(s, "<title>Skor T &lt;GAS&gt;, 2024-01-15: 38.2</title>"));
	assert_non_null(strstr(s, "<title>Skor T &lt;GAS&gt;, 2024-05-20: 1000.0</title>"));
	assert_non_null(strstr(s, "<title>Lain, 2024-05-20: 41.3</title>"));
	assert_null(strstr(s, ": 99.0</title>"));
	/* The missing value breaks the line: the second series' path starts twice. */
	const char *second = strstr(s, "stroke=\"#D55E00\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\" d=\"");
	assert_non_null(second);
	const char *d = strstr(second, " d=\"") + 4;
	assert_int_equal(d[0], 'M');
	assert_non_null(strchr(d + 1, 'M'));
	assert_true(strchr(d + 1, 'M') < strchr(d, '"'));
	/* The value above the axis is drawn on the top edge. */
	const char *big = strstr(s, ": 1000.0</title>");
	const char *marker = big;
	while (strncmp(marker, "<circle", 7) != 0)
		marker--;
	assert_non_null(strstr(marker, "cy=\"64.0\""));
	assert_true(strstr(marker, "cy=\"64.0\"") < big);
	/* Round ticks with labels, the x labels, the legend; no empty message. */
	for (int v = 20; v <= 80; v += 10) {
		char want[32];
		snprintf(want, sizeof want, ">%d</text>", v);
		assert_non_null(strstr(s, want));
	}
	for (int i = 0; i < 4; i++)
		assert_non_null(strstr(s, dates[i]));
	assert_non_null(strstr(s, ">Skor T &lt;GAS&gt;</text>"));
	assert_non_null(strstr(s, ">Lain</text>"));
	assert_null(strstr(s, "Belum ada data"));
	/* Each series has its own colour. */
	assert_non_null(strstr(s, "#0072B2"));
	assert_non_null(strstr(s, "#D55E00"));
	buf_free(&b);

	/* Fractional ticks. */
	const double small[] = {0.1, 0.5};
	const struct chart_series fr = {"f", small, 2};
	assert_int_equal(chart_line_svg(&b, "F", dates, 2, &fr, 1, 0, 1, NULL), 0);
	assert_picture(buf_cstr(&b));
	assert_non_null(strstr(buf_cstr(&b), ">0.2</text>"));
	assert_non_null(strstr(buf_cstr(&b), ">1.0</text>"));
	buf_free(&b);
}

static void test_chart_empty(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_int_equal(chart_line_svg(&b, "Kosong", NULL, 0, NULL, 0, 0, 100, "Belum ada <data>"), 0);
	assert_picture(buf_cstr(&b));
	assert_non_null(strstr(buf_cstr(&b), ">Belum ada &lt;data&gt;</text>"));
	assert_int_equal(count(buf_cstr(&b), "chart-point"), 0);
	buf_free(&b);
	/* Series whose values are all missing, or labels without series: still the message. */
	const double none[] = {NAN, NAN};
	const struct chart_series s = {"x", none, 2};
	assert_int_equal(chart_line_svg(&b, "Kosong", dates, 2, &s, 1, 0, 100, "Belum ada data"), 0);
	assert_picture(buf_cstr(&b));
	assert_non_null(strstr(buf_cstr(&b), ">Belum ada data</text>"));
	buf_free(&b);
	assert_int_equal(chart_line_svg(&b, "Kosong", dates, 4, NULL, 0, 0, 100, NULL), 0);
	assert_picture(buf_cstr(&b));
	buf_free(&b);
	/* One point only. */
	const double one[] = {42};
	const struct chart_series single = {"x", one, 1};
	assert_int_equal(chart_line_svg(&b, "Satu", dates, 1, &single, 1, 0, 100, NULL), 0);
	assert_picture(buf_cstr(&b));
	assert_int_equal(count(buf_cstr(&b), "chart-point"), 1);
	buf_free(&b);
}

static void test_chart_limits(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	struct chart_series many[CHART_MAX_SERIES + 1];
	for (int k = 0; k <= CHART_MAX_SERIES; k++)
		many[k] = (struct chart_series){"s", gas_t, 4};
	assert_int_equal(chart_line_svg(&b, "t", dates, 4, many, CHART_MAX_SERIES + 1, 0, 100, NULL), ERR_INVALID);
	assert_int_equal(chart_line_svg(&b, "t", dates, 4, many, CHART_MAX_SERIES, 0, 100, NULL), 0);
	assert_picture(buf_cstr(&b));
	buf_free(&b);
	assert_int_equal(chart_line_svg(&b, "t", dates, 4, two_series, 2, 50, 50, NULL), ERR_INVALID);
	assert_int_equal(chart_line_svg(&b, "t", dates, 4, two_series, 2, 80, 20, NULL), ERR_INVALID);
	assert_int_equal(chart_line_svg(&b, "t", dates, 4, two_series, 2, NAN, 20, NULL), ERR_INVALID);
	assert_int_equal(chart_line_svg(&b, "t", dates, 4, two_series, 2, 0, INFINITY, NULL), ERR_INVALID);
	assert_int_equal(chart_line_svg(&b, "t", NULL, 4, two_series, 2, 0, 100, NULL), ERR_INVALID);
	assert_int_equal(chart_line_svg(&b, "t", dates, -1, two_series, 2, 0, 100, NULL), ERR_INVALID);
	assert_int_equal(chart_line_svg(&b, "t", dates, CHART_MAX_POINTS + 1, two_series, 2, 0, 100, NULL), ERR_INVALID);
	assert_int_equal(chart_line_svg(&b, "t", dates, 4, NULL, 2, 0, 100, NULL), ERR_INVALID);
	assert_int_equal(chart_line_svg(NULL, "t", dates, 4, two_series, 2, 0, 100, NULL), ERR_INVALID);
	assert_int_equal(chart_line_svg(&b, NULL, dates, 4, two_series, 2, 0, 100, NULL), ERR_INVALID);
	const struct chart_series no_y = {"s", NULL, 3};
	assert_int_equal(chart_line_svg(&b, "t", dates, 4, &no_y, 1, 0, 100, NULL), ERR_INVALID);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static int draw_chart(struct buf *b)
{
	return chart_line_svg(b, "Perkembangan", dates, 4, two_series, 2, 20, 80, "Belum ada data");
}

static void test_chart_toobig(void **state)
{
	(void)state;
	assert_toobig_everywhere(draw_chart);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml_checker),
		cmocka_unit_test(test_svg_escape),
		cmocka_unit_test(test_svg_number),
		cmocka_unit_test(test_svg_printf),
		cmocka_unit_test(test_svg_begin_end),
		cmocka_unit_test(test_svg_text),
		cmocka_unit_test(test_svg_text_wrap),
		cmocka_unit_test(test_genogram_family),
		cmocka_unit_test(test_genogram_skips_bad_links),
		cmocka_unit_test(test_genogram_small_families),
		cmocka_unit_test(test_genogram_limits),
		cmocka_unit_test(test_genogram_toobig),
		cmocka_unit_test(test_ecomap),
		cmocka_unit_test(test_ecomap_limits),
		cmocka_unit_test(test_ecomap_toobig),
		cmocka_unit_test(test_chart),
		cmocka_unit_test(test_chart_empty),
		cmocka_unit_test(test_chart_limits),
		cmocka_unit_test(test_chart_toobig),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
