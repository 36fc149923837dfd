/* passwords — see passwords.h. */
#include "server/passwords.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server/auth.h"

/* The passwords tried first by anyone guessing (the usual leaked-password
 * top lists, and this product's own words). Compared ignoring ASCII case. */
static const char *const common[] = {
	"12345678", "123456789", "1234567890", "87654321", "11111111", "00000000",
	"88888888", "66666666", "12341234", "11223344", "123123123", "147258369",
	"password", "password1", "passw0rd", "p@ssw0rd", "qwertyui", "qwerty123",
	"1qaz2wsx", "1q2w3e4r", "abc12345", "abcd1234", "a1234567", "iloveyou",
	"woaini1314", "5201314520", "admin123", "administrator", "welcome1", "letmein1",
	"demo1234", "anzhi123", "anzhi1234", "changeme",
};

int password_acceptable(const char *username, const char *pw, char *why, size_t len)
{
	size_t n = strlen(pw);
	if (n < PASSWORD_MIN) {
		snprintf(why, len, "at least %d characters", PASSWORD_MIN);
		return -1;
	}
	if (n > PASSWORD_MAX) {
		snprintf(why, len, "at most %d bytes", PASSWORD_MAX);
		return -1;
	}
	if (username && strcasecmp(pw, username) == 0) {
		snprintf(why, len, "must not be the username");
		return -1;
	}
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
		if (strcasecmp(pw, common[i]) == 0) {
			snprintf(why, len, "too common: choose one that is not on a list of "
				 "often used passwords");
			return -1;
		}
	return 0;
}

static char *secure_copy(const char *s)
{
	size_t n = strlen(s);
	char *c = sodium_malloc(n + 1);
	if (c)
		memcpy(c, s, n + 1);
	return c;
}

static void secure_free(char *s)
{
	if (s) {
		sodium_memzero(s, strlen(s));
		sodium_free(s);
	}
}

static void pwjob_free(void *state)
{
	struct pwjob *j = state;
	if (!j->ran && j->attempt)
		auth_limit_forget(srv_store(j->ctx), j->attempt);
	secure_free(j->check);
	secure_free(j->make);
	sodium_memzero(j, sizeof *j);
	free(j);
}

static void pwjob_run(void *arg)
{
	struct pwjob *j = arg;
	j->ran = 1;
	if (j->check) {
		j->check_ok = auth_verify_password(j->check_hash, j->check) == 0;
		sodium_memzero(j->check, strlen(j->check));
	}
	if (j->make && (!j->check || j->check_ok)) {
		j->made_ok = auth_hash_password(j->make, j->made) == 0;
		sodium_memzero(j->make, strlen(j->make));
	}
}

int pwjob_defer(struct srv_req *rq, struct srv_reply *rp, const char *check,
		const char *check_hash, const char *make)
{
	return pwjob_defer_counted(rq, rp, 0, check, check_hash, make);
}

int pwjob_defer_counted(struct srv_req *rq, struct srv_reply *rp, int64_t attempt,
			const char *check, const char *check_hash, const char *make)
{
	struct pwjob *j = calloc(1, sizeof *j);
	if (!j || (check && !(j->check = secure_copy(check))) ||
	    (make && !(j->make = secure_copy(make)))) {
		if (j)
			pwjob_free(j);
		srv_problem(rp, 500, "internal", NULL, "out of memory");
		return -1;
	}
	if (check)
		snprintf(j->check_hash, sizeof j->check_hash, "%s", check_hash);
	j->ctx = rq->ctx;
	j->attempt = attempt;
	rq->step_state = j;
	rq->step_free = pwjob_free;
	return srv_defer_work(rq, rp, pwjob_run, j);
}
