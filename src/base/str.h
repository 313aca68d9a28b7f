/* str.h: string helpers: UTF-8 validation, trimming, checked number parsing, hex. */
#ifndef PD_STR_H
#define PD_STR_H
#include <stdbool.h>
#include <stddef.h>

/* str_utf8_valid tells whether s[0..n) is well-formed UTF-8 without NUL bytes or C0 controls
 * other than tab, LF and CR. */
bool str_utf8_valid(const char *s, size_t n);
/* str_utf8_chars counts the characters (code points) of a valid UTF-8 string. */
size_t str_utf8_chars(const char *s);
/* str_utf8_next returns the code point at *s and moves *s past it; a byte that does not start a
 * whole sequence is returned as itself, one byte. 0 at the end of s. */
unsigned str_utf8_next(const char **s);
/* str_trim returns s without leading and trailing ASCII white space; it writes a NUL in s. */
char *str_trim(char *s);
/* str_empty tells whether s is NULL or only white space. */
bool str_empty(const char *s);
/* str_parse_long parses all of s as a decimal integer in [min, max]; 0 or ERR_INVALID. */
int str_parse_long(const char *s, long min, long max, long *out);
/* str_all_digits tells whether s is non-empty and only ASCII digits. */
bool str_all_digits(const char *s);
/* str_hex writes 2*n lowercase hex characters and a NUL to out (size 2*n+1). */
void str_hex(const unsigned char *p, size_t n, char *out);
/* str_eq compares two possibly NULL strings. */
bool str_eq(const char *a, const char *b);
/* str_date_valid tells whether s is a real calendar date written YYYY-MM-DD. */
bool str_date_valid(const char *s);
/* str_tag writes to tag (9 bytes: 8 hex digits) a hash (FNV-1a) of the n parts (NULL as empty),
 * each ended, so that ("ab","") and ("a","b") differ: what a list's cursors carry of the query
 * they page, so that a cursor of one query given to another is refused. */
void str_tag(const char *const *parts, size_t n, char tag[9]);

#endif
