/* genogram.h: a family's genogram (McGoldrick's symbols) drawn as a standalone SVG picture. */
#ifndef PD_GENOGRAM_H
#define PD_GENOGRAM_H
#include "base/buf.h"
#include <stdbool.h>

/* GENO_MAX_PEOPLE and GENO_MAX_LINKS bound one drawing. */
#define GENO_MAX_PEOPLE 60
#define GENO_MAX_LINKS 400

enum geno_sex { GENO_FEMALE, GENO_MALE, GENO_UNKNOWN };

/* One member of the family. Strings are borrowed for the call only. */
struct geno_person {
	const char *id;   /* unique key that links refer to (the first person wins on duplicates) */
	const char *name; /* shown under the symbol; NULL shows nothing */
	enum geno_sex sex;
	int birth_year;   /* 0 when unknown */
	bool deceased;
	int generation;   /* -2 grandparents .. +2 grandchildren, 0 the client's */
	bool is_client;
};

/* The kinds of line between two people, in the order of the legend labels. */
enum geno_rel {
	GENO_MARRIED,
	GENO_DIVORCED,
	GENO_SEPARATED,
	GENO_PARENT, /* a is a parent of b */
	GENO_CONFLICT,
	GENO_CLOSE,
	GENO_CUTOFF,
};

/* A line between the people whose ids are a and b. */
struct geno_link {
	const char *a, *b;
	enum geno_rel kind;
};

/* genogram_svg appends a standalone SVG drawing of the family to out.
 *
 * Layout: one row per generation present (oldest on top); partners side by side (man left,
 * woman right unless their parents' places say otherwise); siblings oldest-left under their
 * parents, each family's children centred under the couple as far as the other families allow.
 * Symbols: square = male, circle = female, diamond = unknown; a double outline marks the client
 * and an X the deceased; the name (at most two lines, shortened with "…" and a tooltip) and the
 * birth year under each symbol. Lines: married = solid line between the partners, separated = one
 * slash across it, divorced = two slashes; parent = a line from the couple's line (or from a
 * single parent) down to a bar over the children, with a drop to each child; two parents not
 * linked as partners get a thin dashed line between them (they are drawn side by side);
 * conflict = red zigzag, close = green double line, cutoff = a line broken by a gap between two
 * bars (arched above the symbols when both people share a row). Parent links need the parent in
 * an earlier generation; only a child's first two parents count. Links naming unknown ids, a
 * person to themselves, or with an unknown kind are skipped. A visible title heads the picture and
 * a legend at the bottom shows each line kind beside legend[kind] (translated labels in enum order;
 * a NULL label leaves its entry out). Classes for the site's stylesheet: svg-title, geno-person,
 * geno-client, geno-deceased, geno-name, geno-year, geno-legend. The same input always gives the
 * same bytes.
 *
 * Returns 0; ERR_INVALID when out, title or legend is NULL, people (links) is NULL with
 * npeople (nlinks) > 0, a count is negative, npeople > GENO_MAX_PEOPLE, nlinks > GENO_MAX_LINKS,
 * a person's id is NULL or a generation is outside -2..+2 (nothing is written then); or the
 * buffer's ERR_TOOBIG / ERR_NOMEM (the buffer is then freed, see base/buf.h). */
int genogram_svg(struct buf *out, const struct geno_person *people, int npeople,
		 const struct geno_link *links, int nlinks, const char *title, const char *const legend[7]);

#endif
