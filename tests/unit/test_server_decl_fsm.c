/* decl_fsm: the declaration's state table (SPEC §5.3) — every cell of status
 * × action × role walked: an allowed action leads to the table's status, a
 * refused one is 409 with the table's reason, a role that may never take it
 * is 403; every guard answers as it says; the routes let in exactly the
 * roles of their actions; and doc/api.md shows the table as the service
 * has it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/decl_fsm.h"
#include "server/handlers.h"
#include "server/router.h"
#include "server/srv.h"

static const int role_bits[] = { SRV_ROLE_UNIT, SRV_ROLE_AGENT, SRV_ROLE_REVIEWER,
				 SRV_ROLE_SUPERVISOR, SRV_ROLE_ADMIN };
static const char *const role_words[] = { "unit", "agent", "reviewer", "supervisor", "admin" };
#define NROLES 5

/* Facts under which every guard of the cell passes. */
static struct decl_facts passing(const struct decl_cell *c)
{
	return (struct decl_facts){ .has_reason = true,
				    .feedback_pending = (c->guards & GUARD_FEEDBACK) != 0,
				    .cancellation_pending = (c->guards & GUARD_CANCELLATION) != 0 };
}

static void test_every_cell_of_the_table_is_written_out(void **state)
{
	for (int s = 0; s < DECLARATION_STATUS__COUNT; s++)
		for (int a = 0; a < DECL_ACTION__COUNT; a++) {
			const struct decl_cell *c = decl_fsm_cell((enum declaration_status)s,
								  (enum declaration_action)a);
			assert_non_null(c);
			assert_true(c->set);
			/* a cell leads somewhere or says why not, never both */
			assert_int_equal(c->to == DECLARATION_STATUS_UNKNOWN,
					 c->refusal != NULL && c->refusal[0] != '\0');
		}
	assert_null(decl_fsm_cell(DECLARATION_STATUS__COUNT, DECL_SUBMIT));
	assert_null(decl_fsm_cell(DECLARATION_OPEN, DECL_ACTION__COUNT));
}

/* Every status × action × role: the new status, the table's 409, or 403. */
static void test_every_status_action_and_role_answers_as_the_table_says(void **state)
{
	int allowed = 0, refused = 0, forbidden = 0;
	for (int s = 0; s < DECLARATION_STATUS__COUNT; s++)
		for (int a = 0; a < DECL_ACTION__COUNT; a++) {
			const struct decl_cell *c = decl_fsm_cell((enum declaration_status)s,
								  (enum declaration_action)a);
			struct decl_facts f = passing(c);
			for (int r = 0; r < NROLES; r++) {
				struct decl_verdict v;
				decl_fsm_decide((enum declaration_status)s, (enum declaration_action)a,
						role_bits[r], &f, &v);
				if (!(decl_fsm_roles((enum declaration_action)a) & role_bits[r])) {
					assert_int_equal(v.status, 403);
					assert_string_equal(v.code, "forbidden");
					forbidden++;
				} else if (c->to == DECLARATION_STATUS_UNKNOWN) {
					assert_int_equal(v.status, 409);
					assert_string_equal(v.code, "conflict");
					assert_non_null(strstr(v.detail, c->refusal));
					assert_non_null(strstr(v.detail, wire_declaration_word(
										 (enum declaration_status)s)));
					refused++;
				} else {
					assert_int_equal(v.status, 0);
					assert_int_equal(v.to, c->to);
					allowed++;
				}
			}
		}
	assert_int_equal(allowed + refused + forbidden,
			 DECLARATION_STATUS__COUNT * DECL_ACTION__COUNT * NROLES);
	assert_true(allowed > 0 && refused > 0 && forbidden > 0);
}

/* SPEC §5.3 in the table's words: the path a declaration takes. */
static void test_the_declarations_life_of_spec_5_3(void **state)
{
	static const struct {
		enum declaration_status from;
		enum declaration_action a;
		enum declaration_status to;
	} path[] = {
		{ DECLARATION_OPEN, DECL_SUBMIT, DECLARATION_SUBMITTED },
		{ DECLARATION_SUBMITTED, DECL_WITHDRAW, DECLARATION_OPEN },
		{ DECLARATION_SUBMITTED, DECL_FAIL, DECLARATION_FAILED },
		{ DECLARATION_FAILED, DECL_SUBMIT, DECLARATION_SUBMITTED },
		{ DECLARATION_SUBMITTED, DECL_PASS, DECLARATION_PASSED },
		{ DECLARATION_PASSED, DECL_FEEDBACK, DECLARATION_PASSED },
		{ DECLARATION_PASSED, DECL_FEEDBACK_ACCEPT, DECLARATION_OPEN },
		{ DECLARATION_PASSED, DECL_SEND_TO_TAX, DECLARATION_SENT_TO_TAX },
		{ DECLARATION_SENT_TO_TAX, DECL_FEEDBACK_ACCEPT, DECLARATION_OPEN },
		{ DECLARATION_OPEN, DECL_CANCEL_APPROVE, DECLARATION_CANCELLED },
		{ DECLARATION_CANCELLED, DECL_REOPEN, DECLARATION_OPEN },
	};
	for (size_t i = 0; i < sizeof path / sizeof path[0]; i++)
		assert_int_equal(decl_fsm_cell(path[i].from, path[i].a)->to, path[i].to);
	/* a passed declaration is not withdrawn, failed or reopened by hand */
	assert_int_equal(decl_fsm_cell(DECLARATION_PASSED, DECL_WITHDRAW)->to,
			 DECLARATION_STATUS_UNKNOWN);
	assert_int_equal(decl_fsm_cell(DECLARATION_PASSED, DECL_FAIL)->to,
			 DECLARATION_STATUS_UNKNOWN);
	assert_int_equal(decl_fsm_cell(DECLARATION_PASSED, DECL_REOPEN)->to,
			 DECLARATION_STATUS_UNKNOWN);
	/* only a passed declaration is sent to tax */
	for (int s = 0; s < DECLARATION_STATUS__COUNT; s++)
		assert_int_equal(decl_fsm_cell((enum declaration_status)s, DECL_SEND_TO_TAX)->to !=
					 DECLARATION_STATUS_UNKNOWN,
				 s == DECLARATION_PASSED);
}

/* Each guard of each cell, failing alone, gives its own answer. */
static void test_every_guard_refuses_with_its_own_answer(void **state)
{
	int checked = 0;
	for (int s = 0; s < DECLARATION_STATUS__COUNT; s++)
		for (int a = 0; a < DECL_ACTION__COUNT; a++) {
			const struct decl_cell *c = decl_fsm_cell((enum declaration_status)s,
								  (enum declaration_action)a);
			int role = SRV_ROLE_ADMIN; /* may take every action */
			for (int g = 0; g < GUARD__COUNT; g++) {
				if (!(c->guards & (1u << g)))
					continue;
				struct decl_facts f = passing(c);
				struct decl_verdict v;
				const char *field = NULL;
				int want = 409;
				switch (1u << g) {
				case GUARD_FIGURES:
					f.missing_figure = "wages_last_year";
					want = 422, field = "wages_last_year";
					break;
				case GUARD_CONFIRMED:
					f.unconfirmed = 2;
					break;
				case GUARD_REASON:
					f.has_reason = false;
					want = 422, field = "reason";
					break;
				case GUARD_NO_FEEDBACK:
					f.feedback_pending = true;
					break;
				case GUARD_NO_CANCELLATION:
					f.cancellation_pending = true;
					break;
				case GUARD_FEEDBACK:
					f.feedback_pending = false;
					break;
				case GUARD_CANCELLATION:
					f.cancellation_pending = false;
					break;
				case GUARD_FILING:
					f.filing_closed = "deadline_passed";
					snprintf(f.deadline, sizeof f.deadline, "2025-05-31");
					break;
				}
				decl_fsm_decide((enum declaration_status)s, (enum declaration_action)a,
						role, &f, &v);
				assert_int_equal(v.status, want);
				if (1u << g == GUARD_FILING) /* its own code, naming the date */
					assert_true(strcmp(v.code, "deadline_passed") == 0 &&
						    strstr(v.detail, "2025-05-31"));
				if (field)
					assert_string_equal(v.field, field);
				else
					assert_null(v.field);
				checked++;
			}
		}
	assert_true(checked >= 20);
	struct decl_facts f = { .unconfirmed = 1 };
	struct decl_verdict v;
	decl_fsm_decide(DECLARATION_OPEN, DECL_SUBMIT, SRV_ROLE_UNIT, &f, &v);
	assert_non_null(strstr(v.detail, "1 person"));
}

/* YEAR.actions: what the role may do now, the pending requests considered. */
static void test_available_actions_follow_role_status_and_pending_requests(void **state)
{
	struct decl_facts none = { 0 }, feedback = { .feedback_pending = true };
	unsigned u = decl_fsm_available(DECLARATION_PASSED, SRV_ROLE_UNIT, &none);
	assert_int_equal(u, (1u << DECL_FEEDBACK) | (1u << DECL_CANCEL_REQUEST));
	assert_int_equal(decl_fsm_available(DECLARATION_PASSED, SRV_ROLE_UNIT, &feedback), 0);
	assert_int_equal(decl_fsm_available(DECLARATION_PASSED, SRV_ROLE_REVIEWER, &none),
			 1u << DECL_SEND_TO_TAX);
	assert_int_equal(decl_fsm_available(DECLARATION_PASSED, SRV_ROLE_REVIEWER, &feedback),
			 (1u << DECL_FEEDBACK_ACCEPT) | (1u << DECL_FEEDBACK_REJECT));
	assert_int_equal(decl_fsm_available(DECLARATION_SUBMITTED, SRV_ROLE_REVIEWER, &none),
			 (1u << DECL_PASS) | (1u << DECL_FAIL));
	assert_int_equal(decl_fsm_available(DECLARATION_CANCELLED, SRV_ROLE_REVIEWER, &none), 0);
	assert_int_equal(decl_fsm_available(DECLARATION_CANCELLED, SRV_ROLE_SUPERVISOR, &none),
			 1u << DECL_REOPEN);
}

/* The route of each action lets in exactly the roles the table names (403
 * for the others, before a body is read). */
static void test_each_actions_route_admits_the_tables_roles(void **state)
{
	static const struct {
		enum declaration_action a;
		const char *method, *path;
	} routes[] = {
		{ DECL_SUBMIT, "POST", "/submit" },
		{ DECL_WITHDRAW, "POST", "/withdraw" },
		{ DECL_PASS, "POST", "/annual-review" },
		{ DECL_FAIL, "POST", "/annual-review" },
		{ DECL_FEEDBACK, "POST", "/feedback" },
		{ DECL_FEEDBACK_ACCEPT, "PUT", "=/api/v1/feedback/7/review" },
		{ DECL_FEEDBACK_REJECT, "PUT", "=/api/v1/feedback/7/review" },
		{ DECL_SEND_TO_TAX, "POST", "/send-to-tax" },
		{ DECL_CANCEL_REQUEST, "POST", "/cancellation" },
		{ DECL_CANCEL_APPROVE, "PUT", "=/api/v1/cancellations/7/review" },
		{ DECL_CANCEL_REJECT, "PUT", "=/api/v1/cancellations/7/review" },
		{ DECL_REOPEN, "POST", "/reopen" },
	};
	assert_int_equal(sizeof routes / sizeof routes[0], DECL_ACTION__COUNT);
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		char path[160];
		struct srv_req rq;
		int known;
		if (routes[i].path[0] == '=')
			snprintf(path, sizeof path, "%s", routes[i].path + 1);
		else
			snprintf(path, sizeof path, "/api/v1/units/91350100M000100Y43/years/2025%s",
				 routes[i].path);
		const struct route *r = router_match(routes[i].method, path, &rq, &known);
		assert_non_null(r);
		assert_true(r->flags & ROUTE_WRITE);
		assert_int_equal(r->roles, decl_fsm_roles(routes[i].a));
	}
}

/* ----------------------------------------------------------- the doc table */

static void roles_text(int bits, char *out, size_t len)
{
	out[0] = '\0';
	for (int r = 0; r < NROLES; r++)
		if (bits & role_bits[r])
			snprintf(out + strlen(out), len - strlen(out), "%s%s", out[0] ? ", " : "",
				 role_words[r]);
}

static void cell_text(const struct decl_cell *c, char *out, size_t len)
{
	if (c->to == DECLARATION_STATUS_UNKNOWN) {
		snprintf(out, len, "409: %s", c->refusal);
		return;
	}
	snprintf(out, len, "→ %s", wire_declaration_word(c->to));
	for (int g = 0, n = 0; g < GUARD__COUNT; g++)
		if (c->guards & (1u << g))
			snprintf(out + strlen(out), len - strlen(out), "%s%s", n++ ? ", " : " (",
				 decl_fsm_guard_name((enum decl_guard)(1u << g)));
	if (c->guards)
		snprintf(out + strlen(out), len - strlen(out), ")");
}

/* The table as doc/api.md shows it, between its markers. */
static char *render(void)
{
	char *text = NULL, roles[80], cell[300];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	fputs("| status | action | who | outcome |\n|---|---|---|---|\n", f);
	for (int s = 0; s < DECLARATION_STATUS__COUNT; s++)
		for (int a = 0; a < DECL_ACTION__COUNT; a++) {
			roles_text(decl_fsm_roles((enum declaration_action)a), roles, sizeof roles);
			cell_text(decl_fsm_cell((enum declaration_status)s, (enum declaration_action)a),
				  cell, sizeof cell);
			fprintf(f, "| %s | %s | %s | %s |\n",
				wire_declaration_word((enum declaration_status)s),
				wire_declaration_action_word((enum declaration_action)a), roles, cell);
		}
	fclose(f);
	return text;
}

static void test_doc_api_md_shows_the_table_the_service_uses(void **state)
{
	static const char begin[] = "<!-- state table: generated from src/server/decl_fsm.c -->\n";
	static const char end[] = "<!-- end of state table -->";
	FILE *f = fopen(ANZHI_DATADIR "/../doc/api.md", "r");
	assert_non_null(f);
	char *doc = calloc(1, 1 << 20);
	size_t n = fread(doc, 1, (1 << 20) - 1, f);
	fclose(f);
	doc[n] = '\0';
	char *from = strstr(doc, begin), *to = from ? strstr(from, end) : NULL;
	assert_non_null(from);
	assert_non_null(to);
	from += strlen(begin);
	*to = '\0';
	char *want = render();
	if (strcmp(from, want) != 0)
		fprintf(stderr, "doc/api.md's state table is stale; it should read:\n%s", want);
	assert_string_equal(from, want);
	free(want);
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_cell_of_the_table_is_written_out),
		cmocka_unit_test(test_every_status_action_and_role_answers_as_the_table_says),
		cmocka_unit_test(test_the_declarations_life_of_spec_5_3),
		cmocka_unit_test(test_every_guard_refuses_with_its_own_answer),
		cmocka_unit_test(test_available_actions_follow_role_status_and_pending_requests),
		cmocka_unit_test(test_each_actions_route_admits_the_tables_roles),
		cmocka_unit_test(test_doc_api_md_shows_the_table_the_service_uses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
