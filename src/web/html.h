/* html.h: the escaping HTML writer and the page frame.
 *
 * html_printf's plain %s escapes for HTML text and attributes; raw markup must be asked for by
 * name with %R (only ever for markup the program itself produced). */
#ifndef PD_HTML_H
#define PD_HTML_H
#include "base/buf.h"
#include "base/fault.h"
#include "http/request.h"
#include <jansson.h>

/* html_printf appends to b. Conversions: %s escaped text (NULL prints nothing), %R raw, %U text
 * escaped as a URL query component, %d int, %ld long, %lld long long, %zu size_t, %% a percent. */
int html_printf(struct buf *b, const char *fmt, ...);
/* html_escape appends s escaped (& < > " ' become entities). */
int html_escape(struct buf *b, const char *s);

/* web_page_begin writes the document head and the navigation for rq's user. */
int web_page_begin(struct request *rq, struct response *rs, const char *title);
/* web_page_end closes the document. */
int web_page_end(struct request *rq, struct response *rs);
/* web_error renders an error page for code (and optional detail message key). */
int web_error(struct request *rq, struct response *rs, int code, const char *detail);
/* A form's field code and the label the form shows for it (a msgid). A code ending in '.' or '['
 * stands for every field that starts with it ("notes." for notes.atmosphere). */
struct web_label {
	const char *field, *label;
};

/* web_faults writes the faults of a refused form as one alert: each field named by its label in
 * labels (a table ending with {NULL, NULL}; translated), and its reason in the user's language.
 * A field of a numbered row ("problems[1].severity") is named by the row's label and number when
 * labels has one ("problems[]"), then by its own ("problems[].severity"): "Problem 2 — Severity".
 * A field that labels does not know is named by its code, a fault without a field by its reason
 * alone. Nothing when f is NULL or empty. */
int web_faults(struct request *rq, struct response *rs, const struct faults *f, const struct web_label *labels);
/* web_typed is what was typed into field name of the form posted to action, when this request is
 * that form coming back refused (the page shown again with its faults), so that nothing typed is
 * lost; else "". */
const char *web_typed(struct request *rq, const char *action, const char *name);
/* web_posted tells whether this request is the form posted to action coming back refused. */
bool web_posted(struct request *rq, const char *action);
/* web_form_number is a form's value v as a JSON integer when it is one, else as the text typed:
 * the domain then refuses it with its own reason (range or type), naming the field. */
json_t *web_form_number(const char *v);
/* A record saved by someone else while the user edited it (409): web_conflict_open starts the box
 * that says so (by, at: who saved it last, and when); web_conflict_field lists a field whose
 * stored value (theirs) differs from the one sent (mine), label a msgid, and counts it in *shown
 * (NULL and "" are alike); web_conflict_close ends the box, saying none (a msgid) when no field was
 * shown, and that what was typed is kept below. */
int web_conflict_open(struct request *rq, struct response *rs, const char *by, const char *at);
int web_conflict_field(struct request *rq, struct response *rs, const char *label, const char *theirs,
		       const char *mine, int *shown);
int web_conflict_close(struct request *rq, struct response *rs, int shown, const char *none);
/* web_once_field writes a form's one-time key ("once"): the uid the record it adds will take, so
 * that the same form sent again (a reload, a resend on a weak link) saves nothing twice. */
int web_once_field(struct request *rq, struct response *rs);
/* web_resent tells whether rc, for a form with key once, means that this form was already saved:
 * answered then as its first sending was. */
bool web_resent(const char *once, int rc);
/* web_csrf_field writes the hidden CSRF input of every state-changing form. */
int web_csrf_field(struct request *rq, struct response *rs);
/* web_region_picker writes, after the input of a region code with id field, the name of the
 * region it holds (when the region list has it) and the region picker: a province, regency,
 * district and village chosen in turn, or a region found by name, which app.js shows and which
 * writes the code into the input. Without the script the input alone works, as it always has. */
int web_region_picker(struct request *rq, struct response *rs, const char *field, const char *code);
/* web_region_label sets *label to the name of the region of code with the regions it lies in
 * ("Coblong, Kota Bandung, Jawa Barat"), as far as the loaded list knows them; NULL when the list
 * does not have the code (or code is NULL or not a code's shape). 0 or a store error. */
int web_region_label(struct request *rq, const char *code, const char **label);
/* web_time shows an ISO 8601 UTC time in the office's zone, "YYYY-MM-DD HH:MM WIB" (arena memory);
 * other text as is. */
const char *web_time(struct request *rq, const char *iso);
/* T is request_t for the page being written. */
#define T(s) request_t(rq, s)

#endif
