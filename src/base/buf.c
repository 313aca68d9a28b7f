/* buf.c: capped growable buffers; a failed append frees the buffer so no half output escapes. */
#include "base/buf.h"
#include "base/err.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t cap)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap;
}

/* buf_grow makes room for n more bytes and the NUL, doubling from 256 up to the cap. */
static int buf_grow(struct buf *b, size_t n)
{
	if (n > b->cap || b->len > b->cap - n) {
		buf_free(b);
		return ERR_TOOBIG;
	}
	if (b->len + n + 1 <= b->alloc)
		return 0;
	size_t want = b->alloc ? b->alloc : 256;
	while (want < b->len + n + 1)
		want *= 2;
	if (want > b->cap + 1)
		want = b->cap + 1;
	char *d = realloc(b->data, want);
	if (d == NULL) {
		buf_free(b);
		return ERR_NOMEM;
	}
	b->data = d;
	b->alloc = want;
	return 0;
}

int buf_reserve(struct buf *b, size_t n)
{
	if (n > b->cap - b->len)
		n = b->cap - b->len; /* the cap is checked by the appends themselves */
	int rc = buf_grow(b, n);
	if (rc == 0 && b->data)
		b->data[b->len] = 0;
	return rc;
}

int buf_append(struct buf *b, const void *p, size_t n)
{
	int rc = buf_grow(b, n);
	if (rc)
		return rc;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	char small[512];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return ERR_INVALID;
	if ((size_t)n < sizeof small)
		return buf_append(b, small, (size_t)n);
	char *big = malloc((size_t)n + 1);
	if (big == NULL)
		return ERR_NOMEM;
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	int rc = buf_append(b, big, (size_t)n);
	free(big);
	return rc;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

const char *buf_cstr(const struct buf *b)
{
	return b->data ? b->data : "";
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = 0;
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
}

int buf_json_string(struct buf *b, const char *s)
{
	if (s == NULL)
		return buf_append(b, "null", 4);
	int rc = buf_append(b, "\"", 1);
	const char *run = s; /* the bytes not yet written that need no escape */
	for (const char *p = s; rc == 0 && *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		rc = buf_append(b, run, (size_t)(p - run));
		static const char short_esc[] = "btnvfr"; /* \b \t \n, no \v, \f \r */
		char esc[8];
		if (c == '"' || c == '\\')
			snprintf(esc, sizeof esc, "\\%c", c);
		else if (c >= 8 && c <= 13 && c != 11)
			snprintf(esc, sizeof esc, "\\%c", short_esc[c - 8]);
		else
			snprintf(esc, sizeof esc, "\\u%04X", c);
		if (rc == 0)
			rc = buf_puts(b, esc);
		run = p + 1;
	}
	if (rc == 0)
		rc = buf_puts(b, run);
	return rc ? rc : buf_append(b, "\"", 1);
}
