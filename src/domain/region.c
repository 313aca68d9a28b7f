/* region.c: the shape of Kemendagri region codes and the list of province codes with their time
 * zones. */
#include "domain/region.h"
#include "base/err.h"
#include <string.h>
#include <strings.h>

/* The 38 provinces of Kepmendagri 300.2.2-2138/2025, each with its time zone (Keppres 41/1987):
 * WIB for Sumatra, Java, West and Central Kalimantan; WITA for Bali, Nusa Tenggara, South, East
 * and North Kalimantan and Sulawesi; WIT for Maluku and Papua. */
static const struct {
	char code[3];
	const char *zone;
} region_provinces[] = {
	{"11", "WIB"},	{"12", "WIB"},	{"13", "WIB"},	{"14", "WIB"},	{"15", "WIB"},	{"16", "WIB"},
	{"17", "WIB"},	{"18", "WIB"},	{"19", "WIB"},	{"21", "WIB"},	{"31", "WIB"},	{"32", "WIB"},
	{"33", "WIB"},	{"34", "WIB"},	{"35", "WIB"},	{"36", "WIB"},	{"51", "WITA"}, {"52", "WITA"},
	{"53", "WITA"}, {"61", "WIB"},	{"62", "WIB"},	{"63", "WITA"}, {"64", "WITA"}, {"65", "WITA"},
	{"71", "WITA"}, {"72", "WITA"}, {"73", "WITA"}, {"74", "WITA"}, {"75", "WITA"}, {"76", "WITA"},
	{"81", "WIT"},	{"82", "WIT"},	{"91", "WIT"},	{"92", "WIT"},	{"93", "WIT"},	{"94", "WIT"},
	{"95", "WIT"},	{"96", "WIT"},
};

/* region_province finds the province whose code is the two characters at p; -1 for none. */
static int region_province(const char *p)
{
	if (p == NULL || p[0] == 0)
		return -1;
	for (unsigned i = 0; i < sizeof region_provinces / sizeof region_provinces[0]; i++)
		if (p[0] == region_provinces[i].code[0] && p[1] == region_provinces[i].code[1])
			return (int)i;
	return -1;
}

bool region_province_known(const char *p)
{
	return region_province(p) >= 0;
}

const char *region_time_zone(const char *code)
{
	int i = region_province(code);
	return i >= 0 && (code[2] == 0 || code[2] == '.') ? region_provinces[i].zone : NULL;
}

static bool region_digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int region_code_len(int level)
{
	static const int lens[] = {2, 5, 8, 13};
	return level >= 1 && level <= 4 ? lens[level - 1] : 0;
}

int region_level(const char *code)
{
	if (code == NULL)
		return 0;
	size_t n = strlen(code);
	for (int level = 0; level < 4; level++) {
		if (n != (size_t)region_code_len(level + 1))
			continue;
		if (!region_digits(code, 2))
			return 0;
		if (level >= 1 && (code[2] != '.' || !region_digits(code + 3, 2)))
			return 0;
		if (level >= 2 && (code[5] != '.' || !region_digits(code + 6, 2)))
			return 0;
		if (level >= 3 && (code[8] != '.' || !region_digits(code + 9, 4)))
			return 0;
		return level + 1;
	}
	return 0;
}

int region_check(const char *code, const char **why)
{
	if (region_level(code) == 0) {
		*why = "Region code must look like 32, 32.73, 32.73.01 or 32.73.01.1001.";
		return ERR_INVALID;
	}
	if (!region_province_known(code)) {
		*why = "Region code must start with a known province code.";
		return ERR_INVALID;
	}
	return 0;
}

bool region_has_prefix(const char *code, const char *prefix)
{
	size_t n = strlen(prefix);
	if (code == NULL || strncmp(code, prefix, n) != 0)
		return false;
	return code[n] == 0 || code[n] == '.';
}

size_t region_find_key(const char *text, char *out, size_t cap)
{
	size_t n = 0;
	bool space = false;
	if (cap == 0)
		return 0;
	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
		unsigned char ch = *p;
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			space = n > 0;
			continue;
		}
		if (n + (space ? 2 : 1) >= cap)
			break;
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
	}
	out[n] = 0;
	/* What people put before a region's name, which the names of the list do not have or the
	 * index of names leaves out (migration 017): "Kab. Bandung", "Kec. Coblong", "Desa ...". A
	 * word is taken off when a space or its dot follows it. */
	static const char *const prefixes[] = {
		"kabupaten administrasi", "kota administrasi", "kab. adm.", "kota adm.", "kab adm", "kota adm",
		"kabupaten", "kecamatan", "kelurahan", "provinsi", "kab.", "kec.", "kel.", "prov.", "kab", "kec",
		"kel", "prov", "kota", "desa",
	};
	for (unsigned i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t k = strlen(prefixes[i]);
		if (n <= k || strncmp(out, prefixes[i], k) != 0 || (out[k] != ' ' && prefixes[i][k - 1] != '.'))
			continue;
		while (out[k] == ' ')
			k++;
		memmove(out, out + k, n - k + 1);
		n -= k;
		break;
	}
	return n;
}

const char *region_find_kind(const char *text)
{
	const char *t = text ? text : "";
	while (*t == ' ' || *t == '\t')
		t++;
	if (strncasecmp(t, "kota", 4) == 0 && (t[4] == ' ' || t[4] == '.'))
		return "Kota %";
	if (strncasecmp(t, "kabupaten", 9) == 0 ? t[9] == ' ' : strncasecmp(t, "kab", 3) == 0 && (t[3] == ' ' || t[3] == '.'))
		return "Kabupaten %";
	return NULL;
}
