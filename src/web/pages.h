/* pages.h: the HTML page handlers, one file per area. */
#ifndef PD_PAGES_H
#define PD_PAGES_H
#include "http/request.h"

int web_home(struct request *rq, struct response *rs);
int web_static(struct request *rq, struct response *rs);
int web_login_form(struct request *rq, struct response *rs);
int web_login(struct request *rq, struct response *rs);
/* web_login_resend answers a form sent after the session ended (401): the log-in page, carrying
 * the form's fields so that after the log-in they can be sent again. */
int web_login_resend(struct request *rq, struct response *rs);
int web_logout(struct request *rq, struct response *rs);
int web_language(struct request *rq, struct response *rs);
int web_language_anon(struct request *rq, struct response *rs);
int web_summary(struct request *rq, struct response *rs);

int web_clients(struct request *rq, struct response *rs);
int web_client_new(struct request *rq, struct response *rs);
int web_client_create(struct request *rq, struct response *rs);
int web_client_view(struct request *rq, struct response *rs);
int web_client_edit(struct request *rq, struct response *rs);
int web_client_update(struct request *rq, struct response *rs);
int web_client_archive(struct request *rq, struct response *rs);

int web_cases(struct request *rq, struct response *rs);
int web_case_new(struct request *rq, struct response *rs);
int web_case_create(struct request *rq, struct response *rs);
int web_case_view(struct request *rq, struct response *rs);
int web_case_timeline(struct request *rq, struct response *rs);
int web_case_stage(struct request *rq, struct response *rs);
int web_case_approval(struct request *rq, struct response *rs);
int web_case_decide(struct request *rq, struct response *rs);
int web_case_assign(struct request *rq, struct response *rs);
int web_case_unassign(struct request *rq, struct response *rs);
int web_case_glass(struct request *rq, struct response *rs);
int web_case_print(struct request *rq, struct response *rs);
int web_item_new(struct request *rq, struct response *rs);
int web_item_create(struct request *rq, struct response *rs);
int web_item_edit(struct request *rq, struct response *rs);
int web_item_update(struct request *rq, struct response *rs);
int web_item_archive(struct request *rq, struct response *rs);
int web_client_access_log(struct request *rq, struct response *rs);
int web_agencies(struct request *rq, struct response *rs);
int web_agency_create(struct request *rq, struct response *rs);
int web_supervision(struct request *rq, struct response *rs);
int web_supervision_create(struct request *rq, struct response *rs);

int web_groups(struct request *rq, struct response *rs);
int web_group_new(struct request *rq, struct response *rs);
int web_group_create(struct request *rq, struct response *rs);
int web_group_view(struct request *rq, struct response *rs);
int web_group_join(struct request *rq, struct response *rs);
int web_group_edit(struct request *rq, struct response *rs);
int web_member_goals(struct request *rq, struct response *rs);
int web_member_goals_save(struct request *rq, struct response *rs);
int web_group_leave(struct request *rq, struct response *rs);
int web_group_goal(struct request *rq, struct response *rs);
int web_group_session_new(struct request *rq, struct response *rs);
int web_group_session_create(struct request *rq, struct response *rs);
int web_group_sheet(struct request *rq, struct response *rs);
int web_group_summary(struct request *rq, struct response *rs);

int web_users(struct request *rq, struct response *rs);
int web_user_create(struct request *rq, struct response *rs);
int web_user_toggle(struct request *rq, struct response *rs);
int web_audit(struct request *rq, struct response *rs);
int web_office(struct request *rq, struct response *rs);
int web_office_save(struct request *rq, struct response *rs);

#endif
