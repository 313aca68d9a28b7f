/* fuzz_csv.c: arbitrary bytes through the CSV reader used by the imports. */
#include "base/csv.h"
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size, "rb");
	if (f == NULL)
		return 0;
	struct csv c;
	if (csv_open(&c, f) == 0) {
		int rc;
		while ((rc = csv_next(&c)) == 1)
			for (int i = 0; i < c.nfields; i++)
				(void)c.fields[i][0];
		csv_close(&c);
	}
	fclose(f);
	return 0;
}
