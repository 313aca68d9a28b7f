/* str.c: small string helpers shared by every layer. */
#include "base/str.h"
#include "base/err.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool str_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
				return false;
			i++;
			continue;
		}
		size_t len;
		unsigned cp;
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (i + len > n)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			return false;
		if (cp >= 0xd800 && cp <= 0xdfff)
			return false;
		i += len;
	}
	return true;
}

size_t str_utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

unsigned str_utf8_next(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	unsigned c = p[0], len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1, cp = len == 1 ? c : c & (0x3f >> (len - 1));
	for (unsigned i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			len = 1; /* not a whole sequence */
			cp = c;
			break;
		}
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (c)
		*s += len;
	return cp;
}

static bool str_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *str_trim(char *s)
{
	while (str_is_space(*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && str_is_space(s[n - 1]))
		s[--n] = 0;
	return s;
}

bool str_empty(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s; s++)
		if (!str_is_space(*s))
			return false;
	return true;
}

int str_parse_long(const char *s, long min, long max, long *out)
{
	if (s == NULL || *s == 0)
		return ERR_INVALID;
	const char *p = s;
	if (*p == '-')
		p++;
	if (!str_all_digits(p))
		return ERR_INVALID;
	errno = 0;
	char *end = NULL;
	long v = strtol(s, &end, 10);
	if (errno != 0 || end == NULL || *end != 0 || v < min || v > max)
		return ERR_INVALID;
	*out = v;
	return 0;
}

bool str_all_digits(const char *s)
{
	if (s == NULL || *s == 0)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

void str_hex(const unsigned char *p, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 15];
	}
	out[2 * n] = 0;
}

bool str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static int str_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

bool str_date_valid(const char *s)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1850 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= str_days_in_month(y, m);
}

void str_tag(const char *const *parts, size_t n, char tag[9])
{
	static const char hex[] = "0123456789abcdef";
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		for (const char *p = parts[i] ? parts[i] : "";; p++) {
			h = (h ^ (unsigned char)*p) * 16777619u;
			if (*p == 0)
				break;
		}
	for (int i = 7; i >= 0; i--, h >>= 4)
		tag[i] = hex[h & 15];
	tag[8] = 0;
}
