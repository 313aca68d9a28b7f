/* client.h: the client registry (klien): the record, its rules, and the actions on it.
 *
 * Strings in a struct client point into the caller's arena. Every action checks its permission
 * through policy.c, runs in one transaction and writes its audit row in that transaction. */
#ifndef PD_CLIENT_H
#define PD_CLIENT_H
#include <stdbool.h>
#include <stdint.h>
#include "base/arena.h"
#include "base/fault.h"
#include "domain/policy.h"
#include "store/audit_store.h"
#include "store/db.h"

#define CLIENT_MAX_PPKS 26
#define CLIENT_MAX_HOUSEHOLD 20
#define CLIENT_MAX_FLAGS 4
#define CLIENT_WG_DOMAINS 6
#define CLIENT_MAX_DUPS 5

/* Washington Group short set: six domains, each answered on a four-level scale. */
extern const char *const client_wg_domains[CLIENT_WG_DOMAINS]; /* "seeing", ... */
extern const char *const client_wg_levels[5];   /* "", "none", "some", "a_lot", "cannot" */
/* Flags that lists can filter on. */
extern const char *const client_flags[CLIENT_MAX_FLAGS]; /* "needs_id_documents", ... */
/* Consent scopes: what the client agreed to. */
extern const char *const client_consent_scopes[3];

struct household_member {
	const char *name, *relation, *sex, *birth_date, *nik;
};

struct consent {
	const char *given_on;    /* YYYY-MM-DD */
	const char *scope;       /* one of client_consent_scopes */
	const char *recorded_by; /* user name, filled by the program */
	const char *guardian_name, *guardian_relation;
};

struct client {
	int64_t id;
	const char *uid;
	const char *nik, *kk, *name, *other_names, *sex, *birth_place, *birth_date;
	const char *address, *region, *phone, *notes;
	int ppks[CLIENT_MAX_PPKS];
	int nppks;
	int disability[CLIENT_WG_DOMAINS]; /* 0 unanswered, 1 none .. 4 cannot */
	struct household_member household[CLIENT_MAX_HOUSEHOLD];
	int nhousehold;
	bool has_consent;
	struct consent consent;
	const char *flags[CLIENT_MAX_FLAGS];
	int nflags;
	const char *nik_warning; /* set by the program when a NIK mismatch was confirmed */
	bool variant;            /* a name search found it only through another spelling or joined words */
	int64_t version;
	const char *created_at, *updated_at, *created_by, *updated_by, *archived_at;
	const char *region_name; /* looked up for display */
	const char *region_within; /* the names of the regions above it, nearest first ("Coblong, Kota
				    * Bandung, Jawa Barat"), in lists that ask (client_query.within) */
	const char *name_norm;    /* derived by client_validate: for sorting and duplicates */
	const char *search_names; /* derived by client_validate: normalised name and other names */
	bool sensitive_loaded;   /* disability, household, consent and notes were read */
	/* Input only: the worker confirmed the warnings shown. */
	bool confirm_nik_mismatch, confirm_duplicate;
};

/* What a failed create or update tells the user beyond the field faults. */
struct client_result {
	struct faults faults;
	const char *existing_uid;   /* ERR_EXISTS: the client that already has this NIK */
	const char *nik_mismatch;   /* ERR_CONFIRM: the NIK disagrees with sex or birth date */
	int ndup;                   /* ERR_CONFIRM: likely duplicates (same name and birth date) */
	const char *dup_uid[CLIENT_MAX_DUPS], *dup_name[CLIENT_MAX_DUPS];
	struct client current;      /* ERR_CONFLICT: the record as it is now */
};

struct client_query {
	const char *q;      /* NIK digits or words of the name */
	const char *region; /* code prefix */
	int ppks;           /* 0 for any */
	const char *flag;   /* one of client_flags, or "nik_warning" */
	bool archived;      /* list archived clients instead of active ones */
	bool by_update;     /* sort by last update (newest first) instead of name */
	const char *cursor; /* from a previous page */
	int limit;          /* 1-100 */
	bool within;        /* name the regions above each client's region too (region_within) */
};

struct client_page {
	struct client *items;
	int n;
	const char *next_cursor; /* NULL on the last page */
};

/* client_validate checks every field of c, normalising it in place (trimmed, empty to NULL), and
 * adds a fault per problem. Returns 0 or ERR_INVALID. */
int client_validate(struct arena *a, struct client *c, struct faults *f);

/* client_create validates and stores a new client for actor's organisation. On success c->uid,
 * c->version and timestamps are set. Errors: ERR_FORBIDDEN, ERR_INVALID (res->faults), ERR_EXISTS
 * (res->existing_uid), ERR_CONFIRM (res->nik_mismatch or res->dup_*), ERR_DB. */
int client_create(struct db *db, struct arena *a, const struct actor *actor, struct client *c,
		  struct client_result *res);
/* client_update replaces the record uid with c, if c->version is the version stored; else
 * ERR_CONFLICT with res->current. Other errors as client_create, and ERR_NOTFOUND. */
int client_update(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
		  struct client *c, struct client_result *res);
/* client_archive archives uid (idempotent). ERR_NOTFOUND, ERR_FORBIDDEN, ERR_DB. */
int client_archive(struct db *db, struct arena *a, const struct actor *actor, const char *uid);
/* client_get reads uid into *c; specific personal data only when actor may see it. */
int client_get(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
	       struct client *c);
/* client_access_log lists who opened the client's file (record and cases), when and why.
 * Workers, supervisors and administrators may print it for the client. */
int client_access_log(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
		      struct client *c, struct audit_item **items, int *n);
/* client_region_check adds a fault on region to f when code, a region code of the right shape (a
 * client's or a partner agency's), is not in the loaded region list where the list goes that deep
 * (ref_store_region_listed); the code kept, already on the record, is accepted as it is. 0 or a
 * store error. */
int client_region_check(struct db *db, struct arena *a, const char *code, const char *kept, struct faults *f);
/* client_query_problem is the reason (a message key) why q cannot be answered, with the field at
 * fault in *field; NULL when it can. The search text q->q: longer than 200 characters, or neither
 * a name's letters nor a NIK's digits (punctuation alone would list everyone); region: not a
 * region code's shape; flag: not one of client_flags or "nik_warning". */
const char *client_query_problem(const struct client_query *q, const char **field);
/* client_search returns one page of clients matching q. A NIK may be typed with spaces, dots or
 * dashes between its digits. next_cursor carries a tag of q's search and filters: ERR_INVALID
 * for a cursor that is not valid or belongs to another search. */
int client_search(struct db *db, struct arena *a, const struct actor *actor,
		  const struct client_query *q, struct client_page *page);
/* client_has_flag tells whether c carries flag. */
bool client_has_flag(const struct client *c, const char *flag);

#endif
