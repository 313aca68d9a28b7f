/* api_cases.c: /api/v1/cases: casework over JSON, one generic pair of handlers for every item kind. */
#include "api/api.h"
#include "base/err.h"
#include "base/str.h"
#include "base/uuid.h"
#include "domain/agency.h"
#include "domain/casework.h"
#include <string.h>

static json_t *api_case_json(const struct case_view *cv)
{
	const struct case_row *r = &cv->row;
	json_t *workers = json_array();
	for (int i = 0; i < r->nworkers; i++)
		json_array_append_new(workers, json_pack("{s:s,s:s,s:s,s:s,s:s?}", "name", r->workers[i].name, "full_name",
							 r->workers[i].full_name ? r->workers[i].full_name : "", "role",
							 r->workers[i].role, "since", r->workers[i].assigned_at, "reason",
							 r->workers[i].reason));
	json_t *j = json_pack("{s:s,s:{s:s,s:s?},s:s,s:I,s:s?,s:s?,s:s?,s:s?,s:s?,s:b,s:o}", "uid", r->uid, "client", "uid",
			      r->client_uid, "name", r->client_name, "stage", r->stage, "version", (json_int_t)r->version,
			      "opened_reason", r->opened_reason, "closed_at", r->closed_at, "created_at", r->created_at,
			      "created_by", r->created_by, "updated_at", r->updated_at, "overdue", r->overdue, "workers", workers);
	json_object_set_new(j, "gates", json_pack("{s:b,s:i,s:b,s:b,s:b,s:b}", "consent", cv->facts.consent, "goals",
						  cv->facts.goals, "signoff", cv->facts.signoff, "plan_approved",
						  cv->facts.plan_approved, "termination", cv->facts.termination,
						  "closure_approved", cv->facts.closure_approved));
	json_object_set_new(j, "access", json_pack("{s:b,s:b,s:b}", "assigned", cv->access.assigned, "supervises",
						   cv->access.supervises, "emergency", cv->access.glass));
	json_object_set_new(j, "can", json_pack("{s:b,s:b,s:b}", "write", cv->can_write, "approve", cv->can_approve,
						"assign", cv->can_assign));
	return j;
}

static json_t *api_case_row_json(const struct case_row *r)
{
	return json_pack("{s:s,s:{s:s,s:s?},s:s,s:I,s:s?,s:s?,s:s?,s:b}", "uid", r->uid, "client", "uid", r->client_uid,
			 "name", r->client_name, "stage", r->stage, "version", (json_int_t)r->version, "primary_worker",
			 r->primary_name, "closed_at", r->closed_at, "updated_at", r->updated_at, "overdue", r->overdue);
}

static json_t *api_item_json(const struct case_item_view *it)
{
	json_t *j = json_loads(it->json ? it->json : "{}", 0, NULL);
	if (j == NULL)
		j = json_object();
	json_t *meta = json_pack("{s:s,s:s,s:s,s:s,s:I,s:s?,s:s?,s:s?,s:s?}", "uid", it->row.uid, "kind", it->row.kind, "at",
				 it->row.at, "level", it->row.level, "version", (json_int_t)it->row.version,
				 "created_at", it->row.created_at, "created_by", it->row.created_by, "updated_at",
				 it->row.updated_at, "updated_by", it->row.updated_by);
	json_object_update(j, meta);
	json_decref(meta);
	return j;
}

/* api_case_fail answers a casework error: faults as 422, gates and consent with their codes. */
static int api_case_fail(struct request *rq, struct response *rs, int rc, const struct faults *f)
{
	if ((rc == ERR_INVALID || rc == ERR_CONSENT) && f->n)
		return api_faults(rq, rs, rc, f);
	return rc;
}

int api_cases_create(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	struct faults f = {0};
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		if (strcmp(key, "client") != 0 && strcmp(key, "problems") != 0 && strcmp(key, "reason") != 0)
			faults_add(&f, arena_strdup(&rq->arena, key), "Unknown field.");
	}
	json_t *client = json_object_get(body, "client"), *reason = json_object_get(body, "reason");
	if (!json_is_string(client))
		faults_add(&f, "client", "The client's uid is required.");
	if (reason && !json_is_string(reason) && !json_is_null(reason))
		faults_add(&f, "reason", "Must be text or null.");
	if (f.n) {
		json_decref(body);
		return api_faults(rq, rs, ERR_INVALID, &f);
	}
	struct case_view cv;
	int rc = casework_open(rq->db, &rq->arena, &rq->actor, arena_strdup(&rq->arena, json_string_value(client)),
			       json_object_get(body, "problems"),
			       json_is_string(reason) ? arena_strdup(&rq->arena, json_string_value(reason)) : NULL, &cv, &f);
	json_decref(body);
	if (rc)
		return api_case_fail(rq, rs, rc, &f);
	rs->location = arena_printf(&rq->arena, "/api/v1/cases/%s", cv.row.uid);
	return api_send(rq, rs, 201, api_case_json(&cv));
}

int api_case_get(struct request *rq, struct response *rs)
{
	struct case_view cv;
	int rc = casework_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &cv);
	if (rc)
		return rc;
	return api_send(rq, rs, 200, api_case_json(&cv));
}

int api_cases_list(struct request *rq, struct response *rs)
{
	static const char *const known[] = {"worker", "stage", "overdue", "client", "cursor", "limit", NULL};
	if (api_known_params(rq, rs, known))
		return 0;
	struct case_query q = {0};
	if (api_limit(rq, rs, &q.limit))
		return 0;
	q.worker = kv_get(&rq->query, "worker");
	q.stage = kv_get(&rq->query, "stage");
	if (q.stage && *q.stage == 0)
		q.stage = NULL;
	if (q.stage && stage_index(q.stage) < 0)
		return api_error(rq, rs, ERR_INVALID, "stage", "Unknown stage: use intake, assessment, planning, intervention, resocialisation, termination or aftercare.");
	const char *od = kv_get(&rq->query, "overdue");
	q.overdue = od && (strcmp(od, "1") == 0 || strcmp(od, "true") == 0);
	if (od && *od && !q.overdue && strcmp(od, "0") != 0 && strcmp(od, "false") != 0)
		return api_error(rq, rs, ERR_INVALID, "overdue", "Must be 1 or true, 0 or false.");
	q.client = kv_get(&rq->query, "client");
	if (q.client && *q.client == 0)
		q.client = NULL;
	if (q.client && !uuid_valid(q.client))
		return api_error(rq, rs, ERR_INVALID, "client", "Must be a client's uid.");
	q.cursor = kv_get(&rq->query, "cursor");
	if (q.cursor && *q.cursor == 0)
		q.cursor = NULL;
	struct case_row *rows;
	int n;
	const char *next, *bad;
	int rc = casework_list(rq->db, &rq->arena, &rq->actor, &q, &rows, &n, &next, &bad);
	if (rc == ERR_INVALID)
		return api_error(rq, rs, rc, bad, str_eq(bad, "worker") ? "No such user." : "The cursor is not valid: start again from the first page.");
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, api_case_row_json(&rows[i]));
	json_t *j = json_pack("{s:o}", "items", items);
	json_object_set_new(j, "next_cursor", next ? json_string(next) : json_null());
	return api_send(rq, rs, 200, j);
}

int api_caseload(struct request *rq, struct response *rs)
{
	static const char *const known[] = {"worker", NULL};
	if (api_known_params(rq, rs, known))
		return 0;
	int counts[STAGE_COUNT], overdue;
	const char *worker = kv_get(&rq->query, "worker");
	int rc = casework_caseload(rq->db, &rq->arena, &rq->actor, worker, counts, &overdue);
	if (rc == ERR_INVALID)
		return api_error(rq, rs, rc, "worker", "No such user.");
	if (rc)
		return rc;
	json_t *stages = json_object();
	int total = 0;
	for (int i = 0; i < STAGE_COUNT; i++) {
		json_object_set_new(stages, stage_codes[i], json_integer(counts[i]));
		total += counts[i];
	}
	return api_send(rq, rs, 200, json_pack("{s:o,s:i,s:i}", "stages", stages, "total", total, "overdue", overdue));
}

/* api_items answers a list of item views. */
static int api_items(struct request *rq, struct response *rs, const char *kind)
{
	struct case_view cv;
	int rc = casework_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &cv);
	if (rc)
		return rc;
	struct case_item_view *items;
	int n;
	rc = casework_items(rq->db, &rq->arena, &rq->actor, &cv, kind, &items, &n);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, api_item_json(&items[i]));
	return api_send(rq, rs, 200, json_pack("{s:o,s:n}", "items", arr, "next_cursor"));
}

int api_case_timeline(struct request *rq, struct response *rs)
{
	static const char *const known[] = {"kind", NULL};
	if (api_known_params(rq, rs, known))
		return 0;
	const char *kind = kv_get(&rq->query, "kind");
	if (kind && *kind == 0)
		kind = NULL;
	if (kind && case_kind_find(kind) == NULL)
		return api_error(rq, rs, ERR_INVALID, "kind", "Unknown kind of record.");
	return api_items(rq, rs, kind ? case_kind_find(kind)->name : NULL);
}

int api_case_items(struct request *rq, struct response *rs)
{
	static const char *const none[] = {NULL};
	if (api_known_params(rq, rs, none))
		return 0;
	const struct case_kind *k = case_kind_find(rq->params[1]);
	if (k == NULL)
		return ERR_NOTFOUND;
	return api_items(rq, rs, k->name);
}

/* api_item_resent answers a POST sent again with the Idempotency-Key of an item it added: the
 * item, as the first answer gave it. Another case's item of that uid is no such answer: 409. */
static int api_item_resent(struct request *rq, struct response *rs)
{
	struct case_view cv;
	struct case_item_view *items;
	int n;
	const struct case_kind *k = case_kind_find(rq->params[1]);
	int rc = k ? casework_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &cv) : ERR_NOTFOUND;
	if (rc == 0)
		rc = casework_items(rq->db, &rq->arena, &rq->actor, &cv, k->name, &items, &n);
	for (int i = 0; rc == 0 && i < n; i++)
		if (strcmp(items[i].row.uid, rq->once) == 0)
			return api_send(rq, rs, 201, api_item_json(&items[i]));
	return rc ? rc : api_error(rq, rs, ERR_CONFLICT, "Idempotency-Key", "This key was used for another record.");
}

int api_case_item_create(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	struct faults f = {0};
	struct case_item_view out;
	int rc = casework_add(rq->db, &rq->arena, &rq->actor, rq->params[0], rq->params[1], body, rq->once, &out, &f);
	json_decref(body);
	if (rc == ERR_EXISTS && rq->once)
		return api_item_resent(rq, rs);
	if (rc)
		return api_case_fail(rq, rs, rc, &f);
	return api_send(rq, rs, 201, api_item_json(&out));
}

int api_case_item_patch(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	const struct case_kind *k = case_kind_find(rq->params[1]);
	if (k == NULL) {
		json_decref(body);
		return ERR_NOTFOUND;
	}
	struct faults f = {0};
	struct case_item_view out, current = {0};
	int rc = casework_update(rq->db, &rq->arena, &rq->actor, rq->params[0], k->name, rq->params[2], body, &out,
				 &current, &f);
	json_decref(body);
	if (rc == ERR_CONFLICT && current.json) {
		json_t *e = json_pack("{s:s,s:s}", "code", err_code(rc), "message", request_t(rq, err_message(rc)));
		return api_send(rq, rs, 409, json_pack("{s:o,s:o}", "error", e, "current", api_item_json(&current)));
	}
	if (rc)
		return api_case_fail(rq, rs, rc, &f);
	return api_send(rq, rs, 200, api_item_json(&out));
}

int api_case_item_delete(struct request *rq, struct response *rs)
{
	int rc = casework_archive_item(rq->db, &rq->arena, &rq->actor, rq->params[0], rq->params[1], rq->params[2]);
	if (rc)
		return rc;
	rs->status = 204;
	return 0;
}

/* api_case_answer answers a change with the case as it now stands; a worker who just handed the
 * case over no longer sees it and gets its uid alone. */
static int api_case_answer(struct request *rq, struct response *rs, int status)
{
	struct case_view cv;
	int rc = casework_peek(rq->db, &rq->arena, &rq->actor, rq->params[0], &cv);
	if (rc == ERR_NOTFOUND)
		return api_send(rq, rs, status, json_pack("{s:s,s:b}", "uid", rq->params[0], "visible", 0));
	if (rc)
		return rc;
	return api_send(rq, rs, status, api_case_json(&cv));
}

int api_case_stage(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	static const char *const keys[] = {"to", "note", NULL};
	const char *to, *note, *why = NULL;
	if (api_only(rq, rs, body, keys) || api_text(rq, rs, body, "to", &to) || api_text(rq, rs, body, "note", &note)) {
		json_decref(body);
		return 0;
	}
	json_decref(body);
	if (to == NULL)
		return api_error(rq, rs, ERR_INVALID, "to", "Name the stage to move to.");
	int rc = casework_move(rq->db, &rq->arena, &rq->actor, rq->params[0], to, note, &why);
	if (rc == ERR_GATE || rc == ERR_INVALID)
		return api_error(rq, rs, rc, why && strstr(why, "note") ? "note" : "to", why);
	if (rc)
		return rc;
	return api_case_answer(rq, rs, 200);
}

int api_case_approval_request(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	static const char *const keys[] = {"type", "note", NULL};
	const char *type, *note;
	if (api_only(rq, rs, body, keys) || api_text(rq, rs, body, "type", &type) || api_text(rq, rs, body, "note", &note)) {
		json_decref(body);
		return 0;
	}
	json_decref(body);
	struct faults f = {0};
	struct case_item_view out;
	int rc = casework_request(rq->db, &rq->arena, &rq->actor, rq->params[0], type, note, &out, &f);
	if (rc)
		return api_case_fail(rq, rs, rc, &f);
	return api_send(rq, rs, 201, api_item_json(&out));
}

int api_case_approval_decide(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	static const char *const keys[] = {"decision", "comment", NULL};
	const char *decision, *comment;
	if (api_only(rq, rs, body, keys) || api_text(rq, rs, body, "decision", &decision) ||
	    api_text(rq, rs, body, "comment", &comment)) {
		json_decref(body);
		return 0;
	}
	json_decref(body);
	if (!str_eq(decision, "approve") && !str_eq(decision, "return"))
		return api_error(rq, rs, ERR_INVALID, "decision", "Decision must be approve or return.");
	struct faults f = {0};
	int rc = casework_decide(rq->db, &rq->arena, &rq->actor, rq->params[0], rq->params[1], str_eq(decision, "approve"),
				 comment, &f);
	if (rc)
		return api_case_fail(rq, rs, rc, &f);
	return api_case_answer(rq, rs, 200);
}

int api_case_workers_add(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	static const char *const keys[] = {"user", "role", "reason", NULL};
	const char *user, *role, *reason;
	if (api_only(rq, rs, body, keys) || api_text(rq, rs, body, "user", &user) || api_text(rq, rs, body, "role", &role) ||
	    api_text(rq, rs, body, "reason", &reason)) {
		json_decref(body);
		return 0;
	}
	json_decref(body);
	struct faults f = {0};
	int rc = casework_assign(rq->db, &rq->arena, &rq->actor, rq->params[0], user, role ? role : "secondary", reason, &f);
	if (rc)
		return api_case_fail(rq, rs, rc, &f);
	return api_case_answer(rq, rs, 200);
}

int api_case_workers_remove(struct request *rq, struct response *rs)
{
	const char *reason = kv_get(&rq->query, "reason");
	json_t *body = NULL;
	if (rq->body_len > 0) {
		if (api_body(rq, rs, &body))
			return 0;
		static const char *const keys[] = {"reason", NULL};
		if (api_only(rq, rs, body, keys) || api_text(rq, rs, body, "reason", &reason)) {
			json_decref(body);
			return 0;
		}
		json_decref(body);
	}
	struct faults f = {0};
	int rc = casework_unassign(rq->db, &rq->arena, &rq->actor, rq->params[0], rq->params[1], reason, &f);
	if (rc)
		return api_case_fail(rq, rs, rc, &f);
	return api_case_answer(rq, rs, 200);
}

int api_case_glass(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	static const char *const keys[] = {"reason", NULL};
	const char *reason;
	if (api_only(rq, rs, body, keys) || api_text(rq, rs, body, "reason", &reason)) {
		json_decref(body);
		return 0;
	}
	json_decref(body);
	struct faults f = {0};
	int rc = casework_glass(rq->db, &rq->arena, &rq->actor, rq->params[0], reason, &f);
	if (rc)
		return api_case_fail(rq, rs, rc, &f);
	return api_case_answer(rq, rs, 200);
}

static json_t *api_agency_json(const struct agency_row *r)
{
	return json_pack("{s:s,s:s,s:s,s:s?,s:s?,s:s?,s:b,s:I}", "uid", r->uid, "name", r->name, "type", r->type,
			 "services", r->services, "region", r->region, "contact", r->contact, "external", r->external,
			 "version", (json_int_t)r->version);
}

int api_agencies_list(struct request *rq, struct response *rs)
{
	struct agency_row *rows;
	int n;
	static const char *const known[] = {"q", NULL};
	if (api_known_params(rq, rs, known))
		return 0;
	int rc = agency_list(rq->db, &rq->arena, &rq->actor, kv_get(&rq->query, "q"), &rows, &n);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, api_agency_json(&rows[i]));
	return api_send(rq, rs, 200, json_pack("{s:o,s:n}", "items", arr, "next_cursor"));
}

int api_agencies_create(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	struct faults f = {0};
	struct agency_row r;
	int rc = agency_add(rq->db, &rq->arena, &rq->actor, body, &r, &f);
	json_decref(body);
	if (rc)
		return api_case_fail(rq, rs, rc, &f);
	return api_send(rq, rs, 201, api_agency_json(&r));
}

int api_supervision_list(struct request *rq, struct response *rs)
{
	struct supervision_item *items = NULL;
	int n;
	static const char *const known[] = {"worker", NULL};
	if (api_known_params(rq, rs, known))
		return 0;
	struct faults f = {0};
	int rc = supervision_list(rq->db, &rq->arena, &rq->actor, kv_get(&rq->query, "worker"), &items, &n, &f);
	if (rc == ERR_INVALID)
		return api_faults(rq, rs, rc, &f);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s}", "uid", items[i].uid, "held_on", items[i].held_on,
						     "worker", items[i].worker, "supervisor", items[i].supervisor, "notes",
						     items[i].notes));
	return api_send(rq, rs, 200, json_pack("{s:o,s:n}", "items", arr, "next_cursor"));
}

int api_supervision_create(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	static const char *const keys[] = {"worker", "held_on", "notes", NULL};
	const char *worker, *held_on, *notes;
	if (api_only(rq, rs, body, keys) || api_text(rq, rs, body, "worker", &worker) ||
	    api_text(rq, rs, body, "held_on", &held_on) || api_text(rq, rs, body, "notes", &notes)) {
		json_decref(body);
		return 0;
	}
	json_decref(body);
	struct faults f = {0};
	const char *uid;
	int rc = supervision_add(rq->db, &rq->arena, &rq->actor, worker, held_on, notes, &uid, &f);
	if (rc)
		return api_case_fail(rq, rs, rc, &f);
	return api_send(rq, rs, 201, json_pack("{s:s,s:s}", "uid", uid, "held_on", held_on));
}
