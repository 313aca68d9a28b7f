/* test_office.c: the office's time zone (domain/office.h, region_time_zone): the zone of every
 * province, the zone an office keeps, UTC times shown in it, today in it; and changing the office:
 * who may, what is refused and why, the version, the audit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "domain/office.h"
#include "domain/region.h"
#include "store/audit_store.h"
#include "store/user_store.h"
#include "test_db.h"

static void test_province_zones(void **state)
{
	(void)state;
	/* Keppres 41/1987 by province (Kepmendagri 300.2.2-2138/2025's 38). */
	static const char *const wib[] = {"11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
					  "31", "32", "33", "34", "35", "36", "61", "62"};
	static const char *const wita[] = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"};
	static const char *const wit[] = {"81", "82", "91", "92", "93", "94", "95", "96"};
	size_t n = 0;
	for (size_t i = 0; i < sizeof wib / sizeof wib[0]; i++, n++)
		assert_string_equal(region_time_zone(wib[i]), "WIB");
	for (size_t i = 0; i < sizeof wita / sizeof wita[0]; i++, n++)
		assert_string_equal(region_time_zone(wita[i]), "WITA");
	for (size_t i = 0; i < sizeof wit / sizeof wit[0]; i++, n++)
		assert_string_equal(region_time_zone(wit[i]), "WIT");
	assert_int_equal(n, 38);
	/* Every known province has one, below it too; nothing else has. */
	char code[3] = {0};
	size_t known = 0;
	for (int d = 0; d < 100; d++) {
		snprintf(code, sizeof code, "%02d", d);
		assert_true((region_time_zone(code) != NULL) == region_province_known(code));
		known += region_province_known(code);
	}
	assert_int_equal(known, 38);
	assert_string_equal(region_time_zone("73.71.01.1001"), "WITA");
	assert_string_equal(region_time_zone("94.01"), "WIT");
	assert_null(region_time_zone("99.01"));
	assert_null(region_time_zone("321"));
	assert_null(region_time_zone("3"));
	assert_null(region_time_zone(""));
	assert_null(region_time_zone(NULL));
}

static void test_zone_kept(void **state)
{
	(void)state;
	/* Set wins over the region; the region's without one; WIB without either. */
	assert_string_equal(office_zone("WIT", "32.73"), "WIT");
	assert_string_equal(office_zone(NULL, "51.71"), "WITA");
	assert_string_equal(office_zone(NULL, "91"), "WIT");
	assert_string_equal(office_zone(NULL, NULL), "WIB");
	assert_string_equal(office_zone(NULL, "99"), "WIB");
	assert_string_equal(office_zone("EST", "74"), "WITA"); /* not a zone: as if unset */
	assert_string_equal(office_zone("wita", NULL), "WIB");	/* names are exact */
	assert_int_equal(office_zone_offset("WIB"), 7 * 3600);
	assert_int_equal(office_zone_offset("WITA"), 8 * 3600);
	assert_int_equal(office_zone_offset("WIT"), 9 * 3600);
	assert_int_equal(office_zone_offset(NULL), 7 * 3600);
	assert_int_equal(office_zone_offset("UTC"), 7 * 3600);
}

static void test_time_shown(void **state)
{
	(void)state;
	char out[24];
	/* 15:30 UTC: 22:30 in Jakarta, 23:30 in Makassar, already tomorrow in Jayapura. */
	assert_int_equal(office_time("2026-11-30T15:30:00.000Z", "WIB", out), 0);
	assert_string_equal(out, "2026-11-30 22:30 WIB");
	assert_int_equal(office_time("2026-11-30T15:30:00.000Z", "WITA", out), 0);
	assert_string_equal(out, "2026-11-30 23:30 WITA");
	assert_int_equal(office_time("2026-11-30T15:30:00.000Z", "WIT", out), 0);
	assert_string_equal(out, "2026-12-01 00:30 WIT");
	/* Across a month, a year and a leap day. */
	assert_int_equal(office_time("2026-12-31T20:05:59Z", "WIB", out), 0);
	assert_string_equal(out, "2027-01-01 03:05 WIB");
	assert_int_equal(office_time("2028-02-28T18:00:00.000Z", "WIT", out), 0);
	assert_string_equal(out, "2028-02-29 03:00 WIT");
	assert_int_equal(office_time("2026-01-01T00:00:00.000Z", NULL, out), 0);
	assert_string_equal(out, "2026-01-01 07:00 WIB");
	/* Not a time: refused, nothing written. */
	static const char *const bad[] = {NULL, "", "2026-11-30", "2026-11-30 15:30", "2026-13-01T00:00Z",
					  "2026-11-30T24:00Z", "2026-11-30T15:60Z", "2026-11-00T10:00Z",
					  "x026-11-30T15:30Z", "+2026-11-30T15:30Z", "9999-12-31T23:00Z",
					  "2026-02-31T10:00Z", "2026-11-30T1:30:00Z"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memcpy(out, "junk", 5);
		assert_int_equal(office_time(bad[i], "WIB", out), ERR_INVALID);
		assert_string_equal(out, "");
	}
}

static void test_day_start(void **state)
{
	(void)state;
	/* Where a day starts in UTC: the audit page's days are the office's. */
	int64_t t = 0;
	assert_int_equal(clock_date_unix("1970-01-01", &t), 0);
	assert_int_equal(t, 0);
	assert_int_equal(clock_date_unix("2026-11-30", &t), 0);
	assert_int_equal(t, 1795996800);
	char iso[25];
	clock_iso_from(t - office_zone_offset("WIB"), iso);
	assert_string_equal(iso, "2026-11-29T17:00:00.000Z");
	assert_int_equal(clock_date_unix("2028-02-29", &t), 0);
	clock_iso_from(t + 86400 - office_zone_offset("WIT"), iso);
	assert_string_equal(iso, "2028-02-29T15:00:00.000Z");
	static const char *const bad[] = {NULL, "", "2026-02-29", "2026-11-31", "2026-1-30", "2026-11-30T00:00", "30-11-2026"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = 42;
		assert_int_equal(clock_date_unix(bad[i], &t), ERR_INVALID);
		assert_int_equal(t, 42);
	}
}

static void test_clock_shown(void **state)
{
	(void)state;
	/* Now, as the office page shows it: the unix time in the zone. */
	char out[24];
	assert_int_equal(office_clock(1795996800 + 15 * 3600 + 30 * 60, "WIT", out), 0);
	assert_string_equal(out, "2026-12-01 00:30 WIT");
	assert_int_equal(office_clock(0, "nowhere", out), 0);
	assert_string_equal(out, "1970-01-01 07:00 WIB");
	int64_t t = 0;
	assert_int_equal(clock_iso_unix("2026-11-30T15:30:59.999Z", &t), 0);
	assert_int_equal(t, 1795996800 + 15 * 3600 + 30 * 60); /* to the minute */
	assert_int_equal(office_clock(253402300740, "WIB", out), ERR_INVALID); /* 9999-12-31T23:59Z */
	assert_string_equal(out, "");
}

static void test_today(void **state)
{
	(void)state;
	/* The actor's zone gives the date; WIB without one. Read around the call, so that a midnight
	 * passing between them still leaves one of the two to match. */
	static const char *const zones[] = {"WIB", "WITA", "WIT"};
	for (int z = 0; z < 3; z++) {
		struct actor actor = {.zone = zones[z]};
		char before[11], got[11], after[11];
		clock_today_at((7 + z) * 3600, before);
		office_today(&actor, got);
		clock_today_at((7 + z) * 3600, after);
		assert_true(strcmp(got, before) == 0 || strcmp(got, after) == 0);
	}
	char before[11], got[11], after[11];
	clock_today_at(7 * 3600, before);
	office_today(NULL, got);
	clock_today_at(7 * 3600, after);
	assert_true(strcmp(got, before) == 0 || strcmp(got, after) == 0);
	clock_today_at(9 * 3600, before);
	office_latest_today(got);
	clock_today_at(9 * 3600, after);
	assert_true(strcmp(got, before) == 0 || strcmp(got, after) == 0);
}

/* ---- changing the office ---- */

struct of_fixture {
	struct test_db t;
	struct arena a;
	int64_t org;
};

static int of_setup(void **state)
{
	static struct of_fixture fx;
	if (test_db_open(&fx.t, "office"))
		return -1;
	arena_init(&fx.a);
	if (org_store_create(fx.t.db, "LKS Harapan", &fx.org))
		return -1;
	*state = &fx;
	return 0;
}

static int of_teardown(void **state)
{
	struct of_fixture *fx = *state;
	arena_free(&fx->a);
	test_db_close(&fx->t);
	return 0;
}

/* of_update runs office_update with the JSON text body as actor. */
static int of_update(struct of_fixture *fx, const struct actor *actor, const char *body, struct faults *f,
		     struct org *out)
{
	json_error_t e;
	json_t *in = json_loads(body, JSON_DECODE_ANY, &e);
	if (in == NULL)
		fail_msg("bad test JSON: %s", body);
	memset(f, 0, sizeof *f);
	int rc = office_update(fx->t.db, &fx->a, actor, in, f, out);
	json_decref(in);
	return rc;
}

/* of_fault tells whether f holds a fault of field with message. */
static bool of_fault(const struct faults *f, const char *field, const char *message)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->list[i].field, field) == 0 && strcmp(f->list[i].msg, message) == 0)
			return true;
	return false;
}

static void test_update(void **state)
{
	struct of_fixture *fx = *state;
	struct actor admin = {.user_id = 0, .org_id = fx->org, .role = ROLE_ADMIN, .name = "admin"};
	struct faults f;
	struct org o, stored;
	/* A region: the zone follows it. */
	assert_int_equal(of_update(fx, &admin, "{\"region\":\" 73.71 \",\"version\":1}", &f, &o), 0);
	assert_string_equal(o.region, "73.71");
	assert_null(o.time_zone);
	assert_string_equal(office_zone(o.time_zone, o.region), "WITA");
	assert_int_equal(o.version, 2);
	assert_string_equal(o.name, "LKS Harapan"); /* left out: kept */
	/* A zone set over it, then cleared again with "". */
	assert_int_equal(of_update(fx, &admin, "{\"time_zone\":\"WIT\",\"name\":\"LKS Harapan Makassar\",\"version\":2}", &f, &o), 0);
	assert_string_equal(o.time_zone, "WIT");
	assert_string_equal(o.name, "LKS Harapan Makassar");
	assert_int_equal(of_update(fx, &admin, "{\"time_zone\":\"\",\"version\":3}", &f, &o), 0);
	assert_null(o.time_zone);
	assert_string_equal(o.region, "73.71");
	/* Each change is audited with what it changed. */
	struct audit_filter af = {.action = "office_update", .limit = 10};
	struct audit_item *items;
	int n;
	int64_t next;
	assert_int_equal(audit_store_list(fx->t.db, &fx->a, &af, &items, &n, &next), 0);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].row.detail, "{\"time_zone\":{\"after\":null,\"before\":\"WIT\"}}");
	assert_string_equal(items[1].row.detail, "{\"name\":{\"after\":\"LKS Harapan Makassar\",\"before\":\"LKS Harapan\"},"
						 "\"time_zone\":{\"after\":\"WIT\",\"before\":null}}");
	assert_string_equal(items[2].row.detail, "{\"region\":{\"after\":\"73.71\",\"before\":null}}");
	assert_string_equal(items[0].row.entity, "org");
	/* Nothing changed: nothing written, no version more, nothing audited. */
	assert_int_equal(of_update(fx, &admin, "{\"region\":\"73.71\",\"version\":4}", &f, &o), 0);
	assert_int_equal(o.version, 4);
	assert_int_equal(audit_store_list(fx->t.db, &fx->a, &af, &items, &n, &next), 0);
	assert_int_equal(n, 3);
	/* A stale version: refused, nothing written. */
	assert_int_equal(of_update(fx, &admin, "{\"time_zone\":\"WIB\",\"version\":2}", &f, &o), ERR_CONFLICT);
	assert_int_equal(org_store_get(fx->t.db, &fx->a, fx->org, &stored), 0);
	assert_null(stored.time_zone);
	assert_int_equal(stored.version, 4);
	/* Bad fields, each named with its reason, all at once; nothing written. */
	assert_int_equal(of_update(fx, &admin,
				   "{\"name\":\"  \",\"region\":\"99.01\",\"time_zone\":\"UTC+7\",\"colour\":1}", &f, &o),
			 ERR_INVALID);
	assert_true(of_fault(&f, "name", "This field is required."));
	assert_true(of_fault(&f, "region", "Region code must start with a known province code."));
	assert_true(of_fault(&f, "time_zone", "Time zone must be WIB, WITA or WIT."));
	assert_true(of_fault(&f, "colour", "Unknown field."));
	assert_true(of_fault(&f, "version", "Send the version you read, so that changes by others are not overwritten."));
	assert_int_equal(of_update(fx, &admin, "{\"name\":[1],\"region\":\"32.73\\n\",\"version\":4}", &f, &o), ERR_INVALID);
	assert_true(of_fault(&f, "name", "Must be one line of text."));
	assert_true(of_fault(&f, "region", "Must be one line of text."));
	char longer[260];
	memset(longer, 'a', sizeof longer);
	memcpy(longer, "{\"name\":\"", 9);
	memcpy(longer + 9 + 201, "\",\"version\":4}", 15); /* a name of 201 characters */
	assert_int_equal(of_update(fx, &admin, longer, &f, &o), ERR_INVALID);
	assert_true(of_fault(&f, "name", "Too long."));
	assert_int_equal(f.n, 1);
	assert_int_equal(of_update(fx, &admin, "{\"name\":null,\"version\":4}", &f, &o), ERR_INVALID);
	assert_true(of_fault(&f, "name", "This field is required."));
	assert_int_equal(of_update(fx, &admin, "[1]", &f, &o), ERR_INVALID);
	assert_true(of_fault(&f, "", "The body must be a JSON object."));
	assert_int_equal(org_store_get(fx->t.db, &fx->a, fx->org, &stored), 0);
	assert_string_equal(stored.name, "LKS Harapan Makassar");
	assert_string_equal(stored.region, "73.71");
	assert_int_equal(stored.version, 4);
	/* Only an administrator may; anyone logged in may read it. */
	static const enum role others[] = {ROLE_SUPERVISOR, ROLE_WORKER, ROLE_VOLUNTEER, ROLE_VIEWER};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		struct actor who = {.org_id = fx->org, .role = others[i], .name = "someone"};
		assert_int_equal(of_update(fx, &who, "{\"time_zone\":\"WIB\",\"version\":4}", &f, &o), ERR_FORBIDDEN);
		assert_int_equal(office_get(fx->t.db, &fx->a, &who, &o), 0);
		assert_string_equal(o.name, "LKS Harapan Makassar");
	}
	assert_int_equal(office_get(fx->t.db, &fx->a, NULL, &o), ERR_FORBIDDEN);
	assert_int_equal(org_store_get(fx->t.db, &fx->a, fx->org, &stored), 0);
	assert_int_equal(stored.version, 4);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_province_zones),
		cmocka_unit_test(test_zone_kept),
		cmocka_unit_test(test_time_shown),
		cmocka_unit_test(test_day_start),
		cmocka_unit_test(test_clock_shown),
		cmocka_unit_test(test_today),
	};
	const struct CMUnitTest stored[] = {
		cmocka_unit_test(test_update),
	};
	int failed = cmocka_run_group_tests(pure, NULL, NULL);
	return failed + cmocka_run_group_tests(stored, of_setup, of_teardown);
}
