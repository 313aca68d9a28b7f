/* fuzz_encoding.c: Accept-Encoding values as clients send them, and answers compressed and
 * inflated again (http/encoding.h). The first byte picks the room given to the compression. */
#include "http/encoding.h"
#include "base/err.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	(void)encoding_accepts_gzip(text);
	(void)encoding_compressible(text);
	free(text);
	/* Compressed with as much room as the server gives (one byte less than the answer) or less:
	 * either it fits and inflates to the same bytes, or it is refused. */
	size_t room = size == 0 ? 0 : size > 1 && data[0] & 1 ? size - 1 : size / 2;
	struct buf z;
	buf_init(&z, room);
	int rc = encoding_gzip(data, size, &z);
	if (rc == 0) {
		if (z.len > room)
			abort();
		unsigned char *out = malloc(size + 1);
		z_stream zs;
		memset(&zs, 0, sizeof zs);
		if (out == NULL || inflateInit2(&zs, 16 + 15) != Z_OK)
			abort();
		zs.next_in = (Bytef *)z.data;
		zs.avail_in = (uInt)z.len;
		zs.next_out = out;
		zs.avail_out = (uInt)size + 1;
		if (inflate(&zs, Z_FINISH) != Z_STREAM_END || zs.total_out != size || memcmp(out, data, size) != 0)
			abort();
		inflateEnd(&zs);
		free(out);
	} else if (rc != ERR_TOOBIG && rc != ERR_NOMEM) {
		abort();
	}
	buf_free(&z);
	return 0;
}
