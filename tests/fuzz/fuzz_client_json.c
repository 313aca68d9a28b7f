/* fuzz_client_json.c: a JSON request body through the client parser and every validation rule. */
#include "domain/client.h"
#include "domain/client_json.h"
#include <jansson.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t err;
	json_t *j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
	if (j == NULL)
		return 0;
	struct arena a;
	arena_init(&a);
	struct client c = {0};
	struct faults f = {0};
	int64_t version = 0;
	if (client_from_json(&a, j, &c, &version, &f) == 0 && client_validate(&a, &c, &f) == 0) {
		c.sensitive_loaded = true;
		json_t *out = client_to_json(&c);
		json_decref(out);
	}
	json_decref(j);
	arena_free(&a);
	return 0;
}
