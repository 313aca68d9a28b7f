/* agency.h: partner agencies (the referral directory) and supervision records between a worker
 * and their supervisor (the worker's self-awareness principle: private to the two of them). */
#ifndef PD_AGENCY_H
#define PD_AGENCY_H
#include <jansson.h>
#include "base/fault.h"
#include "domain/policy.h"
#include "store/agency_store.h"

extern const char *const agency_types[]; /* NULL-terminated */

/* agency_add validates a JSON agency {name, type, services, region, contact, external} and stores it. */
int agency_add(struct db *db, struct arena *a, const struct actor *actor, json_t *in, struct agency_row *out,
	       struct faults *f);
int agency_list(struct db *db, struct arena *a, const struct actor *actor, const char *q, struct agency_row **rows,
		int *n);

struct supervision_item {
	const char *uid, *held_on, *worker, *supervisor, *notes;
};

/* supervision_add records a session between worker and supervisor; the caller must be one of the
 * two (a supervisor names the worker, a worker is paired with their own supervisor). */
int supervision_add(struct db *db, struct arena *a, const struct actor *actor, const char *worker,
		    const char *held_on, const char *notes, const char **uid, struct faults *f);
/* supervision_list lists the pair's records (worker NULL: the caller is the worker, with their
 * supervisor). ERR_INVALID with a fault on "worker" for a worker who is not the calling
 * supervisor's, or named by someone who is not a supervisor. */
int supervision_list(struct db *db, struct arena *a, const struct actor *actor, const char *worker,
		     struct supervision_item **items, int *n, struct faults *f);

#endif
