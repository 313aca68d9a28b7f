/* api_clients.c: /api/v1/clients: the registry over JSON. */
#include "api/api.h"
#include "base/err.h"
#include "base/str.h"
#include "domain/client.h"
#include "domain/client_json.h"
#include "domain/region.h"
#include <string.h>

/* api_client_result answers a failed create or update with everything the caller needs. */
static int api_client_result(struct request *rq, struct response *rs, int rc,
			     const struct client_result *res)
{
	if (rc == ERR_CONFLICT && res->current.uid) {
		json_t *e = json_pack("{s:s,s:s}", "code", err_code(rc), "message", request_t(rq, err_message(rc)));
		return api_send(rq, rs, 409, json_pack("{s:o,s:o}", "error", e, "current", client_to_json(&res->current)));
	}
	if (rc == ERR_EXISTS && res->existing_uid) {
		json_t *e = json_pack("{s:s,s:s,s:s,s:s,s:s}", "code", err_code(rc), "message",
				      request_t(rq, "This NIK is already registered for another client."), "field", "nik",
				      "existing", res->existing_uid, "link",
				      arena_printf(&rq->arena, "/api/v1/clients/%s", res->existing_uid));
		return api_send(rq, rs, 409, json_pack("{s:o}", "error", e));
	}
	if (rc == ERR_CONFIRM) {
		json_t *e = json_pack("{s:s,s:s,s:s}", "code", res->nik_mismatch ? "nik_mismatch" : "possible_duplicate",
				      "message", request_t(rq, res->faults.list[0].msg), "field",
				      res->nik_mismatch ? "nik" : "name");
		json_object_set_new(e, "confirm_with", json_string(res->nik_mismatch ? "confirm_nik_mismatch" : "confirm_duplicate"));
		if (res->ndup) {
			json_t *d = json_array();
			for (int i = 0; i < res->ndup; i++)
				json_array_append_new(d, json_pack("{s:s,s:s}", "uid", res->dup_uid[i], "name", res->dup_name[i]));
			json_object_set_new(e, "duplicates", d);
		}
		return api_send(rq, rs, 422, json_pack("{s:o}", "error", e));
	}
	if (rc == ERR_INVALID || rc == ERR_EXISTS)
		return api_faults(rq, rs, rc, &res->faults);
	return rc;
}

int api_clients_create(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	struct client c = {0};
	struct client_result res = {0};
	int64_t version = 0;
	int rc = client_from_json(&rq->arena, body, &c, &version, &res.faults);
	json_decref(body);
	if (rc)
		return api_faults(rq, rs, rc, &res.faults);
	rc = client_create(rq->db, &rq->arena, &rq->actor, &c, &res);
	if (rc)
		return api_client_result(rq, rs, rc, &res);
	rs->location = arena_printf(&rq->arena, "/api/v1/clients/%s", c.uid);
	return api_send(rq, rs, 201, client_to_json(&c));
}

int api_client_get(struct request *rq, struct response *rs)
{
	struct client c;
	int rc = client_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &c);
	if (rc)
		return rc;
	return api_send(rq, rs, 200, client_to_json(&c));
}

int api_client_patch(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	if (!policy_can(&rq->actor, PERM_CLIENT_WRITE)) {
		json_decref(body);
		return ERR_FORBIDDEN;
	}
	struct client c;
	struct client_result res = {0};
	int rc = client_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &c);
	if (rc) {
		json_decref(body);
		return rc;
	}
	int64_t version = 0;
	rc = client_from_json(&rq->arena, body, &c, &version, &res.faults);
	json_decref(body);
	if (rc)
		return api_faults(rq, rs, rc, &res.faults);
	if (version == 0)
		return api_error(rq, rs, ERR_INVALID, "version", "Send the version you read, so that changes by others are not overwritten.");
	c.version = version;
	rc = client_update(rq->db, &rq->arena, &rq->actor, rq->params[0], &c, &res);
	if (rc)
		return api_client_result(rq, rs, rc, &res);
	return api_send(rq, rs, 200, client_to_json(&c));
}

int api_client_delete(struct request *rq, struct response *rs)
{
	int rc = client_archive(rq->db, &rq->arena, &rq->actor, rq->params[0]);
	if (rc)
		return rc;
	struct client c;
	rc = client_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &c);
	if (rc)
		return rc;
	return api_send(rq, rs, 200, client_to_json(&c));
}

/* api_client_query reads the list filters shared by the API and the CLI-like callers. */
static int api_client_query(struct request *rq, struct response *rs, struct client_query *q)
{
	static const char *const known[] = {"q", "region", "ppks", "flag", "archived", "sort", "cursor", "limit", NULL};
	if (api_known_params(rq, rs, known))
		return ERR_INVALID;
	memset(q, 0, sizeof *q);
	if (api_limit(rq, rs, &q->limit))
		return ERR_INVALID;
	q->q = kv_get(&rq->query, "q");
	q->region = kv_get(&rq->query, "region");
	if (q->region)
		q->region = str_trim((char *)q->region); /* the request's own copy */
	q->flag = kv_get(&rq->query, "flag");
	const char *field, *problem = client_query_problem(q, &field);
	if (problem) {
		api_error(rq, rs, ERR_INVALID, field, problem);
		return ERR_INVALID;
	}
	const char *ppks = kv_get(&rq->query, "ppks");
	long code = 0;
	if (ppks && *ppks && str_parse_long(ppks, 1, 99, &code)) {
		api_error(rq, rs, ERR_INVALID, "ppks", "Must be a PPKS category code.");
		return ERR_INVALID;
	}
	q->ppks = (int)code;
	const char *archived = kv_get(&rq->query, "archived");
	q->archived = archived && (strcmp(archived, "1") == 0 || strcmp(archived, "true") == 0);
	if (archived && *archived && !q->archived && strcmp(archived, "0") != 0 && strcmp(archived, "false") != 0) {
		api_error(rq, rs, ERR_INVALID, "archived", "Must be 1 or true, 0 or false.");
		return ERR_INVALID;
	}
	const char *sort = kv_get(&rq->query, "sort");
	if (sort && strcmp(sort, "name") != 0 && strcmp(sort, "updated") != 0) {
		api_error(rq, rs, ERR_INVALID, "sort", "Must be name or updated.");
		return ERR_INVALID;
	}
	q->by_update = sort && strcmp(sort, "updated") == 0;
	q->cursor = kv_get(&rq->query, "cursor");
	if (q->cursor && *q->cursor == 0)
		q->cursor = NULL;
	return 0;
}

int api_clients_list(struct request *rq, struct response *rs)
{
	struct client_query q;
	if (api_client_query(rq, rs, &q))
		return 0;
	struct client_page page;
	int rc = client_search(rq->db, &rq->arena, &rq->actor, &q, &page);
	if (rc == ERR_INVALID)
		return api_error(rq, rs, rc, "cursor", "The cursor is not valid: start again from the first page.");
	if (rc)
		return rc;
	/* Written straight out: a page of 25-100 clients built as a tree first cost twice as much. */
	buf_reset(&rs->body);
	rc = buf_reserve(&rs->body, 64 + 320 * (size_t)page.n); /* a row is about 280 bytes */
	if (rc == 0)
		rc = buf_puts(&rs->body, "{\"items\":[");
	for (int i = 0; rc == 0 && i < page.n; i++) {
		if (i)
			rc = buf_puts(&rs->body, ",");
		if (rc == 0)
			rc = client_summary_write(&rs->body, &page.items[i]);
	}
	if (rc == 0)
		rc = buf_puts(&rs->body, "],\"next_cursor\":");
	if (rc == 0)
		rc = buf_json_string(&rs->body, page.next_cursor);
	if (rc == 0)
		rc = buf_puts(&rs->body, "}");
	rs->status = 200;
	rs->content_type = "application/json; charset=utf-8";
	return rc;
}

int api_client_access_log(struct request *rq, struct response *rs)
{
	struct client c;
	struct audit_item *items;
	int n;
	int rc = client_access_log(rq->db, &rq->arena, &rq->actor, rq->params[0], &c, &items, &n);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		json_t *detail = json_loads(items[i].row.detail, 0, NULL);
		json_t *why = json_object_get(detail, "as");
		json_t *reason = json_object_get(detail, "reason");
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s?}", "at", items[i].row.at, "user",
						     items[i].row.user_name, "action", items[i].row.action, "record",
						     items[i].row.entity, "uid", items[i].row.entity_uid, "why",
						     json_is_string(reason) ? json_string_value(reason)
						     : json_is_string(why) ? json_string_value(why) : NULL));
		json_decref(detail);
	}
	return api_send(rq, rs, 200, json_pack("{s:s,s:o}", "client", c.uid, "items", arr));
}
