/* routes.c: every URL of the program in one table: method, pattern, handler, permission, kind. */
#include "api/api.h"
#include "http/router.h"
#include "web/pages.h"

const struct route routes[] = {
	/* Public */
	{"GET", "/healthz", api_healthz, PERM_PUBLIC, KIND_JSON},
	{"GET", "/static/:file", web_static, PERM_PUBLIC, KIND_HTML},
	{"GET", "/", web_home, PERM_PUBLIC, KIND_HTML},
	{"GET", "/login", web_login_form, PERM_PUBLIC, KIND_HTML},
	{"POST", "/login", web_login, PERM_PUBLIC, KIND_HTML},
	{"GET", "/language", web_language_anon, PERM_PUBLIC, KIND_HTML},
	{"GET", "/api/v1/openapi.json", api_openapi, PERM_PUBLIC, KIND_JSON},
	{"POST", "/api/v1/session", api_session_create, PERM_PUBLIC, KIND_JSON},

	/* Any logged-in user */
	{"POST", "/logout", web_logout, PERM_LOGIN, KIND_HTML},
	{"POST", "/language", web_language, PERM_LOGIN, KIND_HTML},
	{"DELETE", "/api/v1/session", api_session_delete, PERM_LOGIN, KIND_JSON},
	{"GET", "/api/v1/me", api_me, PERM_LOGIN, KIND_JSON},
	{"PATCH", "/api/v1/me", api_me_patch, PERM_LOGIN, KIND_JSON},
	{"GET", "/api/v1/ppks", api_ppks, PERM_LOGIN, KIND_JSON},

	/* The client registry */
	{"GET", "/clients", web_clients, PERM_CLIENT_READ, KIND_HTML},
	{"GET", "/clients/new", web_client_new, PERM_CLIENT_WRITE, KIND_HTML},
	{"POST", "/clients", web_client_create, PERM_CLIENT_WRITE, KIND_HTML},
	{"GET", "/clients/:uid", web_client_view, PERM_CLIENT_READ, KIND_HTML},
	{"GET", "/clients/:uid/edit", web_client_edit, PERM_CLIENT_WRITE, KIND_HTML},
	{"POST", "/clients/:uid", web_client_update, PERM_CLIENT_WRITE, KIND_HTML},
	{"POST", "/clients/:uid/archive", web_client_archive, PERM_CLIENT_ARCHIVE, KIND_HTML},
	{"GET", "/clients/:uid/access-log", web_client_access_log, PERM_CLIENT_READ, KIND_HTML},
	{"GET", "/api/v1/clients", api_clients_list, PERM_CLIENT_READ, KIND_JSON},
	{"POST", "/api/v1/clients", api_clients_create, PERM_CLIENT_WRITE, KIND_JSON},
	{"GET", "/api/v1/clients/:uid", api_client_get, PERM_CLIENT_READ, KIND_JSON},
	{"PATCH", "/api/v1/clients/:uid", api_client_patch, PERM_CLIENT_WRITE, KIND_JSON},
	{"GET", "/api/v1/clients/:uid/access-log", api_client_access_log, PERM_CLIENT_READ, KIND_JSON},
	{"DELETE", "/api/v1/clients/:uid", api_client_delete, PERM_CLIENT_ARCHIVE, KIND_JSON},

	/* Casework */
	{"GET", "/cases", web_cases, PERM_CASE_WORK, KIND_HTML},
	{"GET", "/cases/new", web_case_new, PERM_CASE_WORK, KIND_HTML},
	{"POST", "/cases", web_case_create, PERM_CASE_WORK, KIND_HTML},
	{"GET", "/cases/:uid", web_case_view, PERM_CASE_WORK, KIND_HTML},
	{"GET", "/cases/:uid/timeline", web_case_timeline, PERM_CASE_WORK, KIND_HTML},
	{"GET", "/cases/:uid/print/:doc", web_case_print, PERM_CASE_WORK, KIND_HTML},
	{"POST", "/cases/:uid/stage", web_case_stage, PERM_CASE_WORK, KIND_HTML},
	{"POST", "/cases/:uid/approvals", web_case_approval, PERM_CASE_WORK, KIND_HTML},
	{"POST", "/cases/:uid/approvals/:item/decision", web_case_decide, PERM_CASE_APPROVE, KIND_HTML},
	{"POST", "/cases/:uid/workers", web_case_assign, PERM_CASE_WORK, KIND_HTML},
	{"POST", "/cases/:uid/workers/:name/remove", web_case_unassign, PERM_CASE_WORK, KIND_HTML},
	{"POST", "/cases/:uid/emergency-access", web_case_glass, PERM_CASE_WORK, KIND_HTML},
	{"GET", "/cases/:uid/:kind/new", web_item_new, PERM_CASE_WORK, KIND_HTML},
	{"POST", "/cases/:uid/:kind", web_item_create, PERM_CASE_WORK, KIND_HTML},
	{"GET", "/cases/:uid/:kind/:item/edit", web_item_edit, PERM_CASE_WORK, KIND_HTML},
	{"POST", "/cases/:uid/:kind/:item/archive", web_item_archive, PERM_CASE_WORK, KIND_HTML},
	{"POST", "/cases/:uid/:kind/:item", web_item_update, PERM_CASE_WORK, KIND_HTML},
	{"GET", "/agencies", web_agencies, PERM_CASE_WORK, KIND_HTML},
	{"POST", "/agencies", web_agency_create, PERM_CASE_WORK, KIND_HTML},
	{"GET", "/supervision", web_supervision, PERM_CASE_WORK, KIND_HTML},
	{"POST", "/supervision", web_supervision_create, PERM_CASE_WORK, KIND_HTML},
	{"GET", "/api/v1/cases", api_cases_list, PERM_CASE_WORK, KIND_JSON},
	{"POST", "/api/v1/cases", api_cases_create, PERM_CASE_WORK, KIND_JSON},
	{"GET", "/api/v1/caseload", api_caseload, PERM_CASE_WORK, KIND_JSON},
	{"GET", "/api/v1/cases/:uid", api_case_get, PERM_CASE_WORK, KIND_JSON},
	{"GET", "/api/v1/cases/:uid/timeline", api_case_timeline, PERM_CASE_WORK, KIND_JSON},
	{"POST", "/api/v1/cases/:uid/stage", api_case_stage, PERM_CASE_WORK, KIND_JSON},
	{"POST", "/api/v1/cases/:uid/approvals", api_case_approval_request, PERM_CASE_WORK, KIND_JSON},
	{"POST", "/api/v1/cases/:uid/approvals/:item/decision", api_case_approval_decide, PERM_CASE_APPROVE, KIND_JSON},
	{"POST", "/api/v1/cases/:uid/workers", api_case_workers_add, PERM_CASE_WORK, KIND_JSON},
	{"DELETE", "/api/v1/cases/:uid/workers/:name", api_case_workers_remove, PERM_CASE_WORK, KIND_JSON},
	{"POST", "/api/v1/cases/:uid/emergency-access", api_case_glass, PERM_CASE_WORK, KIND_JSON},
	{"GET", "/api/v1/cases/:uid/:kind", api_case_items, PERM_CASE_WORK, KIND_JSON},
	{"POST", "/api/v1/cases/:uid/:kind", api_case_item_create, PERM_CASE_WORK, KIND_JSON},
	{"PATCH", "/api/v1/cases/:uid/:kind/:item", api_case_item_patch, PERM_CASE_WORK, KIND_JSON},
	{"DELETE", "/api/v1/cases/:uid/:kind/:item", api_case_item_delete, PERM_CASE_WORK, KIND_JSON},

	{"GET", "/api/v1/agencies", api_agencies_list, PERM_CASE_WORK, KIND_JSON},
	{"POST", "/api/v1/agencies", api_agencies_create, PERM_CASE_WORK, KIND_JSON},
	{"GET", "/api/v1/supervision", api_supervision_list, PERM_CASE_WORK, KIND_JSON},
	{"POST", "/api/v1/supervision", api_supervision_create, PERM_CASE_WORK, KIND_JSON},

	/* Group work */
	{"GET", "/api/v1/groups", api_groups_list, PERM_GROUP_WORK, KIND_JSON},
	{"POST", "/api/v1/groups", api_groups_create, PERM_GROUP_MANAGE, KIND_JSON},
	{"GET", "/api/v1/groups/:uid", api_group_get, PERM_GROUP_WORK, KIND_JSON},
	{"PATCH", "/api/v1/groups/:uid", api_group_patch, PERM_GROUP_WORK, KIND_JSON},
	{"POST", "/api/v1/groups/:uid/members", api_group_member_add, PERM_GROUP_WORK, KIND_JSON},
	{"DELETE", "/api/v1/groups/:uid/members/:member", api_group_member_remove, PERM_GROUP_WORK, KIND_JSON},
	{"PATCH", "/api/v1/groups/:uid/members/:member", api_group_member_goals, PERM_GROUP_WORK, KIND_JSON},
	{"POST", "/api/v1/groups/:uid/goals", api_group_goal_add, PERM_GROUP_WORK, KIND_JSON},
	{"GET", "/api/v1/groups/:uid/sessions", api_group_sessions, PERM_GROUP_WORK, KIND_JSON},
	{"POST", "/api/v1/groups/:uid/sessions", api_group_session_add, PERM_GROUP_WORK, KIND_JSON},

	/* Aggregates */
	{"GET", "/summary", web_summary, PERM_STATS_READ, KIND_HTML},
	{"GET", "/api/v1/summary", api_summary, PERM_STATS_READ, KIND_JSON},

	/* Administration */
	{"GET", "/users", web_users, PERM_USER_ADMIN, KIND_HTML},
	{"POST", "/users", web_user_create, PERM_USER_ADMIN, KIND_HTML},
	{"POST", "/users/:name/:action", web_user_toggle, PERM_USER_ADMIN, KIND_HTML},
	{"GET", "/audit", web_audit, PERM_AUDIT_READ, KIND_HTML},
	{"GET", "/api/v1/users", api_users_list, PERM_USER_ADMIN, KIND_JSON},
	{"POST", "/api/v1/users", api_users_create, PERM_USER_ADMIN, KIND_JSON},
	{"PATCH", "/api/v1/users/:name", api_user_patch, PERM_USER_ADMIN, KIND_JSON},
	{"POST", "/api/v1/users/:name/tokens", api_user_token, PERM_USER_ADMIN, KIND_JSON},
	{"GET", "/api/v1/audit", api_audit_list, PERM_AUDIT_READ, KIND_JSON},
};

const int routes_count = (int)(sizeof routes / sizeof routes[0]);
