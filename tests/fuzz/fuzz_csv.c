/* fuzz_csv.c: arbitrary bytes through the CSV reader used by the imports. */
#include "base/csv.h"
#include "base/err.h"
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
		/* A refused record is skipped to its end: reading goes on to the end of the input, and
		 * every call reads at least one byte, so the loop ends within size + 1 calls. */
		int rc;
		long calls = 0, record = 0;
		while ((rc = csv_next(&c)) == 1 || rc == ERR_TOOBIG || rc == ERR_INVALID) {
			if (++calls > (long)size + 1 || c.record != ++record)
				__builtin_trap();
			if (rc == 1)
				for (int i = 0; i < c.nfields; i++)
					(void)c.fields[i][0];
			else if (c.fault == CSV_FINE)
				__builtin_trap();
		}
		if (rc != 0)
			__builtin_trap();
		csv_close(&c);
	}
	fclose(f);
	return 0;
}
