/* json.c: the API's error shape, body parsing and output. */
#include "api/api.h"
#include "base/embed.h"
#include "base/err.h"
#include "base/str.h"
#include <string.h>

int api_send(struct request *rq, struct response *rs, int status, json_t *j)
{
	(void)rq;
	char *text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (text == NULL)
		return ERR_NOMEM;
	buf_reset(&rs->body);
	int rc = buf_puts(&rs->body, text);
	free(text);
	rs->status = status;
	rs->content_type = "application/json; charset=utf-8";
	return rc;
}

int api_error(struct request *rq, struct response *rs, int code, const char *field, const char *message)
{
	json_t *e = json_pack("{s:s,s:s}", "code", err_code(code), "message",
			      request_t(rq, message ? message : err_message(code)));
	if (field)
		json_object_set_new(e, "field", json_string(field));
	int rc = api_send(rq, rs, err_status(code), json_pack("{s:o}", "error", e));
	return rc;
}

int api_faults(struct request *rq, struct response *rs, int code, const struct faults *f)
{
	if (f->n == 0)
		return api_error(rq, rs, code, NULL, NULL);
	json_t *fields = json_array();
	for (int i = 0; i < f->n; i++)
		json_array_append_new(fields, json_pack("{s:s,s:s}", "field", f->list[i].field, "message",
							request_t(rq, f->list[i].msg)));
	json_t *e = json_pack("{s:s,s:s,s:s,s:o}", "code", err_code(code), "message",
			      request_t(rq, f->list[0].msg), "field", f->list[0].field, "fields", fields);
	return api_send(rq, rs, err_status(code), json_pack("{s:o}", "error", e));
}

/* api_json_big returns the path ("capacity", "ppks[0]", "a.b") in j, decoded with integers as
 * reals, of a number too large for an integer; NULL when there is none. */
static const char *api_json_big(struct arena *a, json_t *j, const char *at)
{
	if (json_is_real(j))
		return json_real_value(j) >= 9223372036854775807.0 || json_real_value(j) < -9223372036854775807.0 ? at : NULL;
	const char *key, *hit = NULL;
	json_t *v;
	size_t i;
	if (json_is_object(j))
		json_object_foreach(j, key, v) {
			/* a copy: the key dies with j */
			const char *path = *at ? arena_printf(a, "%s.%s", at, key) : arena_strdup(a, key);
			if (hit == NULL && path)
				hit = api_json_big(a, v, path);
		}
	if (json_is_array(j))
		json_array_foreach(j, i, v) {
			const char *path = arena_printf(a, "%s[%zu]", at, i);
			if (hit == NULL && path)
				hit = api_json_big(a, v, path);
		}
	return hit;
}

/* api_bad_json answers a body jansson refused: 422 naming the field of a number too large for an
 * integer (valid JSON, a value out of range), else 400 with where the text goes wrong. */
static void api_bad_json(struct request *rq, struct response *rs, const json_error_t *err)
{
	if (json_error_code(err) == json_error_numeric_overflow) {
		json_t *j = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, NULL);
		const char *field = j ? api_json_big(&rq->arena, j, "") : NULL;
		json_decref(j);
		if (field) {
			api_error(rq, rs, ERR_INVALID, field, "The number is too large.");
			return;
		}
	}
	const char *msg = arena_printf(&rq->arena, request_t(rq, "The request body is not valid JSON (line %d, column %d)."),
				       err->line, err->column);
	api_error(rq, rs, ERR_BADJSON, NULL, msg);
}

int api_body(struct request *rq, struct response *rs, json_t **out)
{
	const char *ct = rq->content_type;
	if (!media_is(ct, "application/json")) {
		api_error(rq, rs, ERR_MEDIA, NULL, NULL);
		return ERR_MEDIA;
	}
	json_error_t err;
	json_t *j = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &err);
	if (j == NULL) {
		api_bad_json(rq, rs, &err);
		return ERR_BADJSON;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		api_error(rq, rs, ERR_BADJSON, NULL, "The request body must be a JSON object.");
		return ERR_BADJSON;
	}
	*out = j;
	return 0;
}

int api_known_params(struct request *rq, struct response *rs, const char *const *known)
{
	for (int i = 0; i < rq->query.n; i++) {
		bool ok = false;
		for (int k = 0; known[k]; k++)
			ok = ok || strcmp(rq->query.items[i].key, known[k]) == 0;
		if (!ok) {
			api_error(rq, rs, ERR_INVALID, rq->query.items[i].key, "Unknown parameter.");
			return ERR_INVALID;
		}
		/* Given twice, one value would be taken and the other silently dropped. */
		for (int j = 0; j < i; j++)
			if (strcmp(rq->query.items[j].key, rq->query.items[i].key) == 0) {
				api_error(rq, rs, ERR_INVALID, rq->query.items[i].key, "Given more than once.");
				return ERR_INVALID;
			}
	}
	return 0;
}

int api_limit(struct request *rq, struct response *rs, int *limit)
{
	const char *s = kv_get(&rq->query, "limit");
	long v = 25;
	if (s && str_parse_long(s, 1, 100, &v)) {
		api_error(rq, rs, ERR_INVALID, "limit", "Must be a whole number from 1 to 100.");
		return ERR_INVALID;
	}
	*limit = (int)v;
	return 0;
}

int api_openapi(struct request *rq, struct response *rs)
{
	(void)rq;
	const struct embed_file *f = embed_find("docs/openapi.json");
	if (f == NULL)
		return ERR_NOTFOUND;
	rs->content_type = "application/json; charset=utf-8";
	rs->cache = "public, max-age=3600";
	response_file(rs, f);
	return 0;
}

int api_healthz(struct request *rq, struct response *rs)
{
	int rc = db_ping(rq->db);
	if (rc)
		return rc;
	return api_send(rq, rs, 200, json_pack("{s:s,s:s}", "status", "ok", "version", PD_VERSION));
}

/* api_text reads an optional text member; ERR_INVALID (answered) when it is not text. */
int api_text(struct request *rq, struct response *rs, json_t *body, const char *key, const char **out)
{
	json_t *v = json_object_get(body, key);
	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		api_error(rq, rs, ERR_INVALID, key, "Must be text or null.");
		return ERR_INVALID;
	}
	*out = arena_strdup(&rq->arena, json_string_value(v));
	return 0;
}

/* api_only refuses members other than those listed. */
int api_only(struct request *rq, struct response *rs, json_t *body, const char *const *keys)
{
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		bool ok = false;
		for (int i = 0; keys[i]; i++)
			ok = ok || strcmp(key, keys[i]) == 0;
		if (!ok) {
			api_error(rq, rs, ERR_INVALID, arena_strdup(&rq->arena, key), "Unknown field.");
			return ERR_INVALID;
		}
	}
	return 0;
}
