/* case_kind.h: the kinds of item recorded on a case and the field specifications that validate
 * them, so that every kind is checked, stored, rendered and described by one table. */
#ifndef PD_CASE_KIND_H
#define PD_CASE_KIND_H
#include <jansson.h>
#include <stdbool.h>
#include "base/arena.h"
#include "base/fault.h"

enum field_type {
	FT_TEXT,   /* one line, up to max characters */
	FT_LONG,   /* several lines, up to max characters */
	FT_DATE,   /* YYYY-MM-DD */
	FT_INT,    /* whole number in [min, max] */
	FT_ENUM,   /* one of choices */
	FT_BOOL,   /* true or false */
	FT_REF,    /* the uid of another item of this case (ref_kind) or of an agency */
	FT_SCORES, /* [{"goal": uid, "score": -2..2}]: goal attainment at a review */
};

#define FIELD_REQUIRED 1u
#define FIELD_SEALED 2u /* encrypted in the row: narratives and specific personal data */
#define FIELD_CODE 4u   /* text the program writes (a stage, a user's name, a time), not a person's words */

struct field_spec {
	const char *name;
	enum field_type type;
	unsigned flags;
	long min, max;              /* FT_INT range; FT_TEXT/FT_LONG maximum characters */
	const char *const *choices; /* FT_ENUM, NULL-terminated */
	const char *label;          /* English label (msgid) */
	const char *ref_kind;       /* FT_REF: "goal", "person" or "agency" */
};

struct case_kind {
	const char *name;       /* "session" */
	const char *plural;     /* "sessions": the URL segment */
	const char *label;      /* English label (msgid) */
	const char *date_field; /* field whose date places the item on the timeline; NULL: today */
	bool user_made;         /* recorded through the generic endpoints (false: stage, approval, ...) */
	const struct field_spec *fields;
	int nfields;
};

extern const struct case_kind case_kinds[];
extern const int case_kinds_count;

/* case_kind_find looks a kind up by name or plural; NULL when unknown. */
const struct case_kind *case_kind_find(const char *name);
/* case_kind_field finds a field of kind by name; NULL when unknown. */
const struct field_spec *case_kind_field(const struct case_kind *k, const char *name);
/* case_kind_written lists, NULL-terminated in arena memory, the fields of k that hold what a
 * person wrote (text not marked FIELD_CODE): the audit trail records them only as changed, since
 * those who read it may not read the case. NULL when out of memory. */
const char **case_kind_written(struct arena *a, const struct case_kind *k);
/* case_kind_label_of returns the English label of an enum choice value (e.g. "home_visit" →
 * "Home visit"), or the value itself. */
const char *case_kind_choice_label(const char *value);

/* case_kind_parse validates the members of in for kind k (unknown members, types, ranges, choices,
 * required fields, "level") on top of base (the stored values when updating, or NULL), and splits
 * the result into *plain and *sealed (new objects owned by the caller) with *level and *at (the
 * timeline date, arena memory: the date field's, or today for a kind without one, the office's
 * date). Returns 0 or ERR_INVALID with faults. References are checked for
 * shape only; the caller checks that they exist. */
int case_kind_parse(struct arena *a, const struct case_kind *k, json_t *in, json_t *base, const char *today,
		    json_t **plain, json_t **sealed, const char **level, const char **at,
		    struct faults *f);

#endif
