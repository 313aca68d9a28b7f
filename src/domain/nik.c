/* nik.c: NIK rules as published by Dukcapil: PPKKCC DDMMYY SSSS. */
#include "domain/nik.h"
#include "base/err.h"
#include "base/str.h"
#include "domain/region.h"
#include <stdio.h>
#include <string.h>

static int nik_two(const char *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

int nik_parse(const char *nik, struct nik_info *out, const char **why)
{
	if (nik == NULL || strlen(nik) != 16) {
		*why = "NIK must have exactly 16 digits.";
		return ERR_INVALID;
	}
	if (!str_all_digits(nik)) {
		*why = "NIK may contain digits only.";
		return ERR_INVALID;
	}
	if (!region_province_known(nik)) {
		*why = "NIK digits 1-2 must be a known province code.";
		return ERR_INVALID;
	}
	int day = nik_two(nik + 6);
	char sex = 'M';
	if (day > 40) {
		day -= 40;
		sex = 'F';
	}
	if (day < 1 || day > 31) {
		*why = "NIK digits 7-8 must be the birth day (1-31, plus 40 for women).";
		return ERR_INVALID;
	}
	int month = nik_two(nik + 8);
	if (month < 1 || month > 12) {
		*why = "NIK digits 9-10 must be the birth month (01-12).";
		return ERR_INVALID;
	}
	/* The year has two digits: 29 February is a day of the years divisible by 4, in either
	 * century (of 00, 2000 was a leap year and 1900 not, so it is let through). */
	static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (day > month_days[month - 1] || (month == 2 && day == 29 && nik_two(nik + 10) % 4 != 0)) {
		*why = "NIK digits 7-10 must be a real birth day of that month.";
		return ERR_INVALID;
	}
	if (memcmp(nik + 12, "0000", 4) == 0) {
		*why = "NIK digits 13-16 must not be 0000.";
		return ERR_INVALID;
	}
	if (out) {
		snprintf(out->region, sizeof out->region, "%.2s.%.2s.%.2s", nik, nik + 2, nik + 4);
		out->day = day;
		out->month = month;
		out->year2 = nik_two(nik + 10);
		out->sex = sex;
	}
	return 0;
}

const char *nik_mismatch(const struct nik_info *info, char sex, const char *birth_date)
{
	if ((sex == 'F' || sex == 'M') && sex != info->sex)
		return info->sex == 'F' ? "The NIK says this is a woman (birth day plus 40), but the sex entered is male."
					: "The NIK says this is a man, but the sex entered is female.";
	if (birth_date && str_date_valid(birth_date)) {
		int y = nik_two(birth_date + 2);
		int m = nik_two(birth_date + 5);
		int d = nik_two(birth_date + 8);
		if (y != info->year2 || m != info->month || d != info->day)
			return "The birth date in the NIK (digits 7-12) differs from the birth date entered.";
	}
	return NULL;
}
