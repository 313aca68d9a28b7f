/* case_kind.c: the table of case item kinds and the one validator that serves all of them. */
#include "domain/case_kind.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/str.h"
#include "base/uuid.h"
#include <string.h>

#define R FIELD_REQUIRED
#define S FIELD_SEALED
#define C FIELD_CODE
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const problem_categories[] = {"income", "family_relations", N_("social_environment"), "health", "education",
						 "legal", "housing", "identity_documents", "substance_use", "violence", "other", NULL};
static const char *const functioning_domains[] = {"basic_needs", "social_roles", N_("coping"), "income", "family", "environment", "other", NULL};
static const char *const risk_levels[] = {"low", "medium", N_("high"), NULL};
static const char *const task_owners[] = {"client", "family", N_("worker"), "partner", NULL};
static const char *const task_states[] = {"todo", "doing", N_("done"), "dropped", NULL};
static const char *const session_places[] = {"office", "home_visit", N_("phone"), "online", "other", NULL};
static const char *const session_kinds[] = {"counselling", "skills_training", N_("material_aid"), "therapy", "family_meeting", "case_conference", NULL};
static const char *const service_types[] = {"advice", "material_aid", N_("skills_training"), "therapy", "other", NULL};
static const char *const referral_states[] = {"sent", "accepted", N_("declined"), "completed", NULL};
static const char *const signoff_ways[] = {"signature", "thumbprint", N_("verbal_witness"), "none", NULL};
static const char *const termination_reasons[] = {"goals_reached", "client_withdrew", N_("referred_on"), "moved", "died", "other", NULL};
static const char *const outcomes[] = {"independent", "partly", N_("not"), NULL};
static const char *const relations[] = {"father", "mother", N_("sibling"), "spouse", "former_spouse", "child", "grandparent",
					"grandchild", "uncle_aunt", "cousin", "other", NULL};
static const char *const sexes[] = {"F", "M", NULL};
static const char *const link_kinds[] = {"married", "divorced", N_("separated"), "parent", "conflict", "close", "cutoff", NULL};
static const char *const system_types[] = {"school", "work", N_("health"), "worship", "neighbours", "agency", "family",
					   "community", "government", "other", NULL};
static const char *const strengths[] = {"strong", "weak", N_("stressful"), NULL};
static const char *const levels[] = {"normal", "restricted", N_("sealed"), NULL};

static const struct field_spec problem_fields[] = {
	{"category", FT_ENUM, R, 0, 0, problem_categories, N_("Problem"), NULL},
	{"severity", FT_INT, R, 1, 5, NULL, N_("Severity (1-5)"), NULL},
	{"since", FT_DATE, 0, 0, 0, NULL, N_("Since"), NULL},
	{"description", FT_LONG, S, 0, 4000, NULL, N_("Description"), NULL},
};
static const struct field_spec assessment_fields[] = {
	{"date", FT_DATE, R, 0, 0, NULL, N_("Date"), NULL},
	{"presenting_problem", FT_LONG, R | S, 0, 8000, NULL, N_("Presenting problem"), NULL},
	{"family_situation", FT_LONG, S, 0, 8000, NULL, N_("Family situation"), NULL},
	{"strengths", FT_LONG, S, 0, 8000, NULL, N_("Strengths and resources"), NULL},
	{"basic_needs_score", FT_INT, R, 1, 5, NULL, N_("Meeting basic needs (1-5)"), NULL},
	{"basic_needs_note", FT_LONG, S, 0, 2000, NULL, N_("Meeting basic needs: note"), NULL},
	{"social_roles_score", FT_INT, R, 1, 5, NULL, N_("Carrying out social roles (1-5)"), NULL},
	{"social_roles_note", FT_LONG, S, 0, 2000, NULL, N_("Carrying out social roles: note"), NULL},
	{"coping_score", FT_INT, R, 1, 5, NULL, N_("Coping with problems (1-5)"), NULL},
	{"coping_note", FT_LONG, S, 0, 2000, NULL, N_("Coping with problems: note"), NULL},
	{"risk_level", FT_ENUM, R, 0, 0, risk_levels, N_("Risk level"), NULL},
};
static const struct field_spec person_fields[] = {
	{"name", FT_TEXT, R, 0, 200, NULL, N_("Name"), NULL},
	{"relation", FT_ENUM, R, 0, 0, relations, N_("Relation to the client"), NULL},
	{"sex", FT_ENUM, 0, 0, 0, sexes, N_("Sex"), NULL},
	{"birth_year", FT_INT, 0, 1880, 2100, NULL, N_("Birth year"), NULL},
	{"deceased", FT_BOOL, 0, 0, 0, NULL, N_("Deceased"), NULL},
	{"note", FT_TEXT, S, 0, 500, NULL, N_("Note"), NULL},
};
static const struct field_spec link_fields[] = {
	{"from", FT_REF, R, 0, 0, NULL, N_("From"), "person"},
	{"to", FT_REF, R, 0, 0, NULL, N_("To"), "person"},
	{"type", FT_ENUM, R, 0, 0, link_kinds, N_("Relationship"), NULL},
};
static const struct field_spec tie_fields[] = {
	{"name", FT_TEXT, R, 0, 200, NULL, N_("System (school, office, clinic, ...)"), NULL},
	{"type", FT_ENUM, R, 0, 0, system_types, N_("Type"), NULL},
	{"strength", FT_ENUM, R, 0, 0, strengths, N_("Tie"), NULL},
	{"note", FT_TEXT, S, 0, 500, NULL, N_("Note"), NULL},
};
static const struct field_spec goal_fields[] = {
	{"text", FT_TEXT, R, 0, 500, NULL, N_("Goal"), NULL},
	{"domain", FT_ENUM, R, 0, 0, functioning_domains, N_("Domain"), NULL},
	{"target_date", FT_DATE, 0, 0, 0, NULL, N_("Target date"), NULL},
	{"weight", FT_INT, 0, 1, 100, NULL, N_("Weight"), NULL},
	{"gas_minus2", FT_TEXT, R, 0, 300, NULL, N_("Much less than expected (-2)"), NULL},
	{"gas_minus1", FT_TEXT, R, 0, 300, NULL, N_("Less than expected (-1)"), NULL},
	{"gas_0", FT_TEXT, R, 0, 300, NULL, N_("Expected outcome (0)"), NULL},
	{"gas_plus1", FT_TEXT, R, 0, 300, NULL, N_("More than expected (+1)"), NULL},
	{"gas_plus2", FT_TEXT, R, 0, 300, NULL, N_("Much more than expected (+2)"), NULL},
};
static const struct field_spec task_fields[] = {
	{"text", FT_TEXT, R, 0, 500, NULL, N_("Task"), NULL},
	{"owner", FT_ENUM, R, 0, 0, task_owners, N_("Who does it"), NULL},
	{"due", FT_DATE, 0, 0, 0, NULL, N_("Due date"), NULL},
	{"status", FT_ENUM, 0, 0, 0, task_states, N_("Status"), NULL},
	{"goal", FT_REF, 0, 0, 0, NULL, N_("For goal"), "goal"},
};
static const struct field_spec resource_fields[] = {
	{"text", FT_TEXT, R, 0, 500, NULL, N_("Resource to use"), NULL},
};
static const struct field_spec signoff_fields[] = {
	{"date", FT_DATE, R, 0, 0, NULL, N_("Date"), NULL},
	{"how", FT_ENUM, R, 0, 0, signoff_ways, N_("How the client agreed"), NULL},
	{"witness", FT_TEXT, 0, 0, 200, NULL, N_("Witness"), NULL},
	{"reason", FT_TEXT, 0, 0, 1000, NULL, N_("Why there is no sign-off"), NULL},
};
static const struct field_spec session_fields[] = {
	{"date", FT_DATE, R, 0, 0, NULL, N_("Date"), NULL},
	{"minutes", FT_INT, 0, 1, 1440, NULL, N_("Duration (minutes)"), NULL},
	{"place", FT_ENUM, R, 0, 0, session_places, N_("Where"), NULL},
	{"type", FT_ENUM, R, 0, 0, session_kinds, N_("Kind of session"), NULL},
	{"participants", FT_TEXT, 0, 0, 500, NULL, N_("Participants"), NULL},
	{"note", FT_LONG, S, 0, 20000, NULL, N_("Session note"), NULL},
	{"next_steps", FT_TEXT, 0, 0, 1000, NULL, N_("Next steps"), NULL},
};
static const struct field_spec service_fields[] = {
	{"date", FT_DATE, R, 0, 0, NULL, N_("Date"), NULL},
	{"type", FT_ENUM, R, 0, 0, service_types, N_("Service"), NULL},
	{"atensi", FT_INT, R, 1, 99, NULL, N_("ATENSI component"), NULL},
	{"description", FT_TEXT, 0, 0, 1000, NULL, N_("Description"), NULL},
	{"item", FT_TEXT, 0, 0, 200, NULL, N_("Item (material aid)"), NULL},
	{"quantity", FT_INT, 0, 1, 1000000, NULL, N_("Quantity"), NULL},
	{"value_idr", FT_INT, 0, 0, 10000000000L, NULL, N_("Value (Rp)"), NULL},
};
static const struct field_spec referral_fields[] = {
	{"date", FT_DATE, R, 0, 0, NULL, N_("Date"), NULL},
	{"agency", FT_REF, R, 0, 0, NULL, N_("Agency"), "agency"},
	{"reason", FT_TEXT, R, 0, 1000, NULL, N_("Reason for referral"), NULL},
	{"status", FT_ENUM, 0, 0, 0, referral_states, N_("Status"), NULL},
	{"share_data", FT_BOOL, 0, 0, 0, NULL, N_("Share the client's data with the agency"), NULL},
	{"outcome", FT_TEXT, 0, 0, 1000, NULL, N_("Outcome"), NULL},
};
static const struct field_spec review_fields[] = {
	{"date", FT_DATE, R, 0, 0, NULL, N_("Date"), NULL},
	{"scores", FT_SCORES, 0, 0, 0, NULL, N_("Goal attainment"), NULL},
	{"basic_needs_score", FT_INT, 0, 1, 5, NULL, N_("Meeting basic needs (1-5)"), NULL},
	{"social_roles_score", FT_INT, 0, 1, 5, NULL, N_("Carrying out social roles (1-5)"), NULL},
	{"coping_score", FT_INT, 0, 1, 5, NULL, N_("Coping with problems (1-5)"), NULL},
	{"note", FT_LONG, S, 0, 8000, NULL, N_("Review note"), NULL},
};
static const struct field_spec termination_fields[] = {
	{"date", FT_DATE, R, 0, 0, NULL, N_("Date"), NULL},
	{"reason", FT_ENUM, R, 0, 0, termination_reasons, N_("Reason"), NULL},
	{"outcome", FT_ENUM, R, 0, 0, outcomes, N_("Outcome"), NULL},
	{"summary", FT_LONG, R | S, 0, 8000, NULL, N_("Summary"), NULL},
};
static const struct field_spec followup_fields[] = {
	{"due", FT_DATE, R, 0, 0, NULL, N_("Due date"), NULL},
	{"done_on", FT_DATE, 0, 0, 0, NULL, N_("Done on"), NULL},
	{"note", FT_LONG, S, 0, 4000, NULL, N_("Note"), NULL},
};
static const struct field_spec note_fields[] = {
	{"body", FT_LONG, R | S, 0, 20000, NULL, N_("Note"), NULL},
};
static const struct field_spec stage_fields[] = {
	{"from", FT_TEXT, C, 0, 40, NULL, N_("From"), NULL},
	{"to", FT_TEXT, C, 0, 40, NULL, N_("To"), NULL},
	{"note", FT_TEXT, 0, 0, 2000, NULL, N_("Note"), NULL},
};
static const struct field_spec approval_fields[] = {
	{"type", FT_TEXT, C, 0, 40, NULL, N_("Approval of"), NULL},
	{"status", FT_TEXT, C, 0, 40, NULL, N_("Status"), NULL},
	{"note", FT_TEXT, 0, 0, 2000, NULL, N_("Request"), NULL},
	{"comment", FT_TEXT, 0, 0, 2000, NULL, N_("Supervisor's comment"), NULL},
	{"decided_by", FT_TEXT, C, 0, 100, NULL, N_("Decided by"), NULL},
	{"decided_at", FT_TEXT, C, 0, 40, NULL, N_("Decided at"), NULL},
};
static const struct field_spec assignment_fields[] = {
	{"user", FT_TEXT, C, 0, 100, NULL, N_("Worker"), NULL},
	{"role", FT_TEXT, C, 0, 20, NULL, N_("Role"), NULL},
	{"change", FT_TEXT, C, 0, 20, NULL, N_("Change"), NULL},
	{"reason", FT_TEXT, 0, 0, 2000, NULL, N_("Reason"), NULL},
};
static const char *const attendances[] = {"present", "excused", N_("absent"), NULL};
static const struct field_spec group_note_fields[] = {
	{"group", FT_TEXT, C, 0, 200, NULL, N_("Group"), NULL},
	{"date", FT_DATE, 0, 0, 0, NULL, N_("Date"), NULL},
	{"attendance", FT_ENUM, 0, 0, 0, attendances, N_("Attendance"), NULL},
	{"participation", FT_INT, 0, 1, 5, NULL, N_("Participation (1-5)"), NULL},
	{"observation", FT_LONG, S, 0, 4000, NULL, N_("Observation in the group"), NULL},
};
static const struct field_spec glass_fields[] = {
	{"user", FT_TEXT, C, 0, 100, NULL, N_("Who"), NULL},
	{"reason", FT_TEXT, 0, 0, 2000, NULL, N_("Reason"), NULL},
	{"until", FT_TEXT, C, 0, 40, NULL, N_("Until"), NULL},
};

const struct case_kind case_kinds[] = {
	{"problem", "problems", N_("Problem"), NULL, true, problem_fields, COUNT(problem_fields)},
	{"assessment", "assessments", N_("Assessment"), "date", true, assessment_fields, COUNT(assessment_fields)},
	{"person", "people", N_("Genogram: family member"), NULL, true, person_fields, COUNT(person_fields)},
	{"link", "links", N_("Genogram: relationship"), NULL, true, link_fields, COUNT(link_fields)},
	{"tie", "ties", N_("Ecomap: tie"), NULL, true, tie_fields, COUNT(tie_fields)},
	{"goal", "goals", N_("Goal"), NULL, true, goal_fields, COUNT(goal_fields)},
	{"task", "tasks", N_("Task"), NULL, true, task_fields, COUNT(task_fields)},
	{"resource", "resources", N_("Resource"), NULL, true, resource_fields, COUNT(resource_fields)},
	{"signoff", "signoffs", N_("Client sign-off of the plan"), "date", true, signoff_fields, COUNT(signoff_fields)},
	{"session", "sessions", N_("Session"), "date", true, session_fields, COUNT(session_fields)},
	{"service", "services", N_("Service"), "date", true, service_fields, COUNT(service_fields)},
	{"referral", "referrals", N_("Referral"), "date", true, referral_fields, COUNT(referral_fields)},
	{"review", "reviews", N_("Review"), "date", true, review_fields, COUNT(review_fields)},
	{"termination", "terminations", N_("Termination"), "date", true, termination_fields, COUNT(termination_fields)},
	{"followup", "followups", N_("Follow-up"), "due", true, followup_fields, COUNT(followup_fields)},
	{"note", "notes", N_("Note"), NULL, true, note_fields, COUNT(note_fields)},
	{"stage", "stages", N_("Stage change"), NULL, false, stage_fields, COUNT(stage_fields)},
	{"approval", "approvals", N_("Approval"), NULL, false, approval_fields, COUNT(approval_fields)},
	{"assignment", "assignments", N_("Worker assignment"), NULL, false, assignment_fields, COUNT(assignment_fields)},
	{"glass", "glass", N_("Emergency access"), NULL, false, glass_fields, COUNT(glass_fields)},
	{"group_note", "group-notes", N_("Group session"), "date", false, group_note_fields, COUNT(group_note_fields)},
};
const int case_kinds_count = COUNT(case_kinds);

/* Labels of enum values, shared by forms, pages and printed documents. */
static const struct {
	const char *value, *label;
} choice_labels[] = {
	{"income", N_("Income")}, {"family_relations", N_("Family relations")}, {"social_environment", N_("Social environment")},
	{"health", N_("Health")}, {"education", N_("Education")}, {"legal", N_("Legal")}, {"housing", N_("Housing")},
	{"identity_documents", N_("Identity documents")}, {"substance_use", N_("Substance use")}, {"violence", N_("Violence")},
	{"other", N_("Other")}, {"basic_needs", N_("Meeting basic needs")}, {"social_roles", N_("Carrying out social roles")},
	{"coping", N_("Coping with problems")}, {"family", N_("Family")}, {"environment", N_("Environment")},
	{"low", N_("Low")}, {"medium", N_("Medium")}, {"high", N_("High")}, {"client", N_("Client")}, {"worker", N_("Worker")},
	{"partner", N_("Partner agency")}, {"todo", N_("To do")}, {"doing", N_("In progress")}, {"done", N_("Done")},
	{"dropped", N_("Dropped")}, {"office", N_("Office")}, {"home_visit", N_("Home visit")}, {"phone", N_("Phone")},
	{"online", N_("Online")}, {"counselling", N_("Counselling and advice")}, {"skills_training", N_("Skills training")},
	{"material_aid", N_("Material aid")}, {"therapy", N_("Therapy")}, {"family_meeting", N_("Family meeting")},
	{"case_conference", N_("Case conference")}, {"advice", N_("Advice")}, {"sent", N_("Sent")}, {"accepted", N_("Accepted")},
	{"declined", N_("Declined")}, {"completed", N_("Completed")}, {"signature", N_("Signature")},
	{"thumbprint", N_("Thumbprint")}, {"verbal_witness", N_("Verbal, with a witness")}, {"none", N_("No sign-off")},
	{"goals_reached", N_("Goals reached")}, {"client_withdrew", N_("Client withdrew")}, {"referred_on", N_("Referred on")},
	{"moved", N_("Moved away")}, {"died", N_("Died")}, {"independent", N_("Independent (mandiri)")},
	{"partly", N_("Partly independent")}, {"not", N_("Not independent")}, {"father", N_("Father")}, {"mother", N_("Mother")},
	{"sibling", N_("Sibling")}, {"spouse", N_("Spouse")}, {"former_spouse", N_("Former spouse")}, {"child", N_("Child")},
	{"grandparent", N_("Grandparent")}, {"grandchild", N_("Grandchild")}, {"uncle_aunt", N_("Uncle or aunt")},
	{"cousin", N_("Cousin")}, {"F", N_("Female")}, {"M", N_("Male")}, {"married", N_("Married")}, {"divorced", N_("Divorced")},
	{"separated", N_("Separated")}, {"parent", N_("Parent of")}, {"conflict", N_("Conflict")}, {"close", N_("Close")},
	{"cutoff", N_("Cut off")}, {"school", N_("School")}, {"work", N_("Work")}, {"worship", N_("Place of worship")},
	{"neighbours", N_("Neighbours")}, {"agency", N_("Agency")}, {"community", N_("Community")},
	{"government", N_("Government office")}, {"strong", N_("Strong")}, {"weak", N_("Weak")}, {"stressful", N_("Stressful")},
	{"normal", N_("Normal")}, {"restricted", N_("Restricted")}, {"sealed", N_("Sealed")},
	{"intake", N_("Intake")}, {"assessment", N_("Assessment")}, {"planning", N_("Intervention planning")},
	{"intervention", N_("Intervention")}, {"resocialisation", N_("Resocialisation")}, {"termination", N_("Termination")},
	{"aftercare", N_("Aftercare")}, {"pending", N_("Waiting for the supervisor")}, {"approved", N_("Approved")},
	{"returned", N_("Returned with a comment")}, {"plan", N_("Plan")}, {"closure", N_("Closure")},
	{"primary", N_("Primary worker")}, {"secondary", N_("Other worker")}, {"present", N_("Present")},
	{"excused", N_("Excused")}, {"absent", N_("Absent")}, {"restorative", N_("Restorative")}, {"remedial", N_("Remedial")},
	{"preventive", N_("Preventive")}, {"developmental", N_("Developmental")}, {"forming", N_("Forming")},
	{"active", N_("Active")}, {"ended", N_("Ended")}, {"beginning", N_("Beginning")}, {"working", N_("Working")},
	{"ending", N_("Ending")}, {"facilitator", N_("Facilitator")}, {"cofacilitator", N_("Co-facilitator")},
};

const char *case_kind_choice_label(const char *value)
{
	for (int i = 0; value && i < COUNT(choice_labels); i++)
		if (strcmp(value, choice_labels[i].value) == 0)
			return choice_labels[i].label;
	return value;
}

const struct case_kind *case_kind_find(const char *name)
{
	for (int i = 0; name && i < case_kinds_count; i++)
		if (strcmp(name, case_kinds[i].name) == 0 || strcmp(name, case_kinds[i].plural) == 0)
			return &case_kinds[i];
	return NULL;
}

const struct field_spec *case_kind_field(const struct case_kind *k, const char *name)
{
	for (int i = 0; i < k->nfields; i++)
		if (strcmp(k->fields[i].name, name) == 0)
			return &k->fields[i];
	return NULL;
}

const char **case_kind_written(struct arena *a, const struct case_kind *k)
{
	const char **out = arena_alloc(a, sizeof *out * (size_t)(k->nfields + 1));
	int n = 0;
	for (int i = 0; out && i < k->nfields; i++)
		if ((k->fields[i].type == FT_TEXT || k->fields[i].type == FT_LONG) && !(k->fields[i].flags & FIELD_CODE))
			out[n++] = k->fields[i].name;
	if (out)
		out[n] = NULL;
	return out;
}

static bool case_kind_in(const char *s, const char *const *list)
{
	for (int i = 0; list && list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

/* case_kind_value checks one value against its field; returns a message key or NULL. */
static const char *case_kind_value(const struct field_spec *fs, json_t *v)
{
	switch (fs->type) {
	case FT_TEXT:
	case FT_LONG: {
		if (!json_is_string(v))
			return "Must be text.";
		const char *s = json_string_value(v);
		if (!str_utf8_valid(s, json_string_length(v)) || (fs->type == FT_TEXT && strpbrk(s, "\r\n")))
			return fs->type == FT_TEXT ? "Must be one line of text." : "Must be valid text.";
		if (fs->max && str_utf8_chars(s) > (size_t)fs->max)
			return "Too long.";
		return NULL;
	}
	case FT_DATE: {
		if (!json_is_string(v) || !str_date_valid(json_string_value(v)))
			return "Must be a real date written YYYY-MM-DD.";
		if (strcmp(json_string_value(v), "2100-01-01") > 0)
			return "The date is too far in the future.";
		return NULL;
	}
	case FT_INT:
		if (!json_is_integer(v))
			return "Must be a whole number.";
		if (json_integer_value(v) < fs->min || json_integer_value(v) > fs->max)
			return "The number is out of range.";
		return NULL;
	case FT_ENUM:
		if (!json_is_string(v) || !case_kind_in(json_string_value(v), fs->choices))
			return "Choose one of the listed values.";
		return NULL;
	case FT_BOOL:
		return json_is_boolean(v) ? NULL : "Must be true or false.";
	case FT_REF:
		if (json_is_string(v) && fs->ref_kind && strcmp(fs->ref_kind, "person") == 0 &&
		    strcmp(json_string_value(v), "client") == 0)
			return NULL; /* the client is the centre of the genogram */
		if (!json_is_string(v) || !uuid_valid(json_string_value(v)))
			return "Must be the uid of an existing record.";
		return NULL;
	case FT_SCORES: {
		if (!json_is_array(v) || json_array_size(v) > 50)
			return "Must be a list of goal scores.";
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) {
			json_t *g = json_object_get(e, "goal"), *s = json_object_get(e, "score");
			if (!json_is_object(e) || json_object_size(e) != 2 || !json_is_string(g) ||
			    !uuid_valid(json_string_value(g)) || !json_is_integer(s) || json_integer_value(s) < -2 ||
			    json_integer_value(s) > 2)
				return "Each score needs a goal uid and a score from -2 to +2.";
		}
		return NULL;
	}
	}
	return "Not valid.";
}

int case_kind_parse(struct arena *a, const struct case_kind *k, json_t *in, json_t *base, const char *today,
		    json_t **plain, json_t **sealed, const char **level, const char **at,
		    struct faults *f)
{
	*plain = json_object();
	*sealed = json_object();
	if (!json_is_object(in)) {
		faults_add(f, "", "The body must be a JSON object.");
		return ERR_INVALID;
	}
	json_t *merged = base ? json_deep_copy(base) : json_object();
	const char *key;
	json_t *v;
	json_object_foreach(in, key, v) {
		if (strcmp(key, "version") == 0 || strcmp(key, "uid") == 0 || strcmp(key, "kind") == 0)
			continue;
		if (strcmp(key, "level") == 0) {
			if (!json_is_string(v) || !case_kind_in(json_string_value(v), levels))
				faults_add(f, "level", "Level must be normal, restricted or sealed.");
			else
				json_object_set(merged, "level", v);
			continue;
		}
		const struct field_spec *fs = case_kind_field(k, key);
		if (fs == NULL) {
			faults_add(f, arena_strdup(a, key), "Unknown field.");
			continue;
		}
		if (json_is_null(v) || (json_is_string(v) && str_empty(json_string_value(v)))) {
			json_object_del(merged, key);
			continue;
		}
		const char *why = case_kind_value(fs, v);
		if (why)
			faults_add(f, fs->name, why);
		else
			json_object_set(merged, key, v);
	}
	for (int i = 0; i < k->nfields; i++) {
		const struct field_spec *fs = &k->fields[i];
		json_t *val = json_object_get(merged, fs->name);
		if ((fs->flags & FIELD_REQUIRED) && val == NULL && faults_find(f, fs->name) == NULL)
			faults_add(f, fs->name, "This field is required.");
		if (val)
			json_object_set(fs->flags & FIELD_SEALED ? *sealed : *plain, fs->name, val);
	}
	json_t *lv = json_object_get(merged, "level");
	*level = arena_strdup(a, json_is_string(lv) ? json_string_value(lv) : "normal");
	json_t *date = k->date_field ? json_object_get(merged, k->date_field) : NULL;
	*at = arena_strdup(a, json_is_string(date) ? json_string_value(date) : today);
	json_decref(merged);
	return f->n ? ERR_INVALID : 0;
}
