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

/* A path of a field in a body ("ppks[1]", "consent.scope"), built from its end on the way back
 * out of api_json_big, for the one number found only. */
struct api_path {
	char text[256];
	size_t len; /* the path is the len bytes before text's last, a NUL */
	bool cut;   /* too long to hold: only its first key is named */
};

/* api_path_prepend puts part (a key, or "[N]") before the path built so far, with a dot before a
 * key that follows. */
static void api_path_prepend(struct api_path *p, const char *part)
{
	bool dot = p->len > 0 && p->text[sizeof p->text - 1 - p->len] != '[';
	size_t n = strlen(part) + dot;
	if (p->cut || p->len + n + 1 > sizeof p->text) {
		p->cut = true;
		return;
	}
	char *at = p->text + sizeof p->text - 1 - p->len - n;
	memcpy(at, part, strlen(part));
	if (dot)
		at[n - 1] = '.';
	p->len += n;
}

/* api_json_big tells whether j, decoded with integers as reals, holds a number beyond a whole
 * number's range, and leaves its path in p. A double cannot tell 2^63 - 1 from 2^63, nor
 * -2^63 - 1 from -2^63: at that edge the first such number is named, or none (then the answer
 * is the parse error's place). The walk stops at the first; depth is bounded by the parser. */
static bool api_json_big(json_t *j, struct api_path *p, const char **top)
{
	if (json_is_real(j))
		return json_real_value(j) >= 9223372036854775808.0 || json_real_value(j) < -9223372036854775808.0;
	const char *key;
	json_t *v;
	size_t i;
	if (json_is_object(j))
		json_object_foreach(j, key, v)
			if (api_json_big(v, p, top)) {
				api_path_prepend(p, key);
				*top = key;
				return true;
			}
	if (json_is_array(j))
		json_array_foreach(j, i, v)
			if (api_json_big(v, p, top)) {
				char part[24];
				snprintf(part, sizeof part, "[%zu]", i);
				api_path_prepend(p, part);
				return true;
			}
	return false;
}

/* api_bad_json answers a body jansson refused: 422 naming the field of a number too large for an
 * integer (an object of valid JSON with a value out of range), else 400 with where the text goes
 * wrong. */
static void api_bad_json(struct request *rq, struct response *rs, const json_error_t *err)
{
	if (json_error_code(err) == json_error_numeric_overflow) {
		json_t *j = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, NULL);
		struct api_path p = {.len = 0};
		const char *top = NULL, *field = NULL;
		if (json_is_object(j) && api_json_big(j, &p, &top))
			field = arena_strdup(&rq->arena, p.cut ? top : p.text + sizeof p.text - 1 - p.len); /* j owns the key */
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
