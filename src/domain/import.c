/* import.c: CSV rows through the registry's own rules, committed in batches with one audit row each. */
#include "domain/import.h"
#include "base/arena.h"
#include "base/csv.h"
#include "base/err.h"
#include "base/strset.h"
#include "base/i18n.h"
#include "base/str.h"
#include "domain/audit.h"
#include "domain/client.h"
#include "domain/nik.h"
#include "domain/region.h"
#include "store/client_store.h"
#include "store/name_index.h"
#include "store/ref_store.h"
#include <string.h>
#include <strings.h>

enum import_col {
	COL_NIK, COL_KK, COL_NAME, COL_OTHER, COL_SEX, COL_PLACE, COL_BIRTH, COL_ADDRESS, COL_REGION,
	COL_PHONE, COL_PPKS, COL_FLAGS, COL_NOTES, COL_EXTERNAL, COL_COUNT
};

static const char *const import_columns[COL_COUNT] = {
	"nik", "kk", "name", "other_names", "sex", "birth_place", "birth_date", "address", "region",
	"phone", "ppks", "flags", "notes", "external_id",
};

/* import_report writes one CSV line, the reason in the import's language and quoted, followed by
 * the uid of the registered client it is about, when there is one. */
static void import_report(FILE *report, enum lang lang, long row, const char *field, const char *reason,
			  const char *about)
{
	if (report == NULL)
		return;
	fprintf(report, "%ld,%s,\"", row, field);
	for (const char *p = i18n_t(lang, reason); *p; p++) {
		if (*p == '"')
			fputc('"', report);
		fputc(*p, report);
	}
	if (about)
		fprintf(report, " (%s)", about);
	fputs("\"\n", report);
}

static const char *import_field(struct csv *c, const int *map, enum import_col col)
{
	int i = map[col];
	if (i < 0 || i >= c->nfields || c->fields[i][0] == 0)
		return NULL;
	return c->fields[i];
}

/* import_split reads "a;b;c" into up to max trimmed parts (arena copies); returns the count, or
 * -1 when there are more than max. */
static int import_split(struct arena *a, const char *s, const char **parts, int max)
{
	int n = 0;
	if (s == NULL)
		return 0;
	char *copy = arena_strdup(a, s);
	for (char *p = copy; p && *p;) {
		char *semi = strchr(p, ';');
		if (semi)
			*semi = 0;
		char *t = str_trim(p);
		if (*t) {
			if (n == max)
				return -1;
			parts[n++] = t;
		}
		p = semi ? semi + 1 : NULL;
	}
	return n;
}

/* The clients a batch has written, whose rows in the index of names are written together at its
 * end (name_index_put_many): in the index's order they cost the import far less than each at its
 * own place. The list, and the names and texts it points to, are in the batch's arena. */
struct import_named {
	struct name_index_client *v;
	int n, cap;
};

/* import_named_add remembers client c of the batch (a, the batch's arena). */
static int import_named_add(struct arena *a, struct import_named *b, const struct client *c)
{
	void *v = b->v;
	if (arena_grow(a, &v, b->n, &b->cap, sizeof *b->v))
		return ERR_NOMEM;
	b->v = v;
	b->v[b->n++] = (struct name_index_client){c->id, c->name_norm, c->search_names};
	return 0;
}

/* import_row turns one record into a client and checks it; 1 imported, 0 skipped or rejected. A
 * client imported joins named, whose rows in the index of names its batch writes at its end. */
/* import_key_refused reports a row whose key points at a registered client (uid) it cannot be,
 * counts it rejected, and returns what the row's import returns. */
static int import_key_refused(FILE *report, const struct import_opts *o, struct import_stats *st, long row,
			      const char *field, const char *reason, const char *uid)
{
	import_report(report, o->lang, row, field, reason, uid);
	st->rejected++;
	return o->abort_on_error ? ERR_INVALID : 0;
}

static int import_row(struct db *db, struct arena *a, const struct actor *actor, struct csv *c, const int *map,
		      const bool *ppks_known, FILE *report, const struct import_opts *o, struct import_stats *st,
		      struct import_named *named, struct strset *seen)
{
	long row = c->record;
	struct client cl = {0};
	struct faults f = {0};
	cl.nik = import_field(c, map, COL_NIK);
	cl.kk = import_field(c, map, COL_KK);
	cl.name = import_field(c, map, COL_NAME);
	cl.other_names = import_field(c, map, COL_OTHER);
	cl.sex = import_field(c, map, COL_SEX);
	cl.birth_place = import_field(c, map, COL_PLACE);
	cl.birth_date = import_field(c, map, COL_BIRTH);
	cl.address = import_field(c, map, COL_ADDRESS);
	cl.region = import_field(c, map, COL_REGION);
	cl.phone = import_field(c, map, COL_PHONE);
	cl.notes = import_field(c, map, COL_NOTES);
	const char *external = import_field(c, map, COL_EXTERNAL);
	const char *codes[CLIENT_MAX_PPKS];
	int n = import_split(a, import_field(c, map, COL_PPKS), codes, CLIENT_MAX_PPKS);
	if (n < 0)
		faults_add(&f, "ppks", "Too many PPKS categories.");
	for (int i = 0; i < n; i++) {
		long v;
		if (str_parse_long(codes[i], 1, 99, &v) || !ppks_known[v])
			faults_add(&f, "ppks", "Unknown PPKS category code.");
		else
			cl.ppks[cl.nppks++] = (int)v;
	}
	n = import_split(a, import_field(c, map, COL_FLAGS), cl.flags, CLIENT_MAX_FLAGS);
	if (n < 0)
		faults_add(&f, "flags", "Must be a list of flags.");
	else
		cl.nflags = n;
	if (c->nfields != map[COL_COUNT])
		faults_add(&f, "", "The row does not have as many fields as the header.");
	if (external) {
		external = str_trim((char *)external); /* its field's own copy */
		if (!str_utf8_valid(external, strlen(external)))
			faults_add(&f, "external_id", "Must be UTF-8 text.");
		else if (strlen(external) > 100)
			faults_add(&f, "external_id", "Too long: at most 100 characters.");
		else if (*external == 0)
			external = NULL;
	}
	int rc = f.n == 0 ? client_validate(a, &cl, &f) : 0;
	if (rc == 0 && f.n == 0)
		rc = client_region_check(db, a, cl.region, NULL, &f);
	if (rc && rc != ERR_INVALID)
		return rc;
	if (f.n) {
		for (int i = 0; i < f.n; i++)
			import_report(report, o->lang, row, f.list[i].field, f.list[i].msg, NULL);
		st->rejected++;
		return o->abort_on_error ? ERR_INVALID : 0;
	}
	/* Keyed by NIK, else external_id, else name, sex, birth date and region together: a rerun
	 * skips what is already registered. A key held by a client of another name is reported:
	 * one of the two is wrong, and an import never changes a registered client. A row without a
	 * key of its own that is taken for a registered client is reported too, so that two people
	 * alike in all of that can be told apart by someone who knows them. */
	const char *uid, *known;
	enum client_key by;
	bool mismatch;
	rc = client_store_keyed(db, a, actor->org_id, &cl, external, &uid, &known, &by, &mismatch);
	if (rc)
		return rc;
	if (mismatch) {
		/* Its NIK and its external_id name two people, or one with another key: one of the two
		 * is wrong, and counting the row as registered would lose a person without a word. */
		return import_key_refused(report, o, st, row, by == CLIENT_KEY_NIK ? "external_id" : "nik",
					  by == CLIENT_KEY_NIK
						  ? "This NIK is registered with another external_id: the row was not imported."
						  : "This external_id is registered for a client with another NIK: the row was not imported.",
					  uid);
	}
	/* A dry run undoes each batch before the next: what its earlier batches "registered" is
	 * found in seen, by the same keys, so that it counts as the import would. */
	if (seen && uid == NULL) {
		const char *key = cl.nik ? arena_printf(a, "n:%s", cl.nik)
			: external ? arena_printf(a, "e:%s", external)
			: arena_printf(a, "c:%s|%s|%s|%s", cl.name_norm, cl.sex ? cl.sex : "", cl.birth_date ? cl.birth_date : "",
				       cl.region ? cl.region : "");
		if (key == NULL)
			return ERR_NOMEM;
		const char *had = strset_get(seen, key);
		if (had) {
			uid = ""; /* registered by this file, further up */
			known = had;
			by = key[0] == 'n' ? CLIENT_KEY_NIK : key[0] == 'e' ? CLIENT_KEY_EXTERNAL : CLIENT_KEY_CONTENT;
		} else if ((rc = strset_put(seen, key, cl.name_norm)) != 0) {
			return rc;
		}
	}
	if (uid && strcmp(known, cl.name_norm) != 0) {
		return import_key_refused(report, o, st, row, by == CLIENT_KEY_NIK ? "nik" : "external_id",
					  by == CLIENT_KEY_NIK
						  ? "This NIK is registered for a client of another name: the row was not imported."
						  : "This external_id is registered for a client of another name: the row was not imported.",
					  uid);
	}
	if (uid && by == CLIENT_KEY_CONTENT) {
		st->noted++;
		import_report(report, o->lang, row, "name",
			      "Taken for the client registered with the same name, sex, birth date and region, who has no NIK: not imported again.",
			      uid);
	}
	if (uid) {
		st->present++;
		return 0;
	}
	bool warned = false;
	if (cl.nik) {
		struct nik_info info;
		const char *why;
		nik_parse(cl.nik, &info, &why);
		cl.nik_warning = nik_mismatch(&info, cl.sex ? cl.sex[0] : 0, cl.birth_date);
		if (cl.nik_warning) {
			import_report(report, o->lang, row, "nik", cl.nik_warning, NULL);
			warned = true;
		}
	}
	if (cl.birth_date) {
		const char *uids[1], *names[1];
		int ndup = 0;
		rc = client_store_dups(db, a, actor->org_id, cl.name_norm, cl.birth_date, 0, uids, names, 1, &ndup);
		if (rc)
			return rc;
		if (ndup) {
			import_report(report, o->lang, row, "name",
				      "A client with the same name and birth date is already registered. Check that this is a different person.",
				      uids[0]);
			warned = true;
		}
	}
	st->warnings += warned;
	rc = client_store_insert_row(db, a, actor->org_id, actor->user_id, &cl);
	if (rc == 0)
		rc = import_named_add(a, named, &cl);
	if (rc == 0 && external)
		rc = client_store_set_external(db, cl.id, external);
	if (rc == 0)
		st->imported++;
	return rc;
}

/* import_csv_fault says what was wrong with a row the CSV reader refused. */
_Static_assert(CSV_MAX_RECORD == 64 * 1024 && CSV_MAX_FIELDS == 64, "the messages below name the limits");
static const char *import_csv_fault(enum csv_fault fault)
{
	switch (fault) {
	case CSV_TOO_LONG:
		return "The row is longer than 64 KB.";
	case CSV_TOO_MANY:
		return "The row has more than 64 fields.";
	case CSV_OPEN_QUOTE:
		return "A quote is not closed: the rest of the file, from this row on, could not be read.";
	case CSV_AFTER_QUOTE:
		return "Text follows a closing quote: quote the whole field, and double the quotes inside it.";
	case CSV_NUL:
		return "The row contains a NUL byte, which no field may hold.";
	case CSV_BOM:
		return "The file starts with a broken byte order mark.";
	case CSV_FINE:
		break;
	}
	return "The row is not valid CSV.";
}

/* import_refused reports a row the CSV reader refused (got, from csv_next) and counts it, rejected:
 * true when it was one. The reader has skipped to the next row, which is read next. */
static bool import_refused(int got, const struct csv *c, FILE *report, enum lang lang, struct import_stats *st)
{
	if (got != ERR_TOOBIG && got != ERR_INVALID)
		return false;
	st->rows++;
	st->rejected++;
	import_report(report, lang, c->record, "", import_csv_fault(c->fault), NULL);
	return true;
}

static int import_batch_end(struct db *db, const struct actor *actor, const struct import_opts *o, long first, long last,
			    long imported, struct import_named *named, int rc)
{
	if (rc == 0 && !o->dry_run && named->n > 0)
		rc = name_index_put_many(db, actor->org_id, named->n, named->v);
	*named = (struct import_named){0}; /* its arena is freed with the batch's */
	if (rc == 0 && !o->dry_run && imported > 0) {
		json_t *d = json_pack("{s:s,s:I,s:I,s:I}", "source", o->source ? o->source : "", "first_row", (json_int_t)first,
				      "last_row", (json_int_t)last, "imported", (json_int_t)imported);
		rc = audit_record(db, actor, "import", "client", "", d);
		json_decref(d);
	}
	if (rc == 0 && !o->dry_run)
		rc = db_commit(db);
	if (rc || o->dry_run)
		db_rollback(db);
	return rc;
}

int import_clients(struct db *db, const struct actor *actor, FILE *in, FILE *report, const struct import_opts *o,
		   struct import_stats *st)
{
	memset(st, 0, sizeof *st);
	if (!policy_can(actor, PERM_CLIENT_WRITE))
		return ERR_FORBIDDEN;
	struct csv c;
	int rc = csv_open(&c, in);
	if (rc)
		return rc;
	int map[COL_COUNT + 1];
	for (int i = 0; i <= COL_COUNT; i++)
		map[i] = -1;
	rc = csv_next(&c);
	if (rc == ERR_TOOBIG || rc == ERR_INVALID)
		fprintf(stderr, i18n_t(o->lang, "pendamping: the header row cannot be read: %s\n"),
			i18n_t(o->lang, import_csv_fault(c.fault)));
	else if (rc == 0)
		fprintf(stderr, i18n_t(o->lang, "pendamping: the file has no header row naming the columns\n"));
	if (rc != 1) {
		csv_close(&c);
		return rc == 0 || rc == ERR_TOOBIG || rc == ERR_INVALID ? ERR_USAGE : rc;
	}
	for (int i = 0; i < c.nfields; i++) {
		char *h = str_trim((char *)c.fields[i]);
		int k = -1;
		for (int j = 0; j < COL_COUNT; j++)
			if (strcasecmp(h, import_columns[j]) == 0)
				k = j;
		if (k < 0 || map[k] >= 0) {
			fprintf(stderr,
				i18n_t(o->lang, k < 0 ? "pendamping: column %d of the header, '%s', is not a registry field; the columns are"
							" nik, kk, name, other_names, sex, birth_place, birth_date, address, region, phone,"
							" ppks, flags, notes, external_id\n"
						      : "pendamping: column %d of the header, '%s', is named twice\n"),
				i + 1, h);
			csv_close(&c);
			return ERR_USAGE;
		}
		map[k] = i;
	}
	map[COL_COUNT] = c.nfields;
	if (map[COL_NAME] < 0) {
		fprintf(stderr, i18n_t(o->lang, "pendamping: the header has no 'name' column\n"));
		csv_close(&c);
		return ERR_USAGE;
	}
	bool ppks_known[100] = {false};
	for (int code = 1; code < 100; code++) {
		rc = client_store_ppks_known(db, code, &ppks_known[code]);
		if (rc) {
			csv_close(&c);
			return rc;
		}
	}
	if (report)
		fputs("row,field,reason\n", report);
	struct arena a;
	arena_init(&a);
	long in_batch = 0, first = 0, batch_imported = 0;
	struct import_named named = {0};
	struct strset seen;
	strset_init(&seen);
	while (rc == 0) {
		int got = csv_next(&c);
		if (import_refused(got, &c, report, o->lang, st)) {
			if (o->abort_on_error)
				rc = ERR_INVALID;
			continue;
		}
		if (got < 0)
			rc = got;
		if (got <= 0)
			break;
		if (c.nfields == 1 && c.fields[0][0] == 0)
			continue; /* an empty line */
		if (in_batch == 0) {
			rc = db_begin(db);
			if (rc)
				break;
			first = c.record;
			batch_imported = 0;
		}
		st->rows++;
		long before = st->imported;
		rc = import_row(db, &a, actor, &c, map, ppks_known, report, o, st, &named, o->dry_run ? &seen : NULL);
		batch_imported += st->imported - before;
		in_batch++;
		if (rc == 0 && in_batch == IMPORT_BATCH) {
			rc = import_batch_end(db, actor, o, first, c.record, batch_imported, &named, 0);
			if (rc)
				st->imported -= batch_imported; /* rolled back */
			in_batch = 0;
			arena_free(&a);
			if (o->progress)
				o->progress(o->ctx, st->rows, ftell(in));
		}
	}
	if (in_batch > 0) {
		int end = import_batch_end(db, actor, o, first, c.record, batch_imported, &named, rc);
		if (rc || end)
			st->imported -= batch_imported; /* rolled back */
		rc = rc ? rc : end;
	}
	if (o->progress)
		o->progress(o->ctx, st->rows, ftell(in));
	arena_free(&a);
	strset_free(&seen);
	csv_close(&c);
	return rc;
}

int import_regions(struct db *db, const struct actor *actor, FILE *in, FILE *report, enum lang lang,
		   struct import_stats *st)
{
	memset(st, 0, sizeof *st);
	struct csv c;
	int rc = csv_open(&c, in);
	if (rc)
		return rc;
	if (report)
		fputs("row,field,reason\n", report);
	rc = db_begin(db);
	while (rc == 0) {
		int got = csv_next(&c);
		if (import_refused(got, &c, report, lang, st))
			continue;
		if (got < 0)
			rc = got;
		if (got <= 0)
			break;
		char *code = c.nfields >= 1 ? str_trim((char *)c.fields[0]) : NULL;
		char *name = c.nfields >= 2 ? str_trim((char *)c.fields[1]) : NULL;
		if (c.record == 1 && code && strcasecmp(code, "code") == 0)
			continue; /* the header */
		if (c.nfields == 1 && *code == 0)
			continue; /* an empty line */
		st->rows++;
		const char *why = NULL, *field = "code";
		if (c.nfields != 2) {
			why = "A row has two fields: code and name.";
			field = "";
		} else if (region_check(code, &why) == 0) {
			field = "name";
			if (*name == 0)
				why = "The name is missing.";
			else if (!str_utf8_valid(name, strlen(name)))
				why = "Must be UTF-8 text.";
			else if (strlen(name) > 200)
				why = "Too long: at most 200 characters.";
		}
		if (why) {
			import_report(report, lang, c.record, field, why, NULL);
			st->rejected++;
			continue;
		}
		rc = ref_store_region_put(db, code, name, region_level(code));
		if (rc == 0)
			st->imported++;
	}
	if (rc == 0 && st->rows > 0) {
		json_t *d = json_pack("{s:I,s:I}", "imported", (json_int_t)st->imported, "rejected", (json_int_t)st->rejected);
		rc = audit_record(db, actor, "import", "region", "", d);
		json_decref(d);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	csv_close(&c);
	return rc;
}
