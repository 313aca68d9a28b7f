/* fuzz_form.c: form bodies, query strings, URL escapes and cookie headers. */
#include "http/request.h"
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	char *s = arena_strndup(&a, (const char *)data, size);
	struct kvlist l;
	if (kv_parse(&a, (const char *)data, size, &l) == 0) {
		for (int i = 0; i < l.n; i++)
			(void)kv_get(&l, l.items[i].key);
		const char *vals[8];
		(void)kv_all(&l, "ppks", vals, 8);
	}
	(void)url_decode(&a, (const char *)data, size, true);
	if (s)
		(void)cookie_get(&a, s, "pd_session");
	arena_free(&a);
	return 0;
}
