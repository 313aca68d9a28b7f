/* err.h: the one error enum of pendamping and its mapping to HTTP status and API code. */
#ifndef PD_ERR_H
#define PD_ERR_H

/* Functions return 0 on success or one of these negative codes. New codes are only appended. */
enum err {
	ERR_OK = 0,
	ERR_NOMEM = -1,      /* out of memory */
	ERR_INVALID = -2,    /* a field failed validation (422) */
	ERR_NOTFOUND = -3,   /* no such record, or not visible to the caller (404) */
	ERR_CONFLICT = -4,   /* stale version (409) */
	ERR_FORBIDDEN = -5,  /* authenticated but not allowed (403) */
	ERR_UNAUTH = -6,     /* not authenticated (401) */
	ERR_TOOBIG = -7,     /* a size limit was exceeded (413) */
	ERR_DB = -8,         /* the store failed */
	ERR_IO = -9,         /* a file operation failed */
	ERR_EXISTS = -10,    /* a unique key is already taken (409) */
	ERR_CRYPTO = -11,    /* encryption, decryption or hashing failed */
	ERR_THROTTLED = -12, /* too many attempts (429) */
	ERR_BADJSON = -13,   /* malformed request body (400) */
	ERR_MEDIA = -14,     /* wrong content type (415) */
	ERR_URITOOLONG = -15,/* URL too long (414) */
	ERR_BADREQ = -16,    /* malformed request (400) */
	ERR_CSRF = -17,      /* missing or wrong CSRF token (403) */
	ERR_CONFIRM = -18,   /* a warning must be confirmed before saving (422) */
	ERR_METHOD = -19,    /* method not allowed (405) */
	ERR_USAGE = -20,     /* command-line usage error (exit 2) */
	ERR_GATE = -21,      /* a case stage gate is not met (422) */
	ERR_CONSENT = -22,   /* the client's consent does not cover this (422) */
	ERR_BUDGET = -23,    /* a statement went past the work allowed to it (db_budget) (503) */
};

/* err_status returns the HTTP status for code (500 for unknown codes). */
int err_status(int code);
/* err_code returns the stable API code string for code, e.g. "not_found". */
const char *err_code(int code);
/* err_message returns the English message key for code; translate it with i18n_t(). */
const char *err_message(int code);

#endif
