/* audit_store.h: rows of the append-only audit table. The chain itself is domain/audit.c's. */
#ifndef PD_AUDIT_STORE_H
#define PD_AUDIT_STORE_H
#include "base/arena.h"
#include "domain/audit.h"
#include "store/db.h"

/* audit_store_last sets *id and hash (SECRET_HASH_HEX) to the newest row's, or 0 and the genesis. */
int audit_store_last(struct db *db, int64_t *id, char hash[SECRET_HASH_HEX]);
/* audit_store_insert appends row (row->id must be the next id) with its hash. */
int audit_store_insert(struct db *db, const struct audit_row *row, int64_t user_id, const char *hash);

struct audit_filter {
	const char *user;   /* exact user name */
	const char *entity; /* "client", "user", ... */
	const char *entity_uid;
	const char *action;
	const char *since, *until; /* ISO dates, inclusive, as asked for (in a time zone) */
	const char *from_at, *to_at; /* what they mean: ISO UTC times, at >= from_at and at < to_at */
	int64_t before_id;        /* paging: rows with id below this; 0 for the newest */
	int limit;
};

struct audit_item {
	struct audit_row row;
	const char *hash;
};

/* audit_store_list returns the newest rows matching f (newest first); *next is the before_id for
 * the following page or 0. */
int audit_store_list(struct db *db, struct arena *a, const struct audit_filter *f,
		     struct audit_item **items, int *n, int64_t *next);
/* audit_store_access lists who opened the file of client_uid (the client record and its cases):
 * rows of action open, read or glass, newest first, all of them. */
int audit_store_access(struct db *db, struct arena *a, const char *client_uid, struct audit_item **items, int *n);
/* audit_store_walk calls fn for each row in id order with its stored hash; stops when fn
 * returns non-zero and returns that value. */
int audit_store_walk(struct db *db, int (*fn)(void *ctx, const struct audit_row *row, const char *hash),
		     void *ctx);

#endif
