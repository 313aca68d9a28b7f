/* router.h: the route table type and the matcher of URL patterns like "/clients/:uid". */
#ifndef PD_ROUTER_H
#define PD_ROUTER_H
#include "http/request.h"

typedef int (*route_handler)(struct request *rq, struct response *rs);

struct route {
	const char *method;
	const char *pattern; /* literal segments and ":name" captures */
	route_handler handler;
	enum perm perm;       /* checked by policy_can() before the handler runs */
	enum route_kind kind; /* how errors are answered: an HTML page or a JSON error */
};

/* The application's routes (routes.c). */
extern const struct route routes[];
extern const int routes_count;

/* router_match tells whether path fits pattern; captures go to params (at most
 * REQUEST_MAX_PARAMS, pointing into arena memory) and their count to *nparams. */
bool router_match(struct arena *a, const char *pattern, const char *path, const char **params,
		  int *nparams);
/* router_find returns the route for method and path, or NULL; *path_known is set when some route
 * matched the path with another method (405 rather than 404). */
const struct route *router_find(struct arena *a, const struct route *table, int n,
				const char *method, const char *path, const char **params,
				int *nparams, bool *path_known);

/* router_allow lists the methods of the routes whose pattern matches path ("GET, HEAD, POST"), for
 * the Allow header of a 405; arena memory. */
const char *router_allow(struct arena *a, const struct route *table, int n, const char *path);

#endif
