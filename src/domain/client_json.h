/* client_json.h: a client as the API's JSON object, both ways, with field-level faults. */
#ifndef PD_CLIENT_JSON_H
#define PD_CLIENT_JSON_H
#include <jansson.h>
#include "domain/client.h"

/* client_from_json applies the members of obj to c (start from a zeroed client to create, or the
 * stored one to patch). Unknown members and wrong types become faults naming the member; read-only
 * members (uid, created_at, ...) are ignored. Returns 0 or ERR_INVALID. *version is set when obj
 * carries "version" (else left alone). Strings are copied into a. */
int client_from_json(struct arena *a, json_t *obj, struct client *c, int64_t *version,
		     struct faults *f);
/* client_to_json returns a new object; specific personal data only when c->sensitive_loaded. */
json_t *client_to_json(const struct client *c);
/* client_summary_json returns the list form (no specific personal data). */
struct buf;

json_t *client_summary_json(const struct client *c);
/* client_summary_write appends the list form of c as JSON text, the same object as
 * client_summary_json gives, without building it first (long lists). */
int client_summary_write(struct buf *b, const struct client *c);

#endif
