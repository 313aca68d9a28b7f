/* buf.h: a growable byte buffer with a hard cap, always NUL-terminated. */
#ifndef PD_BUF_H
#define PD_BUF_H
#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;  /* NUL-terminated when len > 0 or after any append */
	size_t len;
	size_t alloc;
	size_t cap;  /* appends that would exceed cap fail with ERR_TOOBIG and free the buffer */
};

/* buf_init prepares an empty buffer that may grow to cap bytes. */
void buf_init(struct buf *b, size_t cap);
/* buf_append adds n bytes; 0, ERR_NOMEM or ERR_TOOBIG (the buffer is then freed and empty). */
int buf_append(struct buf *b, const void *p, size_t n);
/* buf_reserve makes room for n more bytes (at most up to the cap) at once, so that the appends
 * of a large answer do not grow the buffer step by step. 0 or ERR_NOMEM (the buffer then freed). */
int buf_reserve(struct buf *b, size_t n);
/* buf_puts appends a NUL-terminated string. */
int buf_puts(struct buf *b, const char *s);
/* buf_printf appends printf-formatted text (no escaping: see web/html.h for HTML). */
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* buf_json_string appends s as a JSON string (quotes, \" \\ and control characters escaped,
 * other UTF-8 as it is, as json_dumps writes it), or null when s is NULL. */
int buf_json_string(struct buf *b, const char *s);
/* buf_cstr returns the contents as a string ("" when empty); valid until the next append. */
const char *buf_cstr(const struct buf *b);
/* buf_reset empties the buffer but keeps its memory. */
void buf_reset(struct buf *b);
/* buf_free releases the memory; the buffer is empty and usable again. */
void buf_free(struct buf *b);

#endif
