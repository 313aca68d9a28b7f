/* fuzz_route.c: URL paths against the real route table. */
#include "http/router.h"
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	char *path = arena_strndup(&a, (const char *)data, size);
	const char *params[REQUEST_MAX_PARAMS];
	int n;
	bool known;
	static const char *const methods[] = {"GET", "POST", "PATCH", "DELETE", "HEAD"};
	for (unsigned i = 0; path && i < 5; i++)
		(void)router_find(&a, routes, routes_count, methods[i], path, params, &n, &known);
	arena_free(&a);
	return 0;
}
