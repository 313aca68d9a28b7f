/* policy.c: the permission table. Read a row as "this role may ..."; a missing mark is a denial.
 *
 * The admin runs the organisation (users, audit) and may look up the registry but sees no
 * specific personal data; volunteers (kader) see the minimum record their community work needs;
 * viewers see aggregates only. */
#include "domain/policy.h"
#include <string.h>

static const char *const policy_roles[ROLE_COUNT] = {"admin", "supervisor", "worker", "volunteer",
						      "viewer"};
static const char *const policy_perms[PERM_COUNT] = {
	"public",	"login",      "client.read", "client.sensitive", "client.write",
	"client.archive", "stats.read", "user.admin",  "audit.read", "case.work", "case.approve",
	"group.work", "group.manage", "office.admin",
};

#define Y true
#define N false
static const bool policy_table[ROLE_COUNT][PERM_COUNT] = {
	/*              public login read sens write archive stats users audit case approve group manage office */
	[ROLE_ADMIN] = {Y, Y, Y, N, N, N, Y, Y, Y, N, N, Y, N, Y},
	[ROLE_SUPERVISOR] = {Y, Y, Y, Y, Y, Y, Y, N, N, Y, Y, Y, Y, N},
	[ROLE_WORKER] = {Y, Y, Y, Y, Y, Y, Y, N, N, Y, N, Y, Y, N},
	[ROLE_VOLUNTEER] = {Y, Y, Y, N, N, N, N, N, N, N, N, Y, N, N},
	[ROLE_VIEWER] = {Y, Y, N, N, N, N, Y, N, N, N, N, Y, N, N},
};
#undef Y
#undef N

bool policy_can(const struct actor *actor, enum perm perm)
{
	if (perm < 0 || perm >= PERM_COUNT)
		return false;
	if (perm == PERM_PUBLIC)
		return true;
	if (actor == NULL || actor->role < 0 || actor->role >= ROLE_COUNT)
		return false;
	return policy_table[actor->role][perm];
}

int policy_role_parse(const char *s)
{
	for (int i = 0; s && i < ROLE_COUNT; i++)
		if (strcmp(s, policy_roles[i]) == 0)
			return i;
	return -1;
}

const char *policy_role_name(enum role role)
{
	return role >= 0 && role < ROLE_COUNT ? policy_roles[role] : "?";
}

const char *policy_perm_name(enum perm perm)
{
	return perm >= 0 && perm < PERM_COUNT ? policy_perms[perm] : "?";
}

/* Case rules: a worker sees the cases assigned to them, a supervisor those of their team, and
 * anyone with casework permission may break the glass for a limited time (reason required,
 * audited). Admins, volunteers and viewers see no case content at all. */
bool policy_case(const struct actor *actor, const struct case_access *access, enum case_action action)
{
	if (!policy_can(actor, PERM_CASE_WORK) || access == NULL)
		return false;
	switch (action) {
	case CASE_VIEW:
		return access->assigned || access->supervises || access->glass;
	case CASE_WRITE:
		return access->assigned || access->supervises;
	case CASE_APPROVE:
		return access->supervises && policy_can(actor, PERM_CASE_APPROVE);
	case CASE_ASSIGN:
		return access->supervises || access->primary;
	}
	return false;
}

/* Levels: normal for whoever may view the case; restricted for its assigned workers and their
 * supervisor (not for break-the-glass); sealed for the author and the supervisor. */
bool policy_case_level(const struct actor *actor, const struct case_access *access,
		       enum note_level level, int64_t author_id)
{
	if (!policy_case(actor, access, CASE_VIEW))
		return false;
	switch (level) {
	case LEVEL_NORMAL:
		return true;
	case LEVEL_RESTRICTED:
		return access->assigned || access->supervises;
	case LEVEL_SEALED:
		return access->supervises || (access->assigned && actor->user_id == author_id);
	}
	return false;
}

/* Groups: facilitators and co-facilitators (kader) and the supervisors of facilitators see and
 * record a group's content; the rest of the organisation sees counts only. */
bool policy_group_content(const struct actor *actor, const struct group_access *access)
{
	if (!policy_can(actor, PERM_GROUP_WORK) || access == NULL)
		return false;
	return access->facilitates || access->supervises;
}

enum note_level policy_level_parse(const char *s)
{
	if (s && strcmp(s, "sealed") == 0)
		return LEVEL_SEALED;
	return s && strcmp(s, "restricted") == 0 ? LEVEL_RESTRICTED : LEVEL_NORMAL;
}

bool policy_group_level(const struct actor *actor, const struct group_access *access, enum note_level level,
			int64_t author_id)
{
	if (!policy_group_content(actor, access))
		return false;
	bool author = actor->user_id == author_id;
	switch (level) {
	case LEVEL_NORMAL:
		return true;
	case LEVEL_RESTRICTED:
		return access->leads || access->supervises || author;
	case LEVEL_SEALED:
		return access->supervises || author;
	}
	return false;
}
