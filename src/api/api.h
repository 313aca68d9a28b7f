/* api.h: the JSON API's handlers and its shared helpers (errors, bodies, output). */
#ifndef PD_API_H
#define PD_API_H
#include <jansson.h>
#include "base/fault.h"
#include "http/request.h"

/* api_error writes {"error":{"code","message","field"}} with the status of code. message is an
 * English key (translated here), NULL for the code's own message; field may be NULL. */
int api_error(struct request *rq, struct response *rs, int code, const char *field, const char *message);
/* api_faults answers 422 (or status of code) with the first fault, and all of them under "fields". */
int api_faults(struct request *rq, struct response *rs, int code, const struct faults *f);
/* api_send writes j (stolen) with status. */
int api_send(struct request *rq, struct response *rs, int status, json_t *j);
/* api_body parses the request body as a JSON object: ERR_MEDIA unless Content-Type is
 * application/json, ERR_BADJSON when malformed (the error response is already written). */
int api_body(struct request *rq, struct response *rs, json_t **out);
/* api_text reads an optional text member of body into *out (arena copy, NULL when absent or
 * null); ERR_INVALID with the response written when it is not text. */
int api_text(struct request *rq, struct response *rs, json_t *body, const char *key, const char **out);
/* api_only refuses (422, response written) members of body other than the NULL-terminated keys. */
int api_only(struct request *rq, struct response *rs, json_t *body, const char *const *keys);
/* api_known_params refuses (422, response written) query parameters other than the
 * NULL-terminated known, and one given twice: a typo must not silently widen an answer. */
int api_known_params(struct request *rq, struct response *rs, const char *const *known);
/* api_limit reads ?limit= (1-100, default 25); ERR_INVALID with the response written. */
int api_limit(struct request *rq, struct response *rs, int *limit);

int api_session_create(struct request *rq, struct response *rs);
int api_session_delete(struct request *rq, struct response *rs);
int api_me(struct request *rq, struct response *rs);
int api_me_patch(struct request *rq, struct response *rs);
int api_office(struct request *rq, struct response *rs);
int api_office_patch(struct request *rq, struct response *rs);
int api_clients_list(struct request *rq, struct response *rs);
int api_clients_create(struct request *rq, struct response *rs);
int api_client_get(struct request *rq, struct response *rs);
int api_client_patch(struct request *rq, struct response *rs);
int api_client_delete(struct request *rq, struct response *rs);
int api_users_list(struct request *rq, struct response *rs);
int api_users_create(struct request *rq, struct response *rs);
int api_user_patch(struct request *rq, struct response *rs);
int api_user_token(struct request *rq, struct response *rs);
int api_user_tokens_revoke(struct request *rq, struct response *rs);
int api_audit_list(struct request *rq, struct response *rs);
int api_ppks(struct request *rq, struct response *rs);
int api_regions(struct request *rq, struct response *rs);
int api_region_get(struct request *rq, struct response *rs);
int api_summary(struct request *rq, struct response *rs);
int api_cases_list(struct request *rq, struct response *rs);
int api_cases_create(struct request *rq, struct response *rs);
int api_caseload(struct request *rq, struct response *rs);
int api_case_get(struct request *rq, struct response *rs);
int api_case_timeline(struct request *rq, struct response *rs);
int api_case_stage(struct request *rq, struct response *rs);
int api_case_approval_request(struct request *rq, struct response *rs);
int api_case_approval_decide(struct request *rq, struct response *rs);
int api_case_workers_add(struct request *rq, struct response *rs);
int api_case_workers_remove(struct request *rq, struct response *rs);
int api_case_glass(struct request *rq, struct response *rs);
int api_case_items(struct request *rq, struct response *rs);
int api_case_item_create(struct request *rq, struct response *rs);
int api_case_item_patch(struct request *rq, struct response *rs);
int api_case_item_delete(struct request *rq, struct response *rs);
int api_agencies_list(struct request *rq, struct response *rs);
int api_agencies_create(struct request *rq, struct response *rs);
int api_supervision_list(struct request *rq, struct response *rs);
int api_supervision_create(struct request *rq, struct response *rs);
int api_client_access_log(struct request *rq, struct response *rs);
int api_groups_list(struct request *rq, struct response *rs);
int api_groups_create(struct request *rq, struct response *rs);
int api_group_get(struct request *rq, struct response *rs);
int api_group_patch(struct request *rq, struct response *rs);
int api_group_member_add(struct request *rq, struct response *rs);
int api_group_member_remove(struct request *rq, struct response *rs);
int api_group_member_goals(struct request *rq, struct response *rs);
int api_group_goal_add(struct request *rq, struct response *rs);
int api_group_sessions(struct request *rq, struct response *rs);
int api_group_session_add(struct request *rq, struct response *rs);
int api_openapi(struct request *rq, struct response *rs);
int api_healthz(struct request *rq, struct response *rs);

#endif
