/* log.h: one-line log records on standard error. */
#ifndef PD_LOG_H
#define PD_LOG_H

/* log_info and log_error print "TIME LEVEL message" lines to stderr; thread-safe. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
