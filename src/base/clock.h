/* clock.h: wall-clock time as UTC ISO 8601 text and monotonic time for durations. */
#ifndef PD_CLOCK_H
#define PD_CLOCK_H
#include <stdint.h>

/* clock_now_iso writes the current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ" into out[25]. */
void clock_now_iso(char out[25]);
/* clock_iso_from writes unix seconds as "YYYY-MM-DDTHH:MM:SS.000Z" into out[25]. */
void clock_iso_from(int64_t unix_seconds, char out[25]);
/* clock_unix returns the current unix time in seconds. */
int64_t clock_unix(void);
/* clock_unix_ms returns the current unix time in milliseconds. */
int64_t clock_unix_ms(void);
/* clock_mono_us returns a monotonic time in microseconds, for durations. */
int64_t clock_mono_us(void);
/* clock_date_unix sets *out to the unix time at which date ("YYYY-MM-DD", a real date) begins in
 * UTC; ERR_INVALID for another text. */
int clock_date_unix(const char *date, int64_t *out);
/* clock_iso_unix sets *out to the unix time of the minute an ISO 8601 UTC time names
 * ("YYYY-MM-DDTHH:MM", seconds and what follows not read); ERR_INVALID for another text. */
int clock_iso_unix(const char *iso, int64_t *out);
/* clock_today writes today's UTC date as "YYYY-MM-DD" into out[11]. */
void clock_today(char out[11]);
/* clock_today_at writes the date at UTC plus offset seconds (a time zone) as "YYYY-MM-DD". */
void clock_today_at(int offset, char out[11]);

#endif
