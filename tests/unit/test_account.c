/* test_account.c: adding a user (domain/account.h): a supervisor is named among the supervisors of
 * the user's own organisation, never of another one sharing the database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/fault.h"
#include "base/secret.h"
#include "domain/account.h"
#include "store/user_store.h"
#include "test_db.h"

#define PASSWORD "kata-sandi-panjang-1"

struct ac_fixture {
	struct test_db t;
	struct arena a;
	int64_t here, there;
};

static int ac_setup(void **state)
{
	static struct ac_fixture fx;
	if (secret_init() || test_db_open(&fx.t, "account"))
		return -1;
	arena_init(&fx.a);
	if (org_store_create(fx.t.db, "Dinas Sosial Kota", &fx.here) || org_store_create(fx.t.db, "LKS Lain", &fx.there))
		return -1;
	*state = &fx;
	return 0;
}

static int ac_teardown(void **state)
{
	struct ac_fixture *fx = *state;
	arena_free(&fx->a);
	test_db_close(&fx->t);
	return 0;
}

/* ac_add adds name with role and supervisor to org; the faults are left in f. */
static int ac_add(struct ac_fixture *fx, int64_t org, const char *name, const char *role, const char *supervisor,
		  struct faults *f, struct user *out)
{
	struct new_user nu = {.name = name, .role = role, .supervisor = supervisor, .password = PASSWORD};
	memset(f, 0, sizeof *f);
	return account_add(fx->t.db, &fx->a, NULL, org, &nu, f, out);
}

static void test_supervisor_of_the_same_organisation(void **state)
{
	struct ac_fixture *fx = *state;
	struct faults f;
	struct user sup_here, sup_there, worker, u;
	assert_int_equal(ac_add(fx, fx->here, "sup.sini", "supervisor", NULL, &f, &sup_here), 0);
	assert_int_equal(ac_add(fx, fx->there, "sup.sana", "supervisor", NULL, &f, &sup_there), 0);
	assert_int_equal(ac_add(fx, fx->here, "pekerja.satu", "worker", "sup.sini", &f, &worker), 0);
	assert_true(worker.supervisor_id == sup_here.id);

	/* Another organisation's supervisor, a user who is not a supervisor, a name nobody has:
	 * each refused on the field, the same way, and nobody is added. */
	const char *refused[] = {"sup.sana", "pekerja.satu", "tidak.ada"};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		assert_int_equal(ac_add(fx, fx->here, "pekerja.dua", "worker", refused[i], &f, &u), ERR_INVALID);
		assert_int_equal(f.n, 1);
		assert_string_equal(f.list[0].field, "supervisor");
		assert_string_equal(f.list[0].msg, "Supervisor must be the user name of a supervisor.");
		assert_int_equal(user_store_by_name(fx->t.db, &fx->a, "pekerja.dua", &u), ERR_NOTFOUND);
	}
	/* In the other organisation its own supervisor is the one to name. */
	assert_int_equal(ac_add(fx, fx->there, "pekerja.sana", "worker", "sup.sana", &f, &u), 0);
	assert_true(u.supervisor_id == sup_there.id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_supervisor_of_the_same_organisation),
	};
	return cmocka_run_group_tests(tests, ac_setup, ac_teardown);
}
