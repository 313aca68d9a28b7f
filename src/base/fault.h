/* fault.h: a list of validation failures, each naming a field and why (an English message key). */
#ifndef PD_FAULT_H
#define PD_FAULT_H

#define FAULT_MAX 24

struct fault {
	const char *field; /* API field name, e.g. "nik" or "household[2].birth_date" */
	const char *msg;   /* English message key, translated by the caller */
};

struct faults {
	struct fault list[FAULT_MAX];
	int n;
};

/* faults_add records a failure; past FAULT_MAX further ones are dropped (the first ones matter). */
static inline void faults_add(struct faults *f, const char *field, const char *msg)
{
	if (f->n < FAULT_MAX) {
		f->list[f->n].field = field;
		f->list[f->n].msg = msg;
		f->n++;
	}
}

/* faults_find returns the message for field, or NULL. */
static inline const char *faults_find(const struct faults *f, const char *field)
{
	for (int i = 0; i < f->n; i++) {
		const char *a = f->list[i].field, *b = field;
		while (*a && *a == *b) {
			a++;
			b++;
		}
		if (*a == *b)
			return f->list[i].msg;
	}
	return 0;
}

#endif
