/* region.h: Kemendagri region codes (dotted: province 32, regency 32.73, district 32.73.01,
 * village 32.73.01.1001). */
#ifndef PD_REGION_H
#define PD_REGION_H
#include <stdbool.h>
#include <stddef.h>

/* region_check validates code's form and its province; returns 0 or ERR_INVALID with *why set
 * to an English message key naming the rule broken. */
int region_check(const char *code, const char **why);
/* region_level returns 1 (province) to 4 (village) for a well-formed code, 0 otherwise. */
int region_level(const char *code);
/* region_code_len is the length of a code of level (1 province to 4 village): 2, 5, 8 or 13; 0
 * for another level. The code of a region's ancestor at level k is its first region_code_len(k)
 * bytes. */
int region_code_len(int level);
/* region_province_known tells whether the two digits at p are one of the 38 province codes. */
bool region_province_known(const char *p);
/* region_time_zone is the time zone of the province of code ("32.73" or "32"): "WIB", "WITA" or
 * "WIT"; NULL when code does not start with a known province. */
const char *region_time_zone(const char *code);
/* region_has_prefix tells whether code lies within the region prefix (same code or below it). */
bool region_has_prefix(const char *code, const char *prefix);
/* region_find_key writes to out (cap bytes) the form of text that region names are looked up by
 * (migration 017's name_key): ASCII in lower case, runs of spaces as one, none at either end, and
 * without what people put before a region's name ("Kabupaten", "Kab.", "Kota", "Kota Adm.",
 * "Kecamatan", "Kec.", "Desa", "Kelurahan", "Kel.", "Provinsi"). A text longer than out is cut.
 * Returns its length: 0 when nothing is left. */
size_t region_find_key(const char *text, char *out, size_t cap);
/* region_find_kind is the kind of regency that text names first ("Kota Bandung", "kab. garut"), as
 * a LIKE pattern of the names of the list ("Kota %", "Kabupaten %"), or NULL: such regencies are
 * then listed before the others of the same name. */
const char *region_find_kind(const char *text);

#endif
