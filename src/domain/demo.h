/* demo.h: realistic, deterministic demo data: users of every role and a registry of clients. */
#ifndef PD_DEMO_H
#define PD_DEMO_H
#include "base/arena.h"
#include "store/db.h"

#define DEMO_PASSWORD "pendamping-demo"
#define DEMO_CLIENTS 200

/* demo_users lists the demo log-ins as "name (role)" lines, for printing. */
extern const char *const demo_logins[];

/* demo_load adds what is missing of the demo data to org: the users (password DEMO_PASSWORD) and,
 * once, nclients clients through the same rules as the web form. Idempotent. */
int demo_load(struct db *db, int64_t org, int nclients);

#endif
