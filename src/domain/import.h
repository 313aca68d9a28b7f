/* import.h: bulk import of clients and of the Kemendagri region list from CSV files. */
#ifndef PD_IMPORT_H
#define PD_IMPORT_H
#include <stdbool.h>
#include <stdio.h>
#include "base/i18n.h"
#include "domain/policy.h"
#include "store/db.h"

/* Rows per transaction: a crash loses at most one batch, and a rerun redoes it. Large batches
 * write the pages of the indexes (the name index above all) once per batch instead of once per
 * few rows. */
#define IMPORT_BATCH 20000

struct import_opts {
	bool dry_run;        /* validate and report, write nothing */
	bool abort_on_error; /* stop at the first rejected row (its batch is rolled back) */
	const char *source;  /* the file's name, for the audit trail */
	enum lang lang;      /* of the report's reasons */
	/* progress is called after each batch with the rows read and the bytes consumed. */
	void (*progress)(void *ctx, long rows, long bytes);
	void *ctx;
};

struct import_stats {
	long rows;     /* data rows read */
	long imported; /* new clients (or regions) written */
	long present;  /* rows whose key is already registered: skipped */
	long noted;    /* of those, rows without a NIK or external_id: in the report too */
	long rejected; /* rows with errors (listed in the report), not written */
	long warnings; /* rows imported with a warning (NIK mismatch, possible duplicate) */
};

/* import_clients reads a CSV whose header names the columns (nik, kk, name, other_names, sex,
 * birth_place, birth_date, address, region, phone, ppks and flags with several values separated
 * by ';', notes, external_id) in any order, validates every row like the API, and writes a report
 * line "row,field,reason" for every rejected row and every warning; row is the row's number as a
 * spreadsheet shows it (the header's is 1). A row is keyed by its NIK, else its external_id,
 * else its name, sex, birth date and region together: a row whose key is registered is skipped,
 * and reported when that client has another name. A row the CSV reader refuses is reported and
 * the next one read. Returns 0, ERR_FORBIDDEN when actor may not register clients, ERR_USAGE for a
 * bad header (message on stderr), ERR_INVALID when aborting on an error (that batch is rolled
 * back and not counted as imported), or a store error. */
int import_clients(struct db *db, const struct actor *actor, FILE *in, FILE *report, const struct import_opts *o,
		   struct import_stats *st);
/* import_regions reads "code,name" rows (a first row "code,name" is the header) into the region
 * list in one transaction; rejected rows go to report, their reasons in lang. */
int import_regions(struct db *db, const struct actor *actor, FILE *in, FILE *report, enum lang lang,
		   struct import_stats *st);

#endif
