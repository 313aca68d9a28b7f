/* csv.h: a streaming reader of RFC 4180 CSV (quotes, doubled quotes, CRLF or LF, UTF-8 BOM). */
#ifndef PD_CSV_H
#define PD_CSV_H
#include <stdio.h>

#define CSV_MAX_FIELDS 64
#define CSV_MAX_RECORD (64 * 1024)

struct csv {
	FILE *in;
	char *buf;            /* the current record's fields, NUL-separated */
	size_t cap;
	const char *fields[CSV_MAX_FIELDS];
	int nfields;
	long line;            /* line number where the current record starts (1-based) */
	long next_line;
	int first;
};

/* csv_open starts reading in (not closed by csv_close). 0 or ERR_NOMEM. */
int csv_open(struct csv *c, FILE *in);
/* csv_next reads one record into c->fields / c->nfields. Returns 1 for a record, 0 at the end,
 * ERR_TOOBIG for a record over CSV_MAX_RECORD bytes or CSV_MAX_FIELDS fields, ERR_INVALID for a
 * quote that is not closed or text after a closing quote, ERR_IO on a read error. Fields point
 * into c's buffer and are valid until the next call. */
int csv_next(struct csv *c);
void csv_close(struct csv *c);

#endif
