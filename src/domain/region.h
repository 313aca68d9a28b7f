/* region.h: Kemendagri region codes (dotted: province 32, regency 32.73, district 32.73.01,
 * village 32.73.01.1001). */
#ifndef PD_REGION_H
#define PD_REGION_H
#include <stdbool.h>

/* region_check validates code's form and its province; returns 0 or ERR_INVALID with *why set
 * to an English message key naming the rule broken. */
int region_check(const char *code, const char **why);
/* region_level returns 1 (province) to 4 (village) for a well-formed code, 0 otherwise. */
int region_level(const char *code);
/* region_province_known tells whether the two digits at p are one of the 38 province codes. */
bool region_province_known(const char *p);
/* region_has_prefix tells whether code lies within the region prefix (same code or below it). */
bool region_has_prefix(const char *code, const char *prefix);

#endif
