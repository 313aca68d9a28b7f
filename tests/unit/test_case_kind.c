/* test_case_kind.c: unit tests of the case item kinds table and its validator (domain/case_kind.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "domain/case_kind.h"

#define UID "0190a3b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b"
#define UID2 "0190a3b2-7c4d-7e5f-8a6b-1c2d3e4f5a6c"

#define WHY_REQUIRED "This field is required."
#define WHY_UNKNOWN "Unknown field."
#define WHY_TEXT "Must be text."
#define WHY_ONE_LINE "Must be one line of text."
#define WHY_VALID_TEXT "Must be valid text."
#define WHY_TOO_LONG "Too long."
#define WHY_DATE "Must be a real date written YYYY-MM-DD."
#define WHY_FUTURE "The date is too far in the future."
#define WHY_WHOLE "Must be a whole number."
#define WHY_RANGE "The number is out of range."
#define WHY_CHOICE "Choose one of the listed values."
#define WHY_BOOL "Must be true or false."
#define WHY_REF "Must be the uid of an existing record."
#define WHY_SCORES "Must be a list of goal scores."
#define WHY_SCORE "Each score needs a goal uid and a score from -2 to +2."
#define WHY_LEVEL "Level must be normal, restricted or sealed."
#define WHY_OBJECT "The body must be a JSON object."

/* The outputs of one case_kind_parse call. */
struct ck_result {
	int rc;
	json_t *plain, *sealed;
	const char *level, *at;
	struct faults f;
};

/* JSON values the running test owns, released by the teardown too, so that a failed assertion (which
 * leaves the test early) does not show up as a leak under AddressSanitizer. */
#define CK_LIVE_MAX 32
static json_t *ck_live[CK_LIVE_MAX];
static struct arena ck_arena;

static json_t *ck_own(json_t *j)
{
	for (int i = 0; j && i < CK_LIVE_MAX; i++)
		if (ck_live[i] == NULL) {
			ck_live[i] = j;
			return j;
		}
	if (j)
		fail_msg("too many live JSON values");
	return j;
}

static void ck_drop(json_t *j)
{
	for (int i = 0; j && i < CK_LIVE_MAX; i++)
		if (ck_live[i] == j) {
			ck_live[i] = NULL;
			json_decref(j);
			return;
		}
	json_decref(j);
}

static int ck_setup(void **state)
{
	arena_init(&ck_arena);
	*state = &ck_arena;
	return 0;
}

static int ck_teardown(void **state)
{
	(void)state;
	for (int i = 0; i < CK_LIVE_MAX; i++) {
		json_decref(ck_live[i]);
		ck_live[i] = NULL;
	}
	arena_free(&ck_arena);
	return 0;
}

static json_t *ck_load(const char *text)
{
	json_error_t err;
	json_t *j = json_loads(text, JSON_DECODE_ANY, &err);
	if (j == NULL)
		fail_msg("bad test JSON %s: %s", text, err.text);
	return j;
}

/* ck_run parses the JSON objects in and base (NULL: none) as an item of kind into r. */
static void ck_run(struct arena *a, const char *kind, json_t *in, json_t *base, struct ck_result *r)
{
	const struct case_kind *k = case_kind_find(kind);
	if (k == NULL)
		fail_msg("no kind %s", kind);
	memset(r, 0, sizeof *r);
	r->rc = case_kind_parse(a, k, in, base, "2026-11-30", &r->plain, &r->sealed, &r->level, &r->at, &r->f);
	ck_own(r->plain);
	ck_own(r->sealed);
}

/* ck_parse is ck_run on JSON text. */
static void ck_parse(struct arena *a, const char *kind, const char *in, const char *base, struct ck_result *r)
{
	json_t *jin = ck_own(ck_load(in));
	json_t *jbase = base ? ck_own(ck_load(base)) : NULL;
	ck_run(a, kind, jin, jbase, r);
	ck_drop(jin);
	ck_drop(jbase);
}

static void ck_done(struct ck_result *r)
{
	ck_drop(r->plain);
	ck_drop(r->sealed);
	r->plain = r->sealed = NULL;
}

static void ck_dump_faults(const struct ck_result *r)
{
	for (int i = 0; i < r->f.n; i++)
		print_error("  fault %s: %s\n", r->f.list[i].field, r->f.list[i].msg);
}

static void ck_expect_ok(const struct ck_result *r, const char *what)
{
	if (r->rc != 0 || r->f.n != 0) {
		ck_dump_faults(r);
		fail_msg("%s: expected success, got rc %d with %d faults", what, r->rc, r->f.n);
	}
	assert_non_null(r->plain);
	assert_non_null(r->sealed);
	assert_non_null(r->level);
	assert_non_null(r->at);
}

/* ck_expect_one checks that the parse failed with exactly one fault, on field, saying msg. */
static void ck_expect_one(const struct ck_result *r, const char *field, const char *msg, const char *what)
{
	if (r->rc != ERR_INVALID || r->f.n != 1 || strcmp(r->f.list[0].field, field) != 0 ||
	    strcmp(r->f.list[0].msg, msg) != 0) {
		ck_dump_faults(r);
		fail_msg("%s: expected ERR_INVALID with one fault %s: \"%s\", got rc %d with %d faults", what, field,
			 msg, r->rc, r->f.n);
	}
}

static void ck_expect_string(json_t *obj, const char *key, const char *want)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_string(v))
		fail_msg("member %s missing or not a string (want \"%s\")", key, want);
	assert_string_equal(json_string_value(v), want);
}

/* ---- the table ---- */

static void test_case_kind_table_kinds(void **state)
{
	(void)state;
	assert_true(case_kinds_count > 0);
	for (int i = 0; i < case_kinds_count; i++) {
		const struct case_kind *k = &case_kinds[i];
		assert_non_null(k->name);
		assert_non_null(k->plural);
		assert_non_null(k->label);
		assert_true(k->name[0] != 0);
		assert_true(k->plural[0] != 0);
		assert_true(k->label[0] != 0);
		assert_non_null(k->fields);
		assert_true(k->nfields > 0);
		for (int j = 0; j < case_kinds_count; j++) {
			if (i == j)
				continue;
			const struct case_kind *o = &case_kinds[j];
			if (strcmp(k->name, o->name) == 0)
				fail_msg("kind name %s used twice", k->name);
			if (strcmp(k->plural, o->plural) == 0)
				fail_msg("kind plural %s used twice", k->plural);
			if (strcmp(k->name, o->plural) == 0)
				fail_msg("kind name %s is the plural of %s", k->name, o->name);
		}
	}
}

static void test_case_kind_table_fields(void **state)
{
	(void)state;
	for (int i = 0; i < case_kinds_count; i++) {
		const struct case_kind *k = &case_kinds[i];
		for (int n = 0; n < k->nfields; n++) {
			const struct field_spec *fs = &k->fields[n];
			if (fs->name == NULL || fs->name[0] == 0)
				fail_msg("%s: field %d has no name", k->name, n);
			if (fs->label == NULL || fs->label[0] == 0)
				fail_msg("%s.%s has no label", k->name, fs->name);
			for (int m = 0; m < n; m++)
				if (strcmp(fs->name, k->fields[m].name) == 0)
					fail_msg("%s.%s is defined twice", k->name, fs->name);
			assert_ptr_equal(case_kind_field(k, fs->name), fs);
			switch (fs->type) {
			case FT_ENUM:
				if (fs->choices == NULL || fs->choices[0] == NULL)
					fail_msg("%s.%s is an enum without choices", k->name, fs->name);
				for (int c = 0; fs->choices[c]; c++) {
					if (fs->choices[c][0] == 0)
						fail_msg("%s.%s has an empty choice", k->name, fs->name);
					for (int d = 0; d < c; d++)
						if (strcmp(fs->choices[c], fs->choices[d]) == 0)
							fail_msg("%s.%s lists %s twice", k->name, fs->name, fs->choices[c]);
				}
				break;
			case FT_REF:
				if (fs->ref_kind == NULL || fs->ref_kind[0] == 0)
					fail_msg("%s.%s is a reference without ref_kind", k->name, fs->name);
				break;
			case FT_INT:
				if (fs->min > fs->max)
					fail_msg("%s.%s has min > max", k->name, fs->name);
				break;
			case FT_TEXT:
			case FT_LONG:
				if (fs->max <= 0)
					fail_msg("%s.%s has no length limit", k->name, fs->name);
				break;
			default:
				break;
			}
		}
		if (k->date_field) {
			const struct field_spec *fs = case_kind_field(k, k->date_field);
			if (fs == NULL)
				fail_msg("%s: date_field %s is not a field", k->name, k->date_field);
			if (fs->type != FT_DATE)
				fail_msg("%s: date_field %s is not an FT_DATE field", k->name, k->date_field);
		}
	}
	assert_null(case_kind_field(case_kind_find("session"), "nope"));
}

/* ck_listed tells whether name is in the NULL-terminated list. */
static bool ck_listed(const char **list, const char *name)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

static void test_case_kind_written(void **state)
{
	struct arena *a = *state;
	/* Long text is always what a person wrote, and only text is: never a date, number, choice or
	 * reference. Of the kinds people record, every text field is theirs. */
	for (int i = 0; i < case_kinds_count; i++) {
		const struct case_kind *k = &case_kinds[i];
		const char **w = case_kind_written(a, k);
		assert_non_null(w);
		for (int n = 0; n < k->nfields; n++) {
			const struct field_spec *fs = &k->fields[n];
			if (fs->type == FT_LONG && !ck_listed(w, fs->name))
				fail_msg("%s.%s is long text not listed as written", k->name, fs->name);
			if (fs->type != FT_TEXT && fs->type != FT_LONG && ck_listed(w, fs->name))
				fail_msg("%s.%s is listed as written", k->name, fs->name);
			if (k->user_made && fs->type == FT_TEXT && !ck_listed(w, fs->name))
				fail_msg("%s.%s is a person's text not listed as written", k->name, fs->name);
		}
	}
	const char **stage = case_kind_written(a, case_kind_find("stage"));
	assert_true(ck_listed(stage, "note"));
	assert_false(ck_listed(stage, "from") || ck_listed(stage, "to"));
	const char **glass = case_kind_written(a, case_kind_find("glass"));
	assert_true(ck_listed(glass, "reason"));
	assert_false(ck_listed(glass, "user") || ck_listed(glass, "until"));
	const char **task = case_kind_written(a, case_kind_find("task"));
	assert_string_equal(task[0], "text");
	assert_null(task[1]);
}

static void test_case_kind_find(void **state)
{
	(void)state;
	for (int i = 0; i < case_kinds_count; i++) {
		assert_ptr_equal(case_kind_find(case_kinds[i].name), &case_kinds[i]);
		assert_ptr_equal(case_kind_find(case_kinds[i].plural), &case_kinds[i]);
	}
	const struct case_kind *k = case_kind_find("session");
	assert_non_null(k);
	assert_string_equal(k->name, "session");
	assert_ptr_equal(case_kind_find("sessions"), k);
	k = case_kind_find("people");
	assert_non_null(k);
	assert_string_equal(k->name, "person");
	assert_ptr_equal(case_kind_find("person"), k);
	assert_null(case_kind_find(NULL));
	assert_null(case_kind_find(""));
	assert_null(case_kind_find("Session"));
	assert_null(case_kind_find("SESSIONS"));
	assert_null(case_kind_find("persons"));
	assert_null(case_kind_find("session "));
	assert_null(case_kind_find("sessionss"));
	assert_null(case_kind_find("client"));
}

/* ---- case_kind_parse ---- */

static void test_case_kind_parse_valid(void **state)
{
	(void)state;
	struct arena *a = *state;
	struct ck_result r;
	ck_parse(a, "session",
		 "{\"date\":\"2025-03-04\",\"place\":\"home_visit\",\"type\":\"counselling\",\"minutes\":45,"
		 "\"participants\":\"Client, mother\",\"note\":\"Talked about school.\"}",
		 NULL, &r);
	ck_expect_ok(&r, "session");
	ck_expect_string(r.plain, "date", "2025-03-04");
	ck_expect_string(r.plain, "place", "home_visit");
	ck_expect_string(r.plain, "type", "counselling");
	ck_expect_string(r.plain, "participants", "Client, mother");
	assert_int_equal(json_integer_value(json_object_get(r.plain, "minutes")), 45);
	ck_expect_string(r.sealed, "note", "Talked about school.");
	assert_int_equal(json_object_size(r.plain), 5);
	assert_int_equal(json_object_size(r.sealed), 1);
	assert_string_equal(r.level, "normal");
	assert_string_equal(r.at, "2025-03-04");
	ck_done(&r);
}

static void test_case_kind_parse_not_object(void **state)
{
	(void)state;
	static const char *const bodies[] = {"[]", "\"session\"", "42", "null", "[{\"date\":\"2025-01-01\"}]"};
	struct arena *a = *state;
	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		struct ck_result r;
		ck_parse(a, "session", bodies[i], NULL, &r);
		ck_expect_one(&r, "", WHY_OBJECT, bodies[i]);
		ck_done(&r);
	}
}

/* Every kind, given an empty object, names exactly its required fields. */
static void test_case_kind_parse_required(void **state)
{
	(void)state;
	struct arena *a = *state;
	for (int i = 0; i < case_kinds_count; i++) {
		const struct case_kind *k = &case_kinds[i];
		json_t *in = ck_own(json_object());
		struct ck_result r;
		ck_run(a, k->name, in, NULL, &r);
		ck_drop(in);
		int required = 0;
		for (int n = 0; n < k->nfields; n++) {
			if (!(k->fields[n].flags & FIELD_REQUIRED))
				continue;
			required++;
			const char *why = faults_find(&r.f, k->fields[n].name);
			if (why == NULL || strcmp(why, WHY_REQUIRED) != 0)
				fail_msg("%s: missing %s should say required, got %s", k->name, k->fields[n].name,
					 why ? why : "(nothing)");
		}
		assert_int_equal(r.f.n, required);
		assert_int_equal(r.rc, required ? ERR_INVALID : 0);
		ck_done(&r);
	}

	struct ck_result r;
	ck_parse(a, "session", "{\"minutes\":30}", NULL, &r);
	assert_int_equal(r.rc, ERR_INVALID);
	assert_int_equal(r.f.n, 3);
	assert_string_equal(faults_find(&r.f, "date"), WHY_REQUIRED);
	assert_string_equal(faults_find(&r.f, "place"), WHY_REQUIRED);
	assert_string_equal(faults_find(&r.f, "type"), WHY_REQUIRED);
	assert_null(faults_find(&r.f, "minutes"));
	ck_done(&r);

	/* Only the one missing field is named. */
	ck_parse(a, "session", "{\"date\":\"2025-03-04\",\"type\":\"therapy\"}", NULL, &r);
	ck_expect_one(&r, "place", WHY_REQUIRED, "session without place");
	ck_done(&r);

	/* A required field given the wrong type is reported once, for its type. */
	ck_parse(a, "person", "{\"name\":42,\"relation\":\"mother\"}", NULL, &r);
	ck_expect_one(&r, "name", WHY_TEXT, "person name 42");
	ck_done(&r);
}

static void test_case_kind_parse_unknown_member(void **state)
{
	(void)state;
	struct arena *a = *state;
	struct ck_result r;
	ck_parse(a, "session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\",\"mood\":\"good\"}",
		 NULL, &r);
	ck_expect_one(&r, "mood", WHY_UNKNOWN, "session with mood");
	ck_done(&r);

	ck_parse(a, "note", "{\"body\":\"x\",\"Body\":\"y\",\"colour\":null}", NULL, &r);
	assert_int_equal(r.rc, ERR_INVALID);
	assert_int_equal(r.f.n, 2);
	assert_string_equal(faults_find(&r.f, "Body"), WHY_UNKNOWN);
	assert_string_equal(faults_find(&r.f, "colour"), WHY_UNKNOWN);
	ck_done(&r);

	/* A field of another kind is unknown here. */
	ck_parse(a, "problem", "{\"category\":\"income\",\"severity\":2,\"date\":\"2025-03-04\"}", NULL, &r);
	ck_expect_one(&r, "date", WHY_UNKNOWN, "problem with date");
	ck_done(&r);

	/* The envelope members are not fields and are ignored. */
	ck_parse(a, "note", "{\"body\":\"x\",\"version\":3,\"uid\":\"" UID "\"}", NULL, &r);
	ck_expect_ok(&r, "note with envelope");
	assert_int_equal(json_object_size(r.plain), 0);
	assert_int_equal(json_object_size(r.sealed), 1);
	ck_done(&r);
}

/* One value put in an otherwise valid item. */
struct ck_case {
	const char *kind;
	const char *valid; /* a valid object of kind */
	const char *field;
	const char *value; /* JSON text */
	const char *why;   /* NULL: accepted */
};

static const struct ck_case ck_cases[] = {
	/* FT_TEXT */
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "name", "42", WHY_TEXT},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "name", "true", WHY_TEXT},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "name", "[\"Siti\"]", WHY_TEXT},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "name", "{\"first\":\"Siti\"}", WHY_TEXT},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "note", "1.5", WHY_TEXT},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "name", "\"Siti Aminah\"", NULL},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "name", "\"Siti\\tAminah\"", NULL},
	/* FT_LONG */
	{"note", "{\"body\":\"x\"}", "body", "7", WHY_TEXT},
	{"note", "{\"body\":\"x\"}", "body", "false", WHY_TEXT},
	{"note", "{\"body\":\"x\"}", "body", "\"bell\\u0007\"", WHY_VALID_TEXT},
	/* FT_DATE */
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "\"2026-13-01\"", WHY_DATE},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "\"2026-00-10\"", WHY_DATE},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "\"2026-02-30\"", WHY_DATE},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "\"2025-02-29\"", WHY_DATE},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "\"2026-04-31\"", WHY_DATE},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "\"2026-1-01\"", WHY_DATE},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "\"01-01-2026\"", WHY_DATE},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "\"2026/01/01\"", WHY_DATE},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "\"2026-01-01T00:00:00Z\"", WHY_DATE},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "20260101", WHY_DATE},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "\"2100-01-02\"", WHY_FUTURE},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "\"2100-01-01\"", NULL},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "date", "\"2024-02-29\"", NULL},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "since", "\"2019-1-1\"", WHY_DATE},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "since", "\"2019-12-31\"", NULL},
	/* FT_INT */
	{"problem", "{\"category\":\"income\",\"severity\":3}", "severity", "0", WHY_RANGE},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "severity", "6", WHY_RANGE},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "severity", "-1", WHY_RANGE},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "severity", "1", NULL},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "severity", "5", NULL},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "severity", "\"3\"", WHY_WHOLE},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "severity", "3.0", WHY_WHOLE},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "severity", "true", WHY_WHOLE},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "birth_year", "1879", WHY_RANGE},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "birth_year", "2101", WHY_RANGE},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "birth_year", "1880", NULL},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "birth_year", "2100", NULL},
	{"service", "{\"date\":\"2025-03-04\",\"type\":\"advice\",\"atensi\":2}", "value_idr", "10000000001", WHY_RANGE},
	{"service", "{\"date\":\"2025-03-04\",\"type\":\"advice\",\"atensi\":2}", "value_idr", "10000000000", NULL},
	{"service", "{\"date\":\"2025-03-04\",\"type\":\"advice\",\"atensi\":2}", "value_idr", "0", NULL},
	{"service", "{\"date\":\"2025-03-04\",\"type\":\"advice\",\"atensi\":2}", "quantity", "0", WHY_RANGE},
	/* FT_ENUM */
	{"problem", "{\"category\":\"income\",\"severity\":3}", "category", "\"weather\"", WHY_CHOICE},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "category", "\"Income\"", WHY_CHOICE},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "category", "\"income \"", WHY_CHOICE},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "category", "1", WHY_CHOICE},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "category", "[\"income\"]", WHY_CHOICE},
	{"problem", "{\"category\":\"income\",\"severity\":3}", "category", "\"housing\"", NULL},
	{"session", "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\"}", "place", "\"home\"", WHY_CHOICE},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "sex", "\"f\"", WHY_CHOICE},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "sex", "\"F\"", NULL},
	/* FT_BOOL */
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "deceased", "\"true\"", WHY_BOOL},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "deceased", "\"yes\"", WHY_BOOL},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "deceased", "1", WHY_BOOL},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "deceased", "0", WHY_BOOL},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "deceased", "true", NULL},
	{"person", "{\"name\":\"Siti\",\"relation\":\"mother\"}", "deceased", "false", NULL},
	{"referral", "{\"date\":\"2025-03-04\",\"agency\":\"" UID "\",\"reason\":\"Health\"}", "share_data", "\"false\"", WHY_BOOL},
	/* FT_REF */
	{"task", "{\"text\":\"Apply for KIS\",\"owner\":\"client\"}", "goal", "\"abc\"", WHY_REF},
	{"task", "{\"text\":\"Apply for KIS\",\"owner\":\"client\"}", "goal", "42", WHY_REF},
	{"task", "{\"text\":\"Apply for KIS\",\"owner\":\"client\"}", "goal", "\"client\"", WHY_REF},
	{"task", "{\"text\":\"Apply for KIS\",\"owner\":\"client\"}", "goal", "\"0190a3b27c4d7e5f8a6b1c2d3e4f5a6b\"", WHY_REF},
	{"task", "{\"text\":\"Apply for KIS\",\"owner\":\"client\"}", "goal", "\"" UID "0\"", WHY_REF},
	{"task", "{\"text\":\"Apply for KIS\",\"owner\":\"client\"}", "goal", "\"0190a3b2-7c4d-7e5f-8a6b-1c2d3e4f5a6g\"", WHY_REF},
	{"task", "{\"text\":\"Apply for KIS\",\"owner\":\"client\"}", "goal", "[\"" UID "\"]", WHY_REF},
	{"task", "{\"text\":\"Apply for KIS\",\"owner\":\"client\"}", "goal", "\"" UID "\"", NULL},
	{"task", "{\"text\":\"Apply for KIS\",\"owner\":\"client\"}", "goal", "\"0190A3B2-7C4D-7E5F-8A6B-1C2D3E4F5A6B\"", NULL},
	{"referral", "{\"date\":\"2025-03-04\",\"agency\":\"" UID "\",\"reason\":\"Health\"}", "agency", "\"client\"", WHY_REF},
	{"referral", "{\"date\":\"2025-03-04\",\"agency\":\"" UID "\",\"reason\":\"Health\"}", "agency", "\"Dinas Sosial\"", WHY_REF},
	/* FT_SCORES */
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "\"x\"", WHY_SCORES},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "{\"goal\":\"" UID "\",\"score\":1}", WHY_SCORES},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "2", WHY_SCORES},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "[1]", WHY_SCORE},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "[[\"" UID "\",1]]", WHY_SCORE},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "[{\"goal\":\"" UID "\"}]", WHY_SCORE},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "[{\"score\":1}]", WHY_SCORE},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "[{\"goal\":\"" UID "\",\"score\":3}]", WHY_SCORE},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "[{\"goal\":\"" UID "\",\"score\":-3}]", WHY_SCORE},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "[{\"goal\":\"" UID "\",\"score\":\"1\"}]", WHY_SCORE},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "[{\"goal\":\"" UID "\",\"score\":1.0}]", WHY_SCORE},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "[{\"goal\":\"abc\",\"score\":0}]", WHY_SCORE},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "[{\"goal\":null,\"score\":0}]", WHY_SCORE},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "[{\"goal\":\"" UID "\",\"score\":0,\"note\":\"x\"}]", WHY_SCORE},
	{"review", "{\"date\":\"2025-03-04\"}", "scores",
	 "[{\"goal\":\"" UID "\",\"score\":1},{\"goal\":\"" UID2 "\",\"score\":9}]", WHY_SCORE},
	{"review", "{\"date\":\"2025-03-04\"}", "scores", "[]", NULL},
	{"review", "{\"date\":\"2025-03-04\"}", "scores",
	 "[{\"goal\":\"" UID "\",\"score\":-2},{\"goal\":\"" UID2 "\",\"score\":2}]", NULL},
};

static void test_case_kind_parse_types(void **state)
{
	(void)state;
	struct arena *a = *state;
	for (size_t i = 0; i < sizeof ck_cases / sizeof ck_cases[0]; i++) {
		const struct ck_case *c = &ck_cases[i];
		char what[512];
		snprintf(what, sizeof what, "%s.%s = %s", c->kind, c->field, c->value);
		json_t *in = ck_own(ck_load(c->valid));
		json_object_set_new(in, c->field, ck_load(c->value));
		struct ck_result r;
		ck_run(a, c->kind, in, NULL, &r);
		if (c->why) {
			ck_expect_one(&r, c->field, c->why, what);
			assert_null(json_object_get(r.plain, c->field));
			assert_null(json_object_get(r.sealed, c->field));
		} else {
			ck_expect_ok(&r, what);
			const struct field_spec *fs = case_kind_field(case_kind_find(c->kind), c->field);
			json_t *out = json_object_get(fs->flags & FIELD_SEALED ? r.sealed : r.plain, c->field);
			if (!json_equal(out, json_object_get(in, c->field)))
				fail_msg("%s: value not passed through", what);
		}
		ck_drop(in);
		ck_done(&r);
	}
}

/* A list of 51 scores is too long; 50 are fine. */
static void test_case_kind_parse_scores_count(void **state)
{
	(void)state;
	struct arena *a = *state;
	for (int n = 50; n <= 51; n++) {
		json_t *in = ck_own(ck_load("{\"date\":\"2025-03-04\"}"));
		json_t *list = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(list, json_pack("{s:s,s:i}", "goal", UID, "score", i % 5 - 2));
		json_object_set_new(in, "scores", list);
		struct ck_result r;
		ck_run(a, "review", in, NULL, &r);
		if (n == 50)
			ck_expect_ok(&r, "50 scores");
		else
			ck_expect_one(&r, "scores", WHY_SCORES, "51 scores");
		ck_drop(in);
		ck_done(&r);
	}
}

static void test_case_kind_parse_newlines(void **state)
{
	(void)state;
	struct arena *a = *state;
	struct ck_result r;
	/* FT_TEXT: one line only. */
	ck_parse(a, "person", "{\"name\":\"Siti\\nAminah\",\"relation\":\"mother\"}", NULL, &r);
	ck_expect_one(&r, "name", WHY_ONE_LINE, "person name with LF");
	ck_done(&r);
	ck_parse(a, "person", "{\"name\":\"Siti\\rAminah\",\"relation\":\"mother\"}", NULL, &r);
	ck_expect_one(&r, "name", WHY_ONE_LINE, "person name with CR");
	ck_done(&r);
	ck_parse(a, "person", "{\"name\":\"Siti\",\"relation\":\"mother\",\"note\":\"line\\r\\nline\"}", NULL, &r);
	ck_expect_one(&r, "note", WHY_ONE_LINE, "sealed FT_TEXT with CRLF");
	ck_done(&r);
	ck_parse(a, "session",
		 "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\",\"next_steps\":\"a\\nb\"}", NULL,
		 &r);
	ck_expect_one(&r, "next_steps", WHY_ONE_LINE, "session next_steps with LF");
	ck_done(&r);
	/* FT_LONG: several lines. */
	ck_parse(a, "session",
		 "{\"date\":\"2025-03-04\",\"place\":\"office\",\"type\":\"therapy\","
		 "\"note\":\"first\\nsecond\\r\\nthird\\n\"}",
		 NULL, &r);
	ck_expect_ok(&r, "session note with newlines");
	ck_expect_string(r.sealed, "note", "first\nsecond\r\nthird\n");
	ck_done(&r);
	ck_parse(a, "note", "{\"body\":\"one\\ntwo\"}", NULL, &r);
	ck_expect_ok(&r, "note body with newline");
	ck_expect_string(r.sealed, "body", "one\ntwo");
	ck_done(&r);
}

/* ck_repeat writes n copies of unit into a fresh json string. */
static json_t *ck_repeat(const char *unit, int n)
{
	size_t u = strlen(unit);
	char *s = test_malloc(u * (size_t)n + 1);
	for (int i = 0; i < n; i++)
		memcpy(s + u * (size_t)i, unit, u);
	s[u * (size_t)n] = 0;
	json_t *j = json_string(s);
	test_free(s);
	assert_non_null(j);
	return j;
}

static void test_case_kind_parse_length_chars(void **state)
{
	(void)state;
	/* person.name allows 200 characters. */
	static const struct {
		const char *unit;
		int n;
		bool ok;
	} cases[] = {
		{"a", 200, true},
		{"a", 201, false},
		{"\xc3\xa9", 200, true},          /* é: 2 bytes, 400 bytes in all */
		{"\xc3\xa9", 201, false},
		{"\xe3\x82\xa2", 200, true},      /* ア: 3 bytes */
		{"\xe3\x82\xa2", 201, false},
		{"\xf0\x9f\x98\x80", 200, true},  /* 😀: 4 bytes, 800 bytes in all */
		{"\xf0\x9f\x98\x80", 201, false},
	};
	struct arena *a = *state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *in = ck_own(ck_load("{\"relation\":\"mother\"}"));
		json_object_set_new(in, "name", ck_repeat(cases[i].unit, cases[i].n));
		struct ck_result r;
		char what[64];
		snprintf(what, sizeof what, "name of %d x %zu-byte characters", cases[i].n, strlen(cases[i].unit));
		ck_run(a, "person", in, NULL, &r);
		if (cases[i].ok) {
			ck_expect_ok(&r, what);
			assert_true(json_equal(json_object_get(r.plain, "name"), json_object_get(in, "name")));
		} else {
			ck_expect_one(&r, "name", WHY_TOO_LONG, what);
		}
		ck_drop(in);
		ck_done(&r);
	}
	/* FT_LONG counts characters too: note.body allows 20000. */
	for (int n = 20000; n <= 20001; n++) {
		json_t *in = ck_own(json_object());
		json_object_set_new(in, "body", ck_repeat("\xc3\xa9", n));
		struct ck_result r;
		ck_run(a, "note", in, NULL, &r);
		if (n == 20000)
			ck_expect_ok(&r, "note of 20000 two-byte characters");
		else
			ck_expect_one(&r, "body", WHY_TOO_LONG, "note of 20001 two-byte characters");
		ck_drop(in);
		ck_done(&r);
	}
}

static void test_case_kind_parse_sealed_split(void **state)
{
	(void)state;
	struct arena *a = *state;
	struct ck_result r;
	ck_parse(a, "person",
		 "{\"name\":\"Siti\",\"relation\":\"mother\",\"birth_year\":1970,\"deceased\":false,"
		 "\"note\":\"Works abroad.\",\"level\":\"restricted\"}",
		 NULL, &r);
	ck_expect_ok(&r, "person");
	assert_int_equal(json_object_size(r.plain), 4);
	ck_expect_string(r.plain, "name", "Siti");
	ck_expect_string(r.plain, "relation", "mother");
	assert_int_equal(json_integer_value(json_object_get(r.plain, "birth_year")), 1970);
	assert_true(json_is_false(json_object_get(r.plain, "deceased")));
	assert_null(json_object_get(r.plain, "note"));
	assert_null(json_object_get(r.plain, "level"));
	assert_int_equal(json_object_size(r.sealed), 1);
	ck_expect_string(r.sealed, "note", "Works abroad.");
	assert_null(json_object_get(r.sealed, "level"));
	assert_string_equal(r.level, "restricted");
	ck_done(&r);

	ck_parse(a, "assessment",
		 "{\"date\":\"2025-03-04\",\"presenting_problem\":\"No income.\",\"family_situation\":\"Lives alone.\","
		 "\"basic_needs_score\":2,\"basic_needs_note\":\"Eats once a day.\",\"social_roles_score\":3,"
		 "\"coping_score\":4,\"risk_level\":\"high\"}",
		 NULL, &r);
	ck_expect_ok(&r, "assessment");
	assert_int_equal(json_object_size(r.plain), 5);
	assert_int_equal(json_object_size(r.sealed), 3);
	ck_expect_string(r.sealed, "presenting_problem", "No income.");
	ck_expect_string(r.sealed, "family_situation", "Lives alone.");
	ck_expect_string(r.sealed, "basic_needs_note", "Eats once a day.");
	ck_expect_string(r.plain, "date", "2025-03-04");
	ck_expect_string(r.plain, "risk_level", "high");
	assert_null(json_object_get(r.plain, "presenting_problem"));
	ck_done(&r);

	/* Every field lands on the side its flag says. */
	for (int i = 0; i < case_kinds_count; i++) {
		const struct case_kind *k = &case_kinds[i];
		for (int n = 0; n < k->nfields; n++) {
			const struct field_spec *fs = &k->fields[n];
			if (fs->type != FT_TEXT && fs->type != FT_LONG)
				continue;
			json_t *in = ck_own(json_pack("{s:s}", fs->name, "value"));
			ck_run(a, k->name, in, NULL, &r);
			ck_drop(in);
			json_t *want = fs->flags & FIELD_SEALED ? r.sealed : r.plain;
			json_t *other = fs->flags & FIELD_SEALED ? r.plain : r.sealed;
			if (!json_is_string(json_object_get(want, fs->name)) || json_object_get(other, fs->name))
				fail_msg("%s.%s is on the wrong side", k->name, fs->name);
			ck_done(&r);
		}
	}
}

static void test_case_kind_parse_level(void **state)
{
	(void)state;
	static const char *const good[] = {"normal", "restricted", "sealed"};
	static const char *const bad[] = {"\"secret\"", "\"Normal\"", "\"SEALED\"", "\"sealed \"", "\"\"",
					  "\"public\"", "1", "true", "[\"sealed\"]", "{}"};
	struct arena *a = *state;
	struct ck_result r;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		json_t *in = ck_own(ck_load("{\"body\":\"x\"}"));
		json_object_set_new(in, "level", json_string(good[i]));
		ck_run(a, "note", in, NULL, &r);
		ck_drop(in);
		ck_expect_ok(&r, good[i]);
		assert_string_equal(r.level, good[i]);
		ck_done(&r);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		json_t *in = ck_own(ck_load("{\"body\":\"x\"}"));
		json_object_set_new(in, "level", ck_load(bad[i]));
		ck_run(a, "note", in, NULL, &r);
		ck_drop(in);
		ck_expect_one(&r, "level", WHY_LEVEL, bad[i]);
		ck_done(&r);
	}
	/* Default. */
	ck_parse(a, "note", "{\"body\":\"x\"}", NULL, &r);
	ck_expect_ok(&r, "note without level");
	assert_string_equal(r.level, "normal");
	ck_done(&r);
	/* On update the stored level stays unless changed. */
	ck_parse(a, "note", "{\"body\":\"y\"}", "{\"body\":\"x\",\"level\":\"sealed\"}", &r);
	ck_expect_ok(&r, "update keeping level");
	assert_string_equal(r.level, "sealed");
	ck_done(&r);
	ck_parse(a, "note", "{\"level\":\"restricted\"}", "{\"body\":\"x\",\"level\":\"sealed\"}", &r);
	ck_expect_ok(&r, "update changing level");
	assert_string_equal(r.level, "restricted");
	ck_expect_string(r.sealed, "body", "x");
	ck_done(&r);
}

static void test_case_kind_parse_at(void **state)
{
	(void)state;
	struct arena *a = *state;
	struct ck_result r;
	/* The date field's value. */
	ck_parse(a, "session", "{\"date\":\"2024-12-31\",\"place\":\"office\",\"type\":\"therapy\"}", NULL, &r);
	ck_expect_ok(&r, "session");
	assert_string_equal(r.at, "2024-12-31");
	ck_done(&r);
	ck_parse(a, "followup", "{\"due\":\"2026-06-01\",\"done_on\":\"2026-05-30\"}", NULL, &r);
	ck_expect_ok(&r, "followup");
	assert_string_equal(r.at, "2026-06-01");
	ck_done(&r);
	ck_parse(a, "termination",
		 "{\"date\":\"2025-11-20\",\"reason\":\"goals_reached\",\"outcome\":\"independent\",\"summary\":\"Done.\"}",
		 NULL, &r);
	ck_expect_ok(&r, "termination");
	assert_string_equal(r.at, "2025-11-20");
	ck_done(&r);
	/* Other dates do not count. */
	ck_parse(a, "problem", "{\"category\":\"health\",\"severity\":2,\"since\":\"2010-01-01\"}", NULL, &r);
	ck_expect_ok(&r, "problem");
	assert_string_equal(r.at, "2026-11-30");
	ck_done(&r);

	/* No date field: the date the caller gives, the office's today. */
	static const char *const dateless[] = {"problem", "person", "link", "tie", "goal", "task", "resource", "note"};
	for (size_t i = 0; i < sizeof dateless / sizeof dateless[0]; i++)
		assert_null(case_kind_find(dateless[i])->date_field);
	ck_parse(a, "note", "{\"body\":\"x\"}", NULL, &r);
	ck_expect_ok(&r, "note");
	assert_string_equal(r.at, "2026-11-30");
	ck_done(&r);
}

static void test_case_kind_parse_merge(void **state)
{
	(void)state;
	static const char *const stored =
		"{\"date\":\"2025-01-01\",\"place\":\"office\",\"type\":\"counselling\",\"minutes\":30,"
		"\"participants\":\"Client\",\"note\":\"Old note.\"}";
	struct arena *a = *state;
	struct ck_result r;

	/* Nothing given: the stored item as it is. */
	json_t *base = ck_own(ck_load(stored));
	json_t *in = ck_own(json_object());
	ck_run(a, "session", in, base, &r);
	ck_drop(in);
	ck_expect_ok(&r, "empty update");
	ck_expect_string(r.plain, "date", "2025-01-01");
	ck_expect_string(r.plain, "place", "office");
	ck_expect_string(r.plain, "type", "counselling");
	ck_expect_string(r.plain, "participants", "Client");
	assert_int_equal(json_integer_value(json_object_get(r.plain, "minutes")), 30);
	ck_expect_string(r.sealed, "note", "Old note.");
	assert_string_equal(r.at, "2025-01-01");
	ck_done(&r);

	/* Given members replace, null members remove, the rest stays; base itself is untouched. */
	in = ck_own(ck_load("{\"place\":\"phone\",\"minutes\":null,\"note\":null,\"next_steps\":\"Call back.\"}"));
	ck_run(a, "session", in, base, &r);
	ck_drop(in);
	ck_expect_ok(&r, "update");
	assert_int_equal(json_object_size(r.plain), 5);
	ck_expect_string(r.plain, "date", "2025-01-01");
	ck_expect_string(r.plain, "place", "phone");
	ck_expect_string(r.plain, "type", "counselling");
	ck_expect_string(r.plain, "participants", "Client");
	ck_expect_string(r.plain, "next_steps", "Call back.");
	assert_null(json_object_get(r.plain, "minutes"));
	assert_int_equal(json_object_size(r.sealed), 0);
	assert_string_equal(r.at, "2025-01-01");
	ck_done(&r);
	json_t *orig = ck_own(ck_load(stored));
	assert_true(json_equal(base, orig));
	ck_drop(orig);

	/* Moving the date moves the item on the timeline. */
	in = ck_own(ck_load("{\"date\":\"2025-02-02\"}"));
	ck_run(a, "session", in, base, &r);
	ck_drop(in);
	ck_expect_ok(&r, "update date");
	assert_string_equal(r.at, "2025-02-02");
	ck_expect_string(r.plain, "place", "office");
	ck_done(&r);

	/* Removing a required field is refused. */
	in = ck_own(ck_load("{\"date\":null}"));
	ck_run(a, "session", in, base, &r);
	ck_drop(in);
	ck_expect_one(&r, "date", WHY_REQUIRED, "update removing date");
	ck_done(&r);

	/* Updates are validated like creations. */
	in = ck_own(ck_load("{\"minutes\":0}"));
	ck_run(a, "session", in, base, &r);
	ck_drop(in);
	ck_expect_one(&r, "minutes", WHY_RANGE, "update with bad minutes");
	ck_done(&r);

	/* A null member of a field not stored is harmless. */
	in = ck_own(ck_load("{\"next_steps\":null}"));
	ck_run(a, "session", in, base, &r);
	ck_drop(in);
	ck_expect_ok(&r, "null of absent field");
	assert_null(json_object_get(r.plain, "next_steps"));
	ck_done(&r);
	ck_drop(base);

	/* Without a base, null members simply leave the field out. */
	ck_parse(a, "person", "{\"name\":\"Siti\",\"relation\":\"mother\",\"note\":null,\"sex\":null}", NULL, &r);
	ck_expect_ok(&r, "create with nulls");
	assert_int_equal(json_object_size(r.plain), 2);
	assert_int_equal(json_object_size(r.sealed), 0);
	ck_done(&r);
}

/* ck_expect_field checks the fault on one field only (NULL: none), whatever else is reported. */
static void ck_expect_field(const struct ck_result *r, const char *field, const char *msg, const char *what)
{
	const char *got = faults_find(&r->f, field);
	if (msg == NULL && got != NULL)
		fail_msg("%s: %s should be accepted, got \"%s\"", what, field, got);
	if (msg != NULL && (got == NULL || strcmp(got, msg) != 0))
		fail_msg("%s: %s should say \"%s\", got \"%s\"", what, field, msg, got ? got : "(nothing)");
}

static void test_case_kind_parse_person_client(void **state)
{
	(void)state;
	struct arena *a = *state;
	struct ck_result r;
	/* The client is the centre of the genogram: links accept "client" at either end. (These look at
	 * the from/to faults only, so that they hold apart from the relationship field tested below.) */
	ck_parse(a, "link", "{\"from\":\"client\",\"to\":\"" UID "\",\"type\":\"close\"}", NULL, &r);
	ck_expect_field(&r, "from", NULL, "link from client");
	ck_expect_field(&r, "to", NULL, "link from client");
	ck_expect_string(r.plain, "from", "client");
	ck_expect_string(r.plain, "to", UID);
	ck_done(&r);
	ck_parse(a, "link", "{\"from\":\"" UID "\",\"to\":\"client\",\"type\":\"parent\"}", NULL, &r);
	ck_expect_field(&r, "from", NULL, "link to client");
	ck_expect_field(&r, "to", NULL, "link to client");
	ck_expect_string(r.plain, "to", "client");
	ck_done(&r);
	ck_parse(a, "link", "{\"from\":\"client\",\"to\":\"client\",\"type\":\"close\"}", NULL, &r);
	ck_expect_field(&r, "from", NULL, "link client to client");
	ck_expect_field(&r, "to", NULL, "link client to client");
	ck_done(&r);
	/* Only the literal "client". */
	static const char *const bad[] = {"\"Client\"", "\"CLIENT\"", "\"clients\"", "\" client\"", "\"mother\"",
					  "\"abc\"", "1", "true"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		for (int end = 0; end < 2; end++) {
			const char *field = end ? "to" : "from";
			json_t *in = ck_own(ck_load("{\"from\":\"" UID "\",\"to\":\"" UID2 "\",\"type\":\"close\"}"));
			json_object_set_new(in, field, ck_load(bad[i]));
			ck_run(a, "link", in, NULL, &r);
			ck_drop(in);
			assert_int_equal(r.rc, ERR_INVALID);
			ck_expect_field(&r, field, WHY_REF, bad[i]);
			ck_expect_field(&r, end ? "from" : "to", NULL, bad[i]);
			ck_done(&r);
		}
	}
}

/* A link names its relationship in the field "type"; the parser must take it like any field. */
static void test_case_kind_parse_link_kind(void **state)
{
	(void)state;
	struct arena *a = *state;
	struct ck_result r;
	ck_parse(a, "link", "{\"from\":\"client\",\"to\":\"" UID "\",\"type\":\"close\"}", NULL, &r);
	ck_expect_ok(&r, "link from client");
	ck_expect_string(r.plain, "from", "client");
	ck_expect_string(r.plain, "to", UID);
	ck_expect_string(r.plain, "type", "close");
	ck_done(&r);
	ck_parse(a, "link", "{\"from\":\"" UID "\",\"to\":\"" UID2 "\",\"type\":\"divorced\"}", NULL, &r);
	ck_expect_ok(&r, "link between people");
	ck_expect_string(r.plain, "type", "divorced");
	ck_done(&r);
	/* The relationship must be one of its choices. */
	ck_parse(a, "link", "{\"from\":\"client\",\"to\":\"" UID "\",\"type\":\"friends\"}", NULL, &r);
	ck_expect_one(&r, "type", WHY_CHOICE, "link kind friends");
	ck_done(&r);
	/* Updating the relationship of a stored link. */
	ck_parse(a, "link", "{\"type\":\"cutoff\"}", "{\"from\":\"client\",\"to\":\"" UID "\",\"type\":\"close\"}", &r);
	ck_expect_ok(&r, "link kind update");
	ck_expect_string(r.plain, "type", "cutoff");
	ck_done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_case_kind_table_kinds, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_table_fields, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_written, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_find, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_valid, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_not_object, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_required, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_unknown_member, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_types, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_scores_count, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_newlines, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_length_chars, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_sealed_split, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_level, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_at, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_merge, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_person_client, ck_setup, ck_teardown),
		cmocka_unit_test_setup_teardown(test_case_kind_parse_link_kind, ck_setup, ck_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
