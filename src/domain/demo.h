/* demo.h: realistic, deterministic demo data: users of every role and a registry of clients. */
#ifndef PD_DEMO_H
#define PD_DEMO_H
#include "base/arena.h"
#include "store/db.h"

#define DEMO_PASSWORD "pendamping-demo"
#define DEMO_CLIENTS 200

/* A demo log-in: its user name and what it may do (a message key), for printing. */
struct demo_login {
	const char *name, *role;
};
/* demo_logins lists the demo log-ins, ended by {NULL, NULL}. */
extern const struct demo_login demo_logins[];

/* demo_load adds what is missing of the demo data to org: the users (password DEMO_PASSWORD) and,
 * once, nclients clients through the same rules as the web form. Idempotent. */
int demo_load(struct db *db, int64_t org, int nclients);

#endif
