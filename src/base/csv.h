/* csv.h: a streaming reader of RFC 4180 CSV (quotes, doubled quotes, CRLF or LF, UTF-8 BOM). */
#ifndef PD_CSV_H
#define PD_CSV_H
#include <stdio.h>

#define CSV_MAX_FIELDS 64
#define CSV_MAX_RECORD (64 * 1024)

/* What was wrong with a record that csv_next refused. */
enum csv_fault {
	CSV_FINE,
	CSV_TOO_LONG,    /* over CSV_MAX_RECORD bytes */
	CSV_TOO_MANY,    /* over CSV_MAX_FIELDS fields */
	CSV_OPEN_QUOTE,  /* a quote not closed before the end of the file */
	CSV_AFTER_QUOTE, /* text between a closing quote and the next comma or line end */
	CSV_NUL,         /* a NUL byte, which no text field may hold */
	CSV_BOM,         /* the file starts with part of a byte order mark */
};

struct csv {
	FILE *in;
	char *buf;            /* the current record's fields, NUL-separated */
	size_t cap;
	const char *fields[CSV_MAX_FIELDS];
	int nfields;
	long line;            /* line number where the current record starts (1-based) */
	long next_line;
	long record;          /* the current record's number (1-based, the header's 1): a spreadsheet's row */
	enum csv_fault fault; /* why the last record was refused */
	int first;
};

/* csv_open starts reading in (not closed by csv_close). 0 or ERR_NOMEM. */
int csv_open(struct csv *c, FILE *in);
/* csv_next reads one record into c->fields / c->nfields. Returns 1 for a record, 0 at the end,
 * ERR_TOOBIG for a record over CSV_MAX_RECORD bytes or CSV_MAX_FIELDS fields, ERR_INVALID for a
 * quote that is not closed, text after a closing quote or a NUL byte (c->fault tells which),
 * ERR_IO on a read error. A refused record is read to its end (the line end outside quotes), so
 * that the next call reads the record after it; only a quote left open takes the rest of the
 * file with it. Fields point into c's buffer and are valid until the next call. */
int csv_next(struct csv *c);
void csv_close(struct csv *c);

#endif
