/* h_applications — over-quota reward (超比例奖励) and graduate (安置残疾大学生)
 * applications: the unit's preview of its year, applying (by the unit, or by
 * federation staff at the window, 窗口), the lists and one application. The
 * reviews are in h_application_review.c, attachments in h_application_files.c.
 * Each endpoint exists for both kinds; the kind is the route's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/regions.h"
#include "server/access.h"
#include "server/application.h"
#include "server/eval.h"
#include "server/handlers.h"
#include "server/jsonw.h"
#include "server/listing.h"
#include "wire/wire.h"

static const char *sget(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

/* An application is for a year whose declaration passed the annual review. */
static int declaration_passed(struct srv_req *rq, struct srv_reply *rp, int64_t unit_id, int year)
{
	struct year_row y;
	if (store_year_get(rq->st, unit_id, year, &y) != STORE_OK) {
		srv_problem(rp, 500, "internal", NULL, "could not read the declaration");
		return -1;
	}
	if (!wire_declaration_passed(y.status)) {
		srv_problem(rp, 409, "declaration_not_passed", NULL,
			    "the declaration for %d is %s: apply once it has passed the annual review",
			    year, wire_declaration_word(y.status));
		return -1;
	}
	return 0;
}

/* The reward's 办法 applies to applications made in its period. */
static int reward_in_force(struct srv_req *rq, struct srv_reply *rp)
{
	char today[20];
	struct ymd d;
	const struct policy_period *v = &rq->ctx->policy.reward.valid;
	eval_now(today);
	today[10] = '\0';
	if (date_parse(today, "today", &d, NULL) && date_in_range(d, v->from, v->to))
		return 0;
	srv_problem(rp, 409, "not_eligible", NULL,
		    "the reward's rules (policy %s) take no applications today",
		    rq->ctx->policy.version);
	return -1;
}

/* 上年度在职职工总数: as given, else the unit's 上年度职工数 (> 0). */
static int staff_of(struct srv_reply *rp, const json_t *body, const json_t *unit, struct dec *staff)
{
	const char *given = json_string_value(json_object_get(body, "staff"));
	json_int_t on_file = json_integer_value(json_object_get(unit, "staff_last_year"));
	if (given && dec_parse(given, "staff", staff, NULL))
		return 0;
	if (on_file > 0) {
		*staff = dec_int(on_file);
		return 0;
	}
	srv_problem(rp, 422, "missing_field", "staff",
		    "the unit information has no staff count (上年度职工数): give staff");
	return -1;
}

/* The bank account: as given, else the unit's; every part is needed. */
static const json_t *bank_of(struct srv_reply *rp, const json_t *body, const json_t *unit)
{
	static const char *const parts[] = { "payee", "account", "bank" };
	const json_t *bank = json_object_get(body, "bank");
	if (json_is_null(bank) || !bank)
		bank = json_object_get(unit, "bank");
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (!*sget(bank, parts[i])) {
			char field[24];
			snprintf(field, sizeof field, "bank.%s", parts[i]);
			srv_problem(rp, 422, "missing_field", field,
				    "the bank account (收款单位名称, 账号, 开户银行) is incomplete");
			return NULL;
		}
	return bank;
}

/* Online for the unit's own users; the window for federation staff, who
 * enter the staff count and the bank account themselves. */
static int channel_of(struct srv_req *rq, struct srv_reply *rp, const json_t *body,
		      enum application_channel *channel)
{
	int staff_side = (rq->user.role_bit & SRV_ROLES_REGION) != 0;
	const char *given = json_string_value(json_object_get(body, "channel"));
	*channel = staff_side ? CHANNEL_WINDOW : CHANNEL_ONLINE;
	if (given && wire_channel_parse(given) != *channel) {
		srv_problem(rp, 422, "invalid_field", "channel",
			    staff_side ? "federation staff apply at the window"
				       : "only federation staff apply at the window");
		return -1;
	}
	if (staff_side && json_is_null(json_object_get(body, "staff"))) {
		srv_problem(rp, 422, "missing_field", "staff",
			    "at the window, enter the staff count (上年度在职职工总数)");
		return -1;
	}
	if (staff_side && json_is_null(json_object_get(body, "bank"))) {
		srv_problem(rp, 422, "missing_field", "bank",
			    "at the window, enter the bank account");
		return -1;
	}
	return 0;
}

/* The calc as a problem when it cannot be made or does not qualify. */
static int calc_for(struct srv_req *rq, struct srv_reply *rp, const struct unit_ref *u,
		    enum application_kind kind, int year, struct dec staff,
		    struct application_calc *c)
{
	char err[200];
	int rc = application_calc_run(rq->ctx, rq->st, u, kind, year, staff, c, err, sizeof err);
	if (rc == -1)
		srv_problem(rp, 500, "internal", NULL, "could not count the year: %s", err);
	else if (rc == -2)
		srv_problem(rp, 409, "not_eligible", NULL, "%s", err);
	return rc;
}

static int excluded(struct srv_req *rq, struct srv_reply *rp, const json_t *unit)
{
	static const char *const why[] = {
		[REWARD_EXCLUDED_KIND] = "a fiscally funded unit (机关) is not rewarded",
		[REWARD_EXCLUDED_CATEGORY] =
			"a fiscally funded institution (公益一类/二类事业单位) is not rewarded",
		[REWARD_EXCLUDED_CONCENTRATED] =
			"a unit of concentrated placement (集中安置) on the VAT refund is not rewarded",
	};
	const char *field;
	enum reward_exclusion x = application_unit_exclusion(&rq->ctx->policy, unit, &field);
	if (x == REWARD_UNIT_INCLUDED)
		return 0;
	srv_problem(rp, 409, "excluded", field, "%s", why[x]);
	return -1;
}

static void apply(struct srv_req *rq, struct srv_reply *rp, enum application_kind kind)
{
	int year;
	int64_t existing;
	char id[24], body_text[400];
	struct unit_ref u;
	struct wire_error we;
	struct dec staff;
	enum application_channel channel;
	struct application_calc c = { 0 };
	struct application_row row;
	json_t *body = NULL, *unit = NULL, *after = NULL;
	const json_t *bank;
	if (access_unit(rq, rp, rq->params[0], &u) != 0 || access_year(rp, rq->params[1], &year) != 0)
		return;
	if (!rq->body) {
		srv_problem(rp, 400, "invalid_json", NULL, "send {} or {\"staff\",\"bank\"}");
		return;
	}
	if (!wire_application_validate(rq->body, &body, &we)) {
		srv_problem(rp, strcmp(we.code, "invalid_json") == 0 ? 400 : 422, we.code,
			    we.field[0] ? we.field : NULL, "%s", we.detail);
		return;
	}
	if (channel_of(rq, rp, body, &channel) != 0 ||
	    declaration_passed(rq, rp, u.id, year) != 0)
		goto out;
	if (store_application_of_unit(rq->st, kind, u.id, year, &existing) != STORE_OK ||
	    !(unit = store_unit_get(rq->st, u.uscc))) {
		srv_problem(rp, 500, "internal", NULL, "could not read the unit");
		goto out;
	}
	if (existing) {
		srv_problem(rp, 409, "conflict", NULL, "the unit applied for %d already (#%lld)", year,
			    (long long)existing);
		goto out;
	}
	if (kind == APPLICATION_REWARD && (excluded(rq, rp, unit) != 0 || reward_in_force(rq, rp) != 0))
		goto out;
	if (staff_of(rp, body, unit, &staff) != 0 || !(bank = bank_of(rp, body, unit)) ||
	    calc_for(rq, rp, &u, kind, year, staff, &c) != 0)
		goto out;
	if (!c.eligible) {
		srv_problem(rp, 409, "not_eligible", NULL, "not eligible: %s", c.why);
		goto out;
	}
	int rc = application_store(rq->st, &rq->ctx->policy, &u, year, &c, bank, channel, &rq->user,
				   &row);
	if (rc != STORE_OK) {
		if (rc == STORE_CONFLICT)
			srv_problem(rp, 409, "conflict", NULL, "the unit applied for %d already", year);
		else
			srv_problem(rp, 500, "internal", NULL, "could not save the application");
		goto out;
	}
	snprintf(id, sizeof id, "%lld", (long long)row.id);
	after = application_load_json(rq->st, &row);
	if (!after) {
		srv_problem(rp, 500, "internal", NULL, "could not read the application");
		goto out;
	}
	snprintf(body_text, sizeof body_text, "残联窗口已代贵单位提交%d年度%s，金额%s元，待复审。",
		 year, application_kind_info(kind)->title, sget(after, "amount"));
	if (access_audit(rq, rp, application_kind_info(kind)->entity, id, "apply", NULL, after) != 0 ||
	    (channel == CHANNEL_WINDOW &&
	     application_notify(rq->st, &row, "受理通知", body_text) != STORE_OK)) {
		if (rp->status < 400)
			srv_problem(rp, 500, "internal", NULL, "could not send the notice");
		goto out;
	}
	srv_etag(rp, row.version);
	srv_json(rp, 201, after);
	after = NULL;
out:
	application_calc_free(&c);
	json_decref(after);
	json_decref(unit);
	json_decref(body);
}

/* GET /units/{uscc}/years/{year}/rewards: the unit's application for the
 * year, and what applying now would count (staff= as the window enters it). */
static void preview(struct srv_req *rq, struct srv_reply *rp, enum application_kind kind)
{
	int year;
	int64_t existing;
	struct unit_ref u;
	struct year_row y;
	struct dec staff;
	struct application_calc c = { 0 };
	struct application_row row;
	json_t *unit = NULL, *query = json_object(), *out = NULL, *application = NULL;
	if (access_unit(rq, rp, rq->params[0], &u) != 0 || access_year(rp, rq->params[1], &year) != 0)
		goto done;
	const char *given = srv_query(rq, "staff");
	if (given && *given)
		json_object_set_new(query, "staff", json_string(given));
	json_t *checked = NULL;
	struct wire_error we;
	if (!wire_application_validate(query, &checked, &we)) {
		srv_problem(rp, 422, we.code, we.field, "%s", we.detail);
		goto done;
	}
	json_decref(query);
	query = checked;
	if (store_year_get(rq->st, u.id, year, &y) != STORE_OK ||
	    store_application_of_unit(rq->st, kind, u.id, year, &existing) != STORE_OK ||
	    !(unit = store_unit_get(rq->st, u.uscc)) ||
	    (existing && (store_application_get(rq->st, existing, &row) != STORE_OK ||
			  !(application = application_load_json(rq->st, &row))))) {
		srv_problem(rp, 500, "internal", NULL, "could not read the unit's year");
		goto done;
	}
	if (staff_of(rp, query, unit, &staff) != 0 || calc_for(rq, rp, &u, kind, year, staff, &c) != 0)
		goto done;
	const char *field = NULL;
	enum reward_exclusion x = kind == APPLICATION_REWARD
		? application_unit_exclusion(&rq->ctx->policy, unit, &field) : REWARD_UNIT_INCLUDED;
	out = json_pack("{s:o, s:s, s:o, s:o}", "application",
			application ? application : json_null(), "declaration_status",
			wire_declaration_word(y.status), "excluded",
			x == REWARD_UNIT_INCLUDED ? json_null()
				: json_pack("{s:s, s:s}", "rule", reward_exclusion_name(x), "field",
					    field),
			"preview", application_preview_json(&u, year, &c));
	application = NULL;
	srv_json(rp, 200, out);
done:
	application_calc_free(&c);
	json_decref(application);
	json_decref(unit);
	json_decref(query);
}

/* ------------------------------------------------------------------ lists */

/* Whose applications: a unit user's own; federation staff's region (or a
 * region within it: region=); an administrator's region=, else the root. */
static int list_scope(struct srv_req *rq, struct srv_reply *rp, struct application_query *q)
{
	struct unit_ref u;
	if (rq->user.role_bit & SRV_ROLES_UNIT) {
		if (store_unit_ref(rq->st, rq->user.unit, &u) != STORE_OK) {
			srv_problem(rp, 500, "internal", NULL, "could not read your unit");
			return -1;
		}
		q->unit_id = u.id;
		return 0;
	}
	if (listing_region(rq, rp, &q->region, &q->region_column) != 0)
		return -1;
	if (!q->region_column)
		return srv_problem(rp, 422, "invalid_field", "region", "no region to list");
	return 0;
}

static int list_filters(struct srv_req *rq, struct srv_reply *rp, struct application_query *q)
{
	const char *status = srv_query(rq, "status"), *year = srv_query(rq, "year");
	char *end = NULL;
	if (status && *status) {
		if (wire_application_status_parse(status) == APPLICATION_STATUS_UNKNOWN) {
			srv_problem(rp, 422, "invalid_field", "status", "unknown status '%.24s'",
				    status);
			return -1;
		}
		q->status = status;
	}
	if (year && *year) {
		long y = strtol(year, &end, 10);
		if (*end || y < 2000 || y > 2100) {
			srv_problem(rp, 422, "invalid_field", "year", "year is 2000–2100");
			return -1;
		}
		q->year = (int)y;
	}
	return 0;
}

static void list(struct srv_req *rq, struct srv_reply *rp, enum application_kind kind)
{
	char at[20], next_at[20] = "";
	int next_year = 0;
	int64_t next_id = 0;
	struct application_query q = { .kind = kind };
	if (list_scope(rq, rp, &q) != 0 || list_filters(rq, rp, &q) != 0 ||
	    listing_page_params(rq, rp, &q.limit, at, &q.after_id) != 0)
		return;
	q.after_year = atoi(at);
	struct jw w;
	jw_init(&w);
	jw_object(&w);
	jw_key(&w, "items");
	jw_array(&w);
	int ok = store_application_page(rq->st, &q, &w, &next_year, &next_id) == STORE_OK;
	jw_end(&w);
	snprintf(next_at, sizeof next_at, "%d", next_year);
	listing_cursor_member(&w, next_at, next_id);
	jw_end(&w);
	listing_reply(rp, &w, ok, "applications");
}

static void get(struct srv_req *rq, struct srv_reply *rp, enum application_kind kind)
{
	struct application_row a;
	if (application_access(rq, rp, rq->params[0], kind, &a) == 0)
		application_reply(rq, rp, 200, &a);
}

APPLICATION_HANDLERS(apply, apply)
APPLICATION_HANDLERS(preview, preview)
APPLICATION_HANDLERS(list, list)
APPLICATION_HANDLERS(get, get)
