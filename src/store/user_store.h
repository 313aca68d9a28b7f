/* user_store.h: organisations, user accounts, sessions, API tokens and log-in throttling rows. */
#ifndef PD_USER_STORE_H
#define PD_USER_STORE_H
#include <stdbool.h>
#include "base/arena.h"
#include "store/db.h"

struct user {
	int64_t id, org_id, supervisor_id;
	const char *uid, *name, *full_name, *role, *lang, *password_hash, *supervisor_name;
	const char *created_at, *updated_at;
	bool disabled;
	int64_t version;
	const char *org_time_zone, *org_region; /* the office's, for its time zone (domain/office.c) */
};

/* An organisation: the office that runs pendamping (an LKS, a centre, a Dinas Sosial). */
struct org {
	int64_t id;
	const char *uid, *name, *type;
	const char *region;    /* Kemendagri code of where it is, or NULL */
	const char *time_zone; /* "WIB", "WITA", "WIT" as set, or NULL (from region) */
	int64_t version;
	const char *updated_at;
};

/* org_store_create inserts an organisation; *id is its key. */
int org_store_create(struct db *db, const char *name, int64_t *id);
/* org_store_get reads organisation id; ERR_NOTFOUND. */
int org_store_get(struct db *db, struct arena *a, int64_t id, struct org *o);
/* org_store_update writes o's name, region and time zone when its version is still o->version
 * (ERR_CONFLICT otherwise), and counts a version more. */
int org_store_update(struct db *db, const struct org *o);
/* org_store_first returns the first organisation (the single-office default); ERR_NOTFOUND. */
int org_store_first(struct db *db, struct arena *a, int64_t *id, const char **name);

/* user_store_insert stores u (password_hash set); sets u->id and u->uid. ERR_EXISTS on a taken name. */
int user_store_insert(struct db *db, struct arena *a, int64_t by, struct user *u);
/* user_store_by_name and user_store_by_id read one user; ERR_NOTFOUND. */
int user_store_by_name(struct db *db, struct arena *a, const char *name, struct user *u);
int user_store_by_id(struct db *db, struct arena *a, int64_t id, struct user *u);
/* user_store_list returns every user of org ordered by name. */
int user_store_list(struct db *db, struct arena *a, int64_t org, struct user **users, int *n);
/* user_store_set changes one column: "disabled", "password_hash", "lang", "role", "full_name". */
int user_store_set_text(struct db *db, int64_t by, int64_t id, const char *column, const char *value);
int user_store_set_disabled(struct db *db, int64_t by, int64_t id, bool disabled);

/* Sessions are found by the hash of their token; times are unix seconds. */
int session_store_create(struct db *db, const char *token_hash, int64_t user_id, const char *csrf,
			 int64_t now);
int session_store_find(struct db *db, struct arena *a, const char *token_hash, int64_t *user_id,
		       const char **csrf, int64_t *created, int64_t *seen);
int session_store_touch(struct db *db, const char *token_hash, int64_t now);
int session_store_delete(struct db *db, const char *token_hash);
int session_store_delete_user(struct db *db, int64_t user_id);
/* session_store_purge deletes sessions created before created_before or idle since seen_before. */
int session_store_purge(struct db *db, int64_t created_before, int64_t seen_before);

/* token_store_create records a token (its digest) of user_id, refused from expires_at on (NULL:
 * never). */
int token_store_create(struct db *db, const char *token_hash, int64_t user_id, const char *now,
		       const char *expires_at);
/* token_store_revoke revokes every token of user_id; *n counts them. */
int token_store_revoke(struct db *db, int64_t user_id, int *n);
/* user_store_by_token reads the user of the API token whose digest is token_hash, unrevoked and
 * not expired at now, in one statement (every API request asks it). ERR_NOTFOUND when none. */
int user_store_by_token(struct db *db, struct arena *a, const char *token_hash, const char *now, struct user *u);

/* Throttling counters keyed by "user:NAME" or "ip:ADDR": failures within a window. */
int throttle_store_get(struct db *db, const char *key, int64_t *window_start, int64_t *failures);
int throttle_store_set(struct db *db, const char *key, int64_t window_start, int64_t failures);
int throttle_store_clear(struct db *db, const char *key);

#endif
