/* log.c: timestamped log lines; each line is written with one call so threads do not interleave. */
#include "base/log.h"
#include "base/clock.h"
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

static void log_line(const char *level, const char *fmt, va_list ap)
{
	char line[1024];
	char now[25];
	clock_now_iso(now);
	int n = snprintf(line, sizeof line, "%s %s ", now, level);
	if (n < 0 || (size_t)n >= sizeof line)
		return;
	int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	if (m < 0)
		return;
	size_t len = (size_t)n + (size_t)m;
	if (len > sizeof line - 2)
		len = sizeof line - 2;
	line[len++] = '\n';
	ssize_t w = write(2, line, len);
	(void)w; /* nowhere to report a failed log write */
}

void log_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("INFO", fmt, ap);
	va_end(ap);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("ERROR", fmt, ap);
	va_end(ap);
}
