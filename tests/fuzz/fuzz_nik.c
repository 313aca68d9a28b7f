/* fuzz_nik.c: NIK parsing and agreement, region codes and name normalisation. */
#include "domain/name.h"
#include "domain/nik.h"
#include "domain/region.h"
#include <stdint.h>
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
	free(s);
	return 0;
}
