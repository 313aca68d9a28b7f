/* nik.h: the Indonesian population number (NIK): its structure and its agreement with a person. */
#ifndef PD_NIK_H
#define PD_NIK_H

struct nik_info {
	char region[9]; /* "PP.KK.CC": province, regency, district of registration */
	int day;        /* 1-31, the 40 for women removed */
	int month;      /* 1-12 */
	int year2;      /* two-digit birth year */
	char sex;       /* 'F' when the day had 40 added, else 'M' */
};

/* nik_parse checks the rules (16 digits; known province in digits 1-2; day 1-31 or 41-71 in
 * digits 7-8; month 1-12 in 9-10; serial 13-16 not 0000). Returns 0 and fills *out (may be NULL),
 * or ERR_INVALID with *why an English message key naming the broken rule. */
int nik_parse(const char *nik, struct nik_info *out, const char **why);
/* nik_mismatch compares a parsed NIK with the sex ('F'/'M', 0 if unknown) and birth date
 * (YYYY-MM-DD or NULL) entered. Returns NULL when they agree, else an English message key. */
const char *nik_mismatch(const struct nik_info *info, char sex, const char *birth_date);

#endif
