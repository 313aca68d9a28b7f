/* clock.c: time in the formats the store and the API use. */
#include "base/clock.h"
#include "base/err.h"
#include "base/str.h"
#include <string.h>
#include <time.h>

int64_t clock_unix_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_unix(void)
{
	return clock_unix_ms() / 1000;
}

int64_t clock_mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void clock_iso_from(int64_t unix_seconds, char out[25])
{
	time_t t = (time_t)unix_seconds;
	struct tm tm;
	gmtime_r(&t, &tm);
	if (strftime(out, 25, "%Y-%m-%dT%H:%M:%S.000Z", &tm) == 0)
		out[0] = 0;
}

void clock_now_iso(char out[25])
{
	int64_t ms = clock_unix_ms();
	clock_iso_from(ms / 1000, out);
	int m = (int)(ms % 1000);
	out[20] = (char)('0' + m / 100);
	out[21] = (char)('0' + m / 10 % 10);
	out[22] = (char)('0' + m % 10);
}

int clock_date_unix(const char *date, int64_t *out)
{
	if (!str_date_valid(date))
		return ERR_INVALID;
	struct tm tm = {0};
	tm.tm_year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0') - 1900;
	tm.tm_mon = (date[5] - '0') * 10 + (date[6] - '0') - 1;
	tm.tm_mday = (date[8] - '0') * 10 + (date[9] - '0');
	*out = (int64_t)timegm(&tm);
	return 0;
}

/* clock_two reads the two decimal digits at s; -1 when they are not. */
static int clock_two(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int clock_iso_unix(const char *iso, int64_t *out)
{
	/* strnlen reads at most 16 bytes: a shorter text is refused before a byte past its end. */
	if (iso == NULL || strnlen(iso, 16) < 16 || iso[10] != 'T' || iso[13] != ':')
		return ERR_INVALID;
	char date[11];
	memcpy(date, iso, 10);
	date[10] = 0;
	int64_t day;
	int h = clock_two(iso + 11), m = clock_two(iso + 14);
	if (clock_date_unix(date, &day) || h < 0 || h > 23 || m < 0 || m > 59)
		return ERR_INVALID;
	*out = day + h * 3600 + m * 60;
	return 0;
}

void clock_today(char out[11])
{
	char iso[25];
	clock_now_iso(iso);
	memcpy(out, iso, 10);
	out[10] = 0;
}

void clock_today_at(int offset, char out[11])
{
	char iso[25];
	clock_iso_from(clock_unix() + offset, iso);
	memcpy(out, iso, 10);
	out[10] = 0;
}
