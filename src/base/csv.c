/* csv.c: one pass over the input, one buffer for a record; quoted fields may span lines. */
#include "base/csv.h"
#include "base/err.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

int csv_open(struct csv *c, FILE *in)
{
	memset(c, 0, sizeof *c);
	c->in = in;
	c->cap = 4096;
	c->buf = malloc(c->cap);
	c->next_line = 1;
	c->first = 1;
	return c->buf ? 0 : ERR_NOMEM;
}

void csv_close(struct csv *c)
{
	free(c->buf);
	c->buf = NULL;
}

static int csv_put(struct csv *c, size_t *len, char ch)
{
	if (*len + 1 >= CSV_MAX_RECORD)
		return ERR_TOOBIG;
	if (*len + 1 >= c->cap) {
		size_t cap = c->cap * 2 > CSV_MAX_RECORD ? CSV_MAX_RECORD : c->cap * 2;
		char *b = realloc(c->buf, cap);
		if (b == NULL)
			return ERR_NOMEM;
		c->buf = b;
		c->cap = cap;
	}
	c->buf[(*len)++] = ch;
	return 0;
}

/* csv_skip reads the rest of a refused record from ch (inside quotes or not, at a field's start
 * or not) to the line end that ends it, or the end of the file; returns err. */
static int csv_skip(struct csv *c, int ch, bool quoted, bool at_start, int err, enum csv_fault fault)
{
	c->fault = fault;
	while (ch != EOF) {
		if (quoted) {
			if (ch == '"') {
				ch = getc(c->in);
				if (ch != '"') { /* the closing quote: ch is what follows it */
					quoted = at_start = false;
					continue;
				}
			} else if (ch == '\n') {
				c->next_line++;
			}
		} else if (ch == '"' && at_start) {
			quoted = true;
		} else if (ch == '\n') {
			c->next_line++;
			break;
		} else {
			at_start = ch == ',';
		}
		ch = getc(c->in);
	}
	return ferror(c->in) ? ERR_IO : err;
}

int csv_next(struct csv *c)
{
	size_t len = 0;
	size_t starts[CSV_MAX_FIELDS];
	int nf = 0;
	int ch = getc(c->in);
	c->fault = CSV_FINE;
	if (c->first) {
		c->first = 0;
		if (ch == 0xef) { /* a UTF-8 byte order mark */
			int b = getc(c->in), d = b == 0xbb ? getc(c->in) : EOF;
			if (b != 0xbb || d != 0xbf) {
				/* The rest of the line from the first byte that is not the mark's. */
				c->line = c->next_line;
				c->record++;
				return csv_skip(c, b != 0xbb ? b : d, false, true, ERR_INVALID, CSV_BOM);
			}
			ch = getc(c->in);
		}
	}
	if (ch == EOF)
		return ferror(c->in) ? ERR_IO : 0;
	c->line = c->next_line;
	c->record++;
	starts[nf++] = 0;
	int rc = 0;
	for (;;) {
		if (ch == '"' && len == starts[nf - 1]) {
			/* a quoted field */
			for (;;) {
				ch = getc(c->in);
				if (ch == EOF) {
					c->fault = CSV_OPEN_QUOTE;
					return ferror(c->in) ? ERR_IO : ERR_INVALID;
				}
				if (ch == '"') {
					ch = getc(c->in);
					if (ch != '"')
						break;
				}
				if (ch == 0)
					return csv_skip(c, getc(c->in), true, false, ERR_INVALID, CSV_NUL);
				if (ch == '\n')
					c->next_line++;
				rc = csv_put(c, &len, (char)ch);
				if (rc)
					return csv_skip(c, getc(c->in), true, false, rc, CSV_TOO_LONG);
			}
			if (ch == '\r')
				ch = getc(c->in);
			if (ch != ',' && ch != '\n' && ch != EOF)
				return csv_skip(c, ch, false, false, ERR_INVALID, CSV_AFTER_QUOTE);
		}
		if (ch == ',' || ch == '\n' || ch == EOF) {
			rc = csv_put(c, &len, 0);
			if (rc)
				return csv_skip(c, ch, false, false, rc, CSV_TOO_LONG);
			if (ch != ',')
				break;
			if (nf == CSV_MAX_FIELDS)
				return csv_skip(c, ch, false, false, ERR_TOOBIG, CSV_TOO_MANY);
			starts[nf++] = len;
			ch = getc(c->in);
			continue;
		}
		if (ch == 0)
			return csv_skip(c, getc(c->in), false, false, ERR_INVALID, CSV_NUL);
		if (ch == '\r') {
			int next = getc(c->in);
			if (next == '\n' || next == EOF) {
				ch = next;
				continue;
			}
			ungetc(next, c->in);
		}
		rc = csv_put(c, &len, (char)ch);
		if (rc)
			return csv_skip(c, ch, false, false, rc, CSV_TOO_LONG);
		ch = getc(c->in);
	}
	c->next_line++;
	if (ferror(c->in))
		return ERR_IO;
	for (int i = 0; i < nf; i++)
		c->fields[i] = c->buf + starts[i];
	c->nfields = nf;
	return 1;
}
