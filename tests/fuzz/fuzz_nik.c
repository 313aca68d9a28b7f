/* fuzz_nik.c: NIK parsing and agreement, region codes, name normalisation, spelling keys and
 * name queries: a name is always found, as typed, by its own words. */
#include "domain/name.h"
#include "domain/nik.h"
#include "domain/region.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	const char *why;
	struct nik_info info;
	if (nik_parse(s, &info, &why) == 0) {
		(void)nik_mismatch(&info, 'F', "1990-01-01");
		(void)nik_mismatch(&info, 'M', s);
	}
	(void)region_check(s, &why);
	(void)region_level(s);
	(void)region_has_prefix("32.73.01.1001", s);
	char out[64];
	name_normalise(s, out, sizeof out);
	char tiny[3];
	name_normalise(s, tiny, sizeof tiny);
	static char norm[4 * 65536 + 8], key[4 * 65536 + 8], text[NAME_SEARCH_MAX];
	name_key(s, key, sizeof key);
	name_key_prefix(s, key, sizeof key);
	name_dup_key(s, key, sizeof key);
	/* The part after a newline is the query, the part before it the name. */
	char *nl = strchr(s, '\n');
	if (nl)
		*nl = 0;
	static struct name_query q;
	name_search_text(s, nl ? nl + 1 : NULL, text, sizeof text);
	name_normalise(nl ? nl + 1 : s, norm, sizeof norm);
	name_query_parse(norm, &q);
	(void)name_query_tier(&q, text);
	/* A name short enough for its whole search text is found by its own words, as typed. */
	name_normalise(s, norm, sizeof norm);
	if (strlen(s) < 2000 && name_query_parse(norm, &q) > 0 && name_query_tier(&q, text) != 0) {
		fprintf(stderr, "name \"%s\" not found by its own words\n", s);
		abort();
	}
	free(s);
	return 0;
}
