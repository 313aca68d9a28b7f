/* agency_store.h: the directory of partner agencies and the supervision records. */
#ifndef PD_AGENCY_STORE_H
#define PD_AGENCY_STORE_H
#include <stdbool.h>
#include "base/arena.h"
#include "store/db.h"

struct agency_row {
	int64_t id, version;
	const char *uid, *name, *type, *services, *region, *contact, *updated_at;
	bool external;
};

struct supervision_row {
	const char *uid, *held_on, *worker, *supervisor, *created_at;
	const unsigned char *box;
	size_t box_len;
};

int agency_store_insert(struct db *db, struct arena *a, int64_t org, int64_t user, struct agency_row *r);
int agency_store_list(struct db *db, struct arena *a, int64_t org, const char *q, struct agency_row **rows, int *n);
int supervision_store_insert(struct db *db, struct arena *a, int64_t worker, int64_t supervisor, const char *held_on,
			     const unsigned char *box, size_t n, int64_t by, const char **uid);
/* supervision_store_list lists the records between worker and supervisor, newest first. */
int supervision_store_list(struct db *db, struct arena *a, int64_t worker, int64_t supervisor,
			   struct supervision_row **rows, int *n);

#endif
