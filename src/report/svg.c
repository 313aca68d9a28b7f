/* svg.c: escaping, locale-free numbers, the drawing frame and wrapped text for report pictures. */
#include "report/svg.h"
#include "base/err.h"
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define SVG_FONT "system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, Arial, sans-serif"
#define SVG_ELLIPSIS "\xe2\x80\xa6"
#define SVG_REPLACEMENT "\xef\xbf\xbd"

/* svg_utf8_len returns the length (2..4) of the well-formed UTF-8 sequence at p, whose first
 * byte is >= 0x80, or 0 when it is not one (RFC 3629: no overlongs, surrogates or > U+10FFFF).
 * A NUL terminator is never a continuation byte, so this never reads past the string. */
static int svg_utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];
	unsigned char lo = 0x80, hi = 0xBF;
	int len;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;
		if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (int i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return len;
}

/* svg_char_len returns how many bytes the character at s takes (an invalid byte counts as one). */
static int svg_char_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	if (p[0] < 0x80)
		return 1;
	int len = svg_utf8_len(p);
	return len ? len : 1;
}

/* svg_escape_n escapes the n bytes at s (see svg_escape). */
static int svg_escape_n(struct buf *b, const char *s, size_t n)
{
	const char *end = s + n;
	const char *run = s; /* start of bytes copied as they are */
	int rc = 0;
	while (s < end && rc == 0) {
		const unsigned char *p = (const unsigned char *)s;
		const char *rep = NULL;
		int len = 1;
		if (p[0] >= 0x80) {
			len = svg_utf8_len(p);
			if (len == 0 || s + len > end) {
				rep = SVG_REPLACEMENT;
				len = 1;
			} else if (len == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE) {
				rep = SVG_REPLACEMENT; /* U+FFFE, U+FFFF */
			}
		} else if (p[0] == '&') {
			rep = "&amp;";
		} else if (p[0] == '<') {
			rep = "&lt;";
		} else if (p[0] == '>') {
			rep = "&gt;";
		} else if (p[0] == '"') {
			rep = "&quot;";
		} else if (p[0] == '\'') {
			rep = "&#39;";
		} else if (p[0] < 0x20 && p[0] != '\t' && p[0] != '\n' && p[0] != '\r') {
			rep = "";
		}
		if (rep) {
			rc = buf_append(b, run, (size_t)(s - run));
			if (rc == 0)
				rc = buf_puts(b, rep);
			run = s + len;
		}
		s += len;
	}
	if (rc == 0)
		rc = buf_append(b, run, (size_t)(end - run));
	return rc;
}

int svg_escape(struct buf *b, const char *s)
{
	if (s == NULL)
		return 0;
	return svg_escape_n(b, s, strlen(s));
}

int svg_number(struct buf *b, double v)
{
	if (!isfinite(v) || fabs(v) > 1e12)
		return ERR_INVALID;
	long long tenths = llround(v * 10);
	unsigned long long mag = tenths < 0 ? (unsigned long long)-tenths : (unsigned long long)tenths;
	return buf_printf(b, "%s%llu.%llu", tenths < 0 ? "-" : "", mag / 10, mag % 10);
}

int svg_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = 0;
	const char *p = fmt;
	while (*p && rc == 0) {
		const char *pct = strchr(p, '%');
		if (pct == NULL) {
			rc = buf_puts(b, p);
			break;
		}
		rc = buf_append(b, p, (size_t)(pct - p));
		if (rc)
			break;
		p = pct + 1;
		switch (*p) {
		case 's': rc = svg_escape(b, va_arg(ap, const char *)); break;
		case 'd': rc = buf_printf(b, "%d", va_arg(ap, int)); break;
		case 'f': rc = svg_number(b, va_arg(ap, double)); break;
		case '%': rc = buf_append(b, "%", 1); break;
		default: rc = ERR_INVALID; break; /* an unknown conversion is a programming error */
		}
		p++;
	}
	va_end(ap);
	return rc;
}

/* svg_hash mixes bytes into a 32-bit FNV-1a hash. */
static uint32_t svg_hash(uint32_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++) {
		h ^= c[i];
		h *= 16777619u;
	}
	return h;
}

int svg_begin(struct buf *b, int width, int height, const char *title)
{
	if (width < 1 || width > SVG_MAX_SIDE || height < 1 || height > SVG_MAX_SIDE)
		return ERR_INVALID;
	if (title == NULL)
		title = "";
	uint32_t h = svg_hash(2166136261u, title, strlen(title));
	h = svg_hash(h, &width, sizeof width);
	h = svg_hash(h, &height, sizeof height);
	h = svg_hash(h, &b->len, sizeof b->len);
	char id[16];
	static const char hex[] = "0123456789abcdef";
	memcpy(id, "svg-", 4);
	for (int i = 0; i < 8; i++)
		id[4 + i] = hex[(h >> (28 - 4 * i)) & 15];
	id[12] = 0;
	return svg_printf(b,
			  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
			  "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s\" font-family=\"%s\" "
			  "font-size=\"12\" fill=\"%s\"><title id=\"%s\">%s</title>"
			  "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n",
			  width, height, width, height, id, SVG_FONT, SVG_INK, id, title, width, height);
}

int svg_end(struct buf *b)
{
	return buf_puts(b, "</svg>\n");
}

/* svg_text_open writes <text x y [class] [text-anchor]> */
static int svg_text_open(struct buf *b, double x, double y, const char *cls, const char *anchor)
{
	int rc = svg_printf(b, "<text x=\"%f\" y=\"%f\"", x, y);
	if (rc == 0 && cls)
		rc = svg_printf(b, " class=\"%s\"", cls);
	if (rc == 0 && anchor)
		rc = svg_printf(b, " text-anchor=\"%s\"", anchor);
	if (rc == 0)
		rc = buf_puts(b, ">");
	return rc;
}

int svg_text(struct buf *b, double x, double y, const char *cls, const char *anchor, const char *text)
{
	int rc = svg_text_open(b, x, y, cls, anchor);
	if (rc == 0)
		rc = svg_escape(b, text);
	if (rc == 0)
		rc = buf_puts(b, "</text>");
	return rc;
}

/* One line of wrapped text: bytes [start, end) of the text, and whether "…" follows. */
struct svg_line {
	const char *start;
	const char *end;
	bool cut;
};

/* svg_advance returns the end of the first max_chars characters of s (or of s). */
static const char *svg_advance(const char *s, int max_chars)
{
	for (int i = 0; i < max_chars && *s; i++)
		s += svg_char_len(s);
	return s;
}

/* svg_wrap splits text into at most max_lines lines (see svg_text_wrap) and returns how many. */
static int svg_wrap(const char *text, int max_chars, int max_lines, struct svg_line *lines)
{
	const char *p = text ? text : "";
	int k = 0;
	while (*p == ' ')
		p++;
	while (*p && k < max_lines) {
		const char *q = p, *last_space = NULL;
		for (int chars = 0; *q && chars < max_chars; chars++) {
			if (*q == ' ')
				last_space = q;
			q += svg_char_len(q);
		}
		const char *end = q;
		if (*q && *q != ' ' && last_space && last_space > p)
			end = last_space; /* break at the last space that fits */
		while (end > p && end[-1] == ' ')
			end--;
		lines[k++] = (struct svg_line){p, end, false};
		p = end;
		while (*p == ' ')
			p++;
	}
	if (k == 0) {
		lines[k++] = (struct svg_line){p, p, false};
	} else if (*p) {
		/* Too long: the last line takes as much of the rest as fits beside an ellipsis. */
		struct svg_line *last = &lines[k - 1];
		last->end = svg_advance(last->start, max_chars - 1);
		while (last->end > last->start && last->end[-1] == ' ')
			last->end--;
		last->cut = true;
	}
	return k;
}

int svg_wrap_count(const char *text, int max_chars, int max_lines)
{
	struct svg_line lines[SVG_MAX_LINES];
	if (max_chars < 2 || max_chars > 200 || max_lines < 1 || max_lines > SVG_MAX_LINES)
		return 1;
	return svg_wrap(text, max_chars, max_lines, lines);
}

int svg_text_wrap(struct buf *b, double x, double y, double line_height, const char *cls,
		  const char *anchor, const char *text, int max_chars, int max_lines)
{
	struct svg_line lines[SVG_MAX_LINES];
	if (max_chars < 2 || max_chars > 200 || max_lines < 1 || max_lines > SVG_MAX_LINES)
		return ERR_INVALID;
	int k = svg_wrap(text, max_chars, max_lines, lines);
	int rc = svg_text_open(b, x, y, cls, anchor);
	if (rc == 0 && lines[k - 1].cut)
		rc = svg_printf(b, "<title>%s</title>", text);
	for (int i = 0; i < k && rc == 0; i++) {
		if (k > 1)
			rc = svg_printf(b, "<tspan x=\"%f\" y=\"%f\">", x, y + i * line_height);
		if (rc == 0)
			rc = svg_escape_n(b, lines[i].start, (size_t)(lines[i].end - lines[i].start));
		if (rc == 0 && lines[i].cut)
			rc = buf_puts(b, SVG_ELLIPSIS);
		if (rc == 0 && k > 1)
			rc = buf_puts(b, "</tspan>");
	}
	if (rc == 0)
		rc = buf_puts(b, "</text>");
	return rc;
}
