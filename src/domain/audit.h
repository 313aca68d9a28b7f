/* audit.h: the audit trail's hash chain and the before/after record of a change. */
#ifndef PD_AUDIT_H
#define PD_AUDIT_H
#include <jansson.h>
#include <stdint.h>
#include "base/secret.h"
#include "domain/policy.h"
#include "store/db.h"

/* One row of the audit trail, as stored. */
struct audit_row {
	int64_t id;
	const char *at;
	const char *user_name;
	const char *action; /* "create", "update", "archive", "login", ... */
	const char *entity; /* "client", "user", "session", ... */
	const char *entity_uid;
	const char *detail; /* JSON */
	const char *prev_hash;
};

/* The hash of the first row's predecessor. */
#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* audit_hash computes the row's chain hash: BLAKE2b-256 over prev_hash and every field, each
 * length-prefixed so that no two different rows hash alike. */
void audit_hash(const struct audit_row *row, char out[SECRET_HASH_HEX]);
/* audit_diff returns a new JSON object {"field":{"before":b,"after":a},...} for the fields whose
 * values differ between before and after (either may be NULL). Fields named in sensitive are
 * recorded as {"changed":true} without their values. Caller owns the result (json_decref). */
json_t *audit_diff(const json_t *before, const json_t *after, const char *const *sensitive);
/* audit_fields returns a new copy of the object fields for a record of something created, with
 * each field named in sensitive recorded as {"changed":true} without its value; NULL when out of
 * memory. Caller owns the result. */
json_t *audit_fields(const json_t *fields, const char *const *sensitive);
/* audit_changed returns a new {"changed":true}: what stands in the trail for a value it keeps out. */
json_t *audit_changed(void);

/* audit_record appends one row for actor (NULL: the command line, recorded as "system") inside
 * the caller's transaction: the audit row commits or rolls back with the change it describes.
 * detail (may be NULL) is borrowed. 0 or ERR_DB. */
int audit_record(struct db *db, const struct actor *actor, const char *action, const char *entity,
		 const char *entity_uid, json_t *detail);
/* audit_verify walks the chain; 0 when intact with *count rows, or ERR_INVALID with *bad_id the
 * first row whose hash or link does not match. */
int audit_verify(struct db *db, int64_t *count, int64_t *bad_id);

#endif
