/* policy.h: who may do what. The one place that decides; everything not granted is denied. */
#ifndef PD_POLICY_H
#define PD_POLICY_H
#include <stdbool.h>
#include <stdint.h>

enum role { ROLE_ADMIN, ROLE_SUPERVISOR, ROLE_WORKER, ROLE_VOLUNTEER, ROLE_VIEWER, ROLE_COUNT };

enum perm {
	PERM_PUBLIC,           /* anyone, logged in or not */
	PERM_LOGIN,            /* any logged-in user (own profile, language, log-out) */
	PERM_CLIENT_READ,      /* search the registry and open a client's basic record */
	PERM_CLIENT_SENSITIVE, /* see specific personal data: disability, household, consent, notes */
	PERM_CLIENT_WRITE,     /* register clients and correct their records */
	PERM_CLIENT_ARCHIVE,   /* archive a client */
	PERM_STATS_READ,       /* aggregate counts without personal data */
	PERM_USER_ADMIN,       /* manage users and API tokens */
	PERM_AUDIT_READ,       /* read the audit trail */
	PERM_CASE_WORK,        /* casework: open cases, work on those one may see (see policy_case) */
	PERM_CASE_APPROVE,     /* approve plans and closures of the team's cases */
	PERM_GROUP_WORK,       /* group work: see group lists (counts), co-facilitate groups */
	PERM_GROUP_MANAGE,     /* create groups and facilitate them */
	PERM_OFFICE_ADMIN,     /* set the office's name, region and time zone */
	PERM_COUNT
};

/* The caller of an action: a user of an organisation with a role. */
struct actor {
	int64_t user_id;
	int64_t org_id;
	enum role role;
	const char *name;
	const char *zone; /* the office's time zone, "WIB", "WITA" or "WIT" (office_zone; NULL: WIB) */
};

/* How the caller stands to one case; filled by the casework layer from the assignments. */
struct case_access {
	bool assigned;   /* an active worker of the case */
	bool primary;    /* its primary worker */
	bool supervises; /* the supervisor of an active worker of the case */
	bool glass;      /* holds unexpired break-the-glass access */
};

enum case_action {
	CASE_VIEW,    /* open the case and its normal content */
	CASE_WRITE,   /* record items, move stages, request approvals */
	CASE_APPROVE, /* decide approval requests */
	CASE_ASSIGN,  /* add, remove or transfer workers */
};

enum note_level { LEVEL_NORMAL, LEVEL_RESTRICTED, LEVEL_SEALED };
/* policy_level_parse maps "restricted" and "sealed" to their level, anything else to normal. */
enum note_level policy_level_parse(const char *s);

/* policy_case tells whether actor may do action on a case where it stands as access says. */
bool policy_case(const struct actor *actor, const struct case_access *access, enum case_action action);
/* policy_case_level tells whether actor may read an item of level written by author_id. */
bool policy_case_level(const struct actor *actor, const struct case_access *access,
		       enum note_level level, int64_t author_id);
/* How the caller stands to one group. */
struct group_access {
	bool facilitates; /* an active facilitator or co-facilitator */
	bool leads;       /* an active facilitator, not only a co-facilitator (kader) */
	bool supervises;  /* supervises an active facilitator (not a co-facilitator) */
};

/* policy_group_content tells whether actor may see and record a group's content (members,
 * sessions, notes); everyone else with group permission sees counts only. */
bool policy_group_content(const struct actor *actor, const struct group_access *access);
/* policy_group_level tells whether actor may read the process notes and observations of a
 * session of level written by author_id: normal, everyone with the group's content; restricted,
 * its facilitators (not co-facilitators) and their supervisors; sealed, the author and the
 * supervisors. */
bool policy_group_level(const struct actor *actor, const struct group_access *access, enum note_level level,
			int64_t author_id);
/* policy_can tells whether actor (NULL: nobody logged in) holds perm. */
bool policy_can(const struct actor *actor, enum perm perm);
/* policy_role_parse maps "admin".."viewer" to a role; -1 for anything else. */
int policy_role_parse(const char *s);
/* policy_role_name is the inverse of policy_role_parse. */
const char *policy_role_name(enum role role);
/* policy_perm_name names a permission ("client.read") for logs, docs and tests. */
const char *policy_perm_name(enum perm perm);

#endif
