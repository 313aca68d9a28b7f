/* err.c: the table that maps each error to an HTTP status, an API code and a message key. */
#include "base/err.h"

static const struct {
	int code;
	int status;
	const char *api;
	const char *msg;
} err_table[] = {
	{ERR_OK, 200, "ok", "OK"},
	{ERR_NOMEM, 500, "internal", "The server ran out of memory."},
	{ERR_INVALID, 422, "invalid", "A field is not valid."},
	{ERR_NOTFOUND, 404, "not_found", "Not found."},
	{ERR_CONFLICT, 409, "conflict", "Someone else changed this record after you opened it."},
	{ERR_FORBIDDEN, 403, "forbidden", "You are not allowed to do this."},
	{ERR_UNAUTH, 401, "unauthenticated", "Please log in."},
	{ERR_TOOBIG, 413, "too_large", "The request is too large."},
	{ERR_DB, 500, "internal", "The database failed. Please try again."},
	{ERR_IO, 500, "internal", "A file could not be read or written."},
	{ERR_EXISTS, 409, "exists", "This record already exists."},
	{ERR_CRYPTO, 500, "internal", "Encryption failed."},
	{ERR_THROTTLED, 429, "throttled", "Too many failed attempts. Please wait 15 minutes and try again."},
	{ERR_BADJSON, 400, "bad_json", "The request body is not valid JSON."},
	{ERR_MEDIA, 415, "unsupported_media_type", "The content type must be application/json."},
	{ERR_URITOOLONG, 414, "uri_too_long", "The address is too long."},
	{ERR_BADREQ, 400, "bad_request", "The request is malformed."},
	{ERR_CSRF, 403, "csrf", "The form has expired or the security token is missing. Please reload the page and try again."},
	{ERR_CONFIRM, 422, "confirm", "Please confirm the warning before saving."},
	{ERR_METHOD, 405, "method_not_allowed", "This method is not allowed here."},
	{ERR_USAGE, 400, "usage", "Wrong usage."},
	{ERR_GATE, 422, "gate", "The case cannot move to that stage yet."},
	{ERR_CONSENT, 422, "consent", "The client's consent does not cover sharing data with another organisation."},
	{ERR_BUDGET, 503, "busy", "This took too long. Please narrow the search and try again."},
};

static int err_index(int code)
{
	for (unsigned i = 0; i < sizeof err_table / sizeof err_table[0]; i++)
		if (err_table[i].code == code)
			return (int)i;
	return -1;
}

int err_status(int code)
{
	int i = err_index(code);
	return i < 0 ? 500 : err_table[i].status;
}

const char *err_code(int code)
{
	int i = err_index(code);
	return i < 0 ? "internal" : err_table[i].api;
}

const char *err_message(int code)
{
	int i = err_index(code);
	return i < 0 ? "Internal error." : err_table[i].msg;
}
