/* uuid.c: UUIDv7 from the millisecond clock and libsodium's random bytes (RFC 9562). */
#include "base/uuid.h"
#include "base/clock.h"
#include <sodium.h>
#include <string.h>

void uuid_v7(char out[37])
{
	unsigned char b[16];
	uint64_t ms = (uint64_t)clock_unix_ms();
	for (int i = 0; i < 6; i++)
		b[i] = (unsigned char)(ms >> (40 - 8 * i));
	randombytes_buf(b + 6, 10);
	b[6] = (unsigned char)(0x70 | (b[6] & 0x0f));
	b[8] = (unsigned char)(0x80 | (b[8] & 0x3f));
	static const char hex[] = "0123456789abcdef";
	int o = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[i] >> 4];
		out[o++] = hex[b[i] & 15];
	}
	out[o] = 0;
}

bool uuid_valid(const char *s)
{
	if (s == NULL || strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		char c = s[i];
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return false;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
			return false;
		}
	}
	return true;
}

bool uuid_take(char out[37], const char *s)
{
	if (s == NULL || !uuid_valid(s))
		return false;
	for (int i = 0; i < 37; i++)
		out[i] = (char)(s[i] >= 'A' && s[i] <= 'F' ? s[i] + 'a' - 'A' : s[i]);
	return true;
}
