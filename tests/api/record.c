/* record — see record.h.
 *
 * cmocka tells no fixture which test it runs, so record_run_group wraps the
 * tests: each gets a setup that first names the current test and then runs
 * the test's own setup with the state it would have had. cmocka hands a group
 * state to every test in preference to its initial_state, so the group setup
 * wrapper keeps the group state aside and gives it back to each test and to the
 * group teardown. */
#include "tests/api/record.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/api/harness.h"

struct named_test {
	const char *name;
	CMFixtureFunction setup;
	void *initial_state;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *out;
static int out_failed;
static const char *group_name = "main";
static char current[200] = "main";   /* the test making calls now */
static void *group_state;
static CMFixtureFunction group_setup, group_teardown;

/* "api_auth test_logout_ends_the_session", "api_auth setup" */
static void set_current(const char *what)
{
	pthread_mutex_lock(&lock);
	snprintf(current, sizeof current, "%s %s", group_name, what);
	pthread_mutex_unlock(&lock);
}

static int is_json(const char *content_type)
{
	return strstr(content_type, "json") != NULL;
}

void record_exchange(const char *method, const char *path, const struct resp *r)
{
	const char *file = getenv("ANZHI_API_RECORD");
	if (!file || !*file || r->status <= 0)
		return;
	pthread_mutex_lock(&lock);
	json_t *line = json_pack("{s:s, s:s, s:s, s:i, s:s, s:I}", "test", current, "method",
				 method, "path", path, "status", (int)r->status, "content_type",
				 r->content_type, "bytes", (json_int_t)r->len);
	/* JSON bodies go in as text, so the checker also sees one that does not
	 * parse (NULL when it is not UTF-8); other bodies (downloads) by size only. */
	if (line && r->headers)
		json_object_set(line, "headers", r->headers);
	if (line && is_json(r->content_type))
		json_object_set_new(line, "body", json_stringn(r->body ? r->body : "", r->len));
	if (!out && !out_failed) {
		out = fopen(file, "a");
		out_failed = !out;
		if (!out)
			fprintf(stderr, "record: cannot write %s\n", file);
	}
	if (out && line) {
		json_dumpf(line, out, JSON_COMPACT);
		fputc('\n', out);
		fflush(out);
	}
	pthread_mutex_unlock(&lock);
	json_decref(line);
}

static int named_setup(void **state)
{
	const struct named_test *t = *state;
	set_current(t->name);
	*state = t->initial_state ? t->initial_state : group_state;
	return t->setup ? t->setup(state) : 0;
}

static int wrapped_group_setup(void **state)
{
	set_current("setup");
	int rc = group_setup ? group_setup(state) : 0;
	group_state = *state;
	*state = NULL; /* so that cmocka hands each test its named_test */
	return rc;
}

static int wrapped_group_teardown(void **state)
{
	set_current("teardown");
	*state = group_state;
	return group_teardown ? group_teardown(state) : 0;
}

int record_run_group(const char *group, const struct CMUnitTest *tests, size_t n,
		     CMFixtureFunction setup, CMFixtureFunction teardown)
{
	struct CMUnitTest *wrapped = calloc(n, sizeof *wrapped);
	struct named_test *names = calloc(n, sizeof *names);
	if (!wrapped || !names) {
		free(wrapped);
		free(names);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		names[i].name = tests[i].name;
		names[i].setup = tests[i].setup_func;
		names[i].initial_state = tests[i].initial_state;
		wrapped[i] = tests[i];
		wrapped[i].setup_func = named_setup;
		wrapped[i].initial_state = &names[i];
	}
	group_name = group;
	group_setup = setup;
	group_teardown = teardown;
	int rc = _cmocka_run_group_tests(group, wrapped, n, wrapped_group_setup,
					 wrapped_group_teardown);
	free(wrapped);
	free(names);
	pthread_mutex_lock(&lock);
	if (out)
		fclose(out);
	out = NULL;
	pthread_mutex_unlock(&lock);
	return rc;
}
