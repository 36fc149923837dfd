/* reward (超比例奖励, 安置残疾大学生申请): one application — g switches between
 * the over-quota reward and the graduate placement subsidy (persons marked
 * 高校毕业生 who qualify, an example amount each). The reward with the seed's
 * fields — 上年度在职职工总数, 上年度安置残疾人数, 安置比例, 超比例安置残疾人数,
 * 超比例奖励金额, the bank account (收款单位名称, 账号, 开户银行) — and the
 * persons it counts, a mark per month and, for each person left out, why.
 *
 * A unit's user opens it for the business year (GET …/years/{y}/rewards: the
 * application, or what applying now would count), applies with the staff
 * count and bank account of the unit's information, follows the status and
 * saves the 奖励审核认定书 from the documents screen once approved. Federation
 * staff open an application of their queue by id (args.id) and decide it:
 * 初审 by a reviewer, 复审 by a supervisor other than the first reviewer (the
 * service refuses otherwise and the reason is shown in words); a fail needs a
 * reason. At the window (窗口, args.text the unit's USCC, from screen
 * window) staff see a unit's persons month by month and apply on its behalf,
 * typing the staff count and the bank account (the unit's as the default);
 * such an application goes to the supervisor's 复审. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/money.h"
#include "screens/screens.h"
#include "screens/status.h"
#include "ui/table.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "wire/enums.h"

enum { TAG_LOAD = 1, TAG_UNIT, TAG_APPLY, TAG_REVIEW };
enum { ASK_APPLY = 1, ASK_REASON, ASK_STAFF, ASK_PAYEE, ASK_ACCOUNT, ASK_BANK };

enum { C_NAME, C_IDNO, C_M1, C_REASON = C_M1 + 12, NCOLS };

static const struct table_col cols[NCOLS] = {
	{ N_("Name"), NULL, 6, 10, 0, false, false },
	{ N_("ID number"), NULL, 18, 18, 2, false, false },
	{ "1", NULL, 1, 2, 0, false, false },  { "2", NULL, 1, 2, 0, false, false },
	{ "3", NULL, 1, 2, 0, false, false },  { "4", NULL, 1, 2, 0, false, false },
	{ "5", NULL, 1, 2, 0, false, false },  { "6", NULL, 1, 2, 0, false, false },
	{ "7", NULL, 1, 2, 0, false, false },  { "8", NULL, 1, 2, 0, false, false },
	{ "9", NULL, 1, 2, 0, false, false },  { "10", NULL, 1, 2, 0, false, false },
	{ "11", NULL, 1, 2, 0, false, false }, { "12", NULL, 1, 2, 0, false, false },
	{ N_("Left out because"), NULL, 8, 40, 1, false, false },
};

/* The two kinds of application: the same calls under each path (doc/api.md). */
static const struct app_kind {
	const char *path;           /* "rewards" | "graduate-applications" */
	const char *title;
	const char *not_eligible;   /* why the preview does not reach it */
	const char *confirm;        /* the apply question: {1} the amount, {2} the year */
	bool reward;                /* the quota's figures (else: graduates who qualify) */
} kinds[] = {
	{ "rewards", N_("Over-quota reward"),
	  N_("Not eligible: the persons placed are not enough above the quota"),
	  N_("Apply for the over-quota reward of {1} yuan for {2}?"), true },
	{ "graduate-applications", N_("Graduate placement"),
	  N_("Not eligible: no graduate qualifies (education, degree material, months)"),
	  N_("Apply for the graduate placement subsidy of {1} yuan for {2}?"), false },
};
#define NKINDS ((int)(sizeof kinds / sizeof kinds[0]))

struct reward_state {
	int kind;            /* index into kinds */
	long id;             /* opened by id (the federation's queue), else 0 */
	char uscc[24];       /* the unit (the session's, or the window's) */
	bool window;         /* staff applying on the unit's behalf */
	/* what staff typed at the window (the unit's information by default) */
	char staff[24], payee[128], account[48], bank[128];
	int year;
	json_t *answer;      /* GET …/rewards: {application, declaration_status, excluded, preview} */
	json_t *app;         /* the APPLICATION (borrowed from answer, or owned when by id) */
	json_t *unit;        /* UNIT, for the bank account before applying */
	struct table t;
};

static const char *jstr(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

/* What the numbers and persons come from: the application, else the preview. */
static const json_t *figures(const struct reward_state *s)
{
	return s->app ? s->app : json_object_get(s->answer, "preview");
}

static enum application_status status_of(const struct reward_state *s)
{
	return wire_application_status_parse(json_string_value(json_object_get(s->app, "status")));
}

static void load(struct view *v)
{
	struct reward_state *s = v->state;
	char path[128];
	if (s->id)
		snprintf(path, sizeof path, "/%s/%ld", kinds[s->kind].path, s->id);
	else
		snprintf(path, sizeof path, "/units/%s/years/%d/%s", s->uscc, s->year,
			 kinds[s->kind].path);
	api_call(v, TAG_LOAD, "GET", path, NULL, NULL);
}

static int reward_open(struct view *v, const struct screen_args *args)
{
	struct reward_state *s = v->state;
	struct session *ss = app_session(v->app);
	s->id = args ? args->id : 0;
	s->year = args && args->year ? args->year : ss->year;
	/* by id, text names the kind (the queue's); else the window's unit */
	for (int k = 0; s->id && args->text && k < NKINDS; k++)
		if (strcmp(args->text, kinds[k].path) == 0)
			s->kind = k;
	s->window = !s->id && args && args->text && !ss->unit;
	snprintf(s->uscc, sizeof s->uscc, "%s",
		 s->window ? args->text : ss->unit ? ss->unit : "-");
	table_init(&s->t, cols, NCOLS, false);
	for (int m = 0; m < 12; m++)
		s->t.mark_cols |= 1u << (C_M1 + m);
	s->t.key_cols = 1u << C_NAME;
	load(v);
	if (!s->id) {
		char path[64];
		snprintf(path, sizeof path, "/units/%s", s->uscc);
		api_call(v, TAG_UNIT, "GET", path, NULL, NULL);
	}
	return 0;
}

/* One person's row: the masked name and ID, a mark for each month that
 * counts (✗ for a month of the year that does not), and why one is left out. */
static void fill_person(struct table *t, int row, const json_t *p)
{
	size_t i;
	const json_t *m;
	table_set(t, row, C_NAME, jstr(p, "name_masked"));
	table_set(t, row, C_IDNO, jstr(p, "idno_masked"));
	json_array_foreach(json_object_get(p, "months"), i, m) {
		int month = atoi(jstr(m, "month") + 4);
		if (month >= 1 && month <= 12)
			table_set_mark(t, row, C_M1 + month - 1, json_is_true(json_object_get(m, "counted")),
				       NULL);
	}
	enum left_out_reason why = wire_left_out_parse(json_string_value(json_object_get(p, "reason")));
	table_set(t, row, C_REASON, json_is_true(json_object_get(p, "counted")) ? "" : left_out_label(why));
	table_set_style(t, row, json_is_true(json_object_get(p, "counted")) ? STYLE_NORMAL : STYLE_DIM);
}

static void fill(struct reward_state *s)
{
	const json_t *persons = json_object_get(figures(s), "persons");
	table_resize(&s->t, (int)json_array_size(persons));
	for (size_t i = 0; i < json_array_size(persons); i++)
		fill_person(&s->t, (int)i, json_array_get(persons, i));
}

/* 安置比例 as a percentage: required ÷ staff (the policy's quota). */
static void quota_text(const json_t *f, char *buf, size_t size)
{
	struct dec staff, required, ratio, pct;
	snprintf(buf, size, "-");
	if (dec_parse(jstr(f, "staff"), "staff", &staff, NULL) &&
	    dec_parse(jstr(f, "required"), "required", &required, NULL) &&
	    dec_div(required, staff, &ratio) && dec_mul(ratio, dec_int(100), &pct) &&
	    dec_format(pct, 1, ROUND_HALF_UP, buf, size - 1))
		strcat(buf, "%");
}

/* One line that may hold the service's strings: cleaned, then fitted. */
static void put_line(WINDOW *w, int y, int x, int width, const char *line)
{
	char buf[1024];
	char *clean = text_clean(line);
	text_fit(buf, sizeof buf, clean, width, 0);
	free(clean);
	mvwaddstr(w, y, x, buf);
}

/* "label value" pairs on one line, each label translated. */
static void pairs_line(WINDOW *w, int y, int x, int width, const char *const *kv, int n)
{
	char line[512] = "";
	size_t len = 0;
	for (int i = 0; i + 1 < n && len < sizeof line; i += 2)
		len += (size_t)snprintf(line + len, sizeof line - len, "%s%s %s", i ? "   " : "",
					_(kv[i]), kv[i + 1]);
	put_line(w, y, x, width, line);
}

/* The status line: the application's status, else why one cannot be made. */
static void status_line(struct view *v, char *line, size_t size, enum style *style)
{
	struct reward_state *s = v->state;
	const json_t *excluded = json_object_get(s->answer, "excluded");
	const json_t *preview = json_object_get(s->answer, "preview");
	*style = STYLE_DIM;
	if (s->app) {
		enum application_status st = status_of(s);
		*style = application_status_style(st);
		snprintf(line, size, "%s: %s", _("Application"), application_status_label(st));
	} else if (!s->answer) {
		snprintf(line, size, "%s", _("Loading..."));
	} else if (json_is_object(excluded)) {
		*style = STYLE_FAIL;
		snprintf(line, size, "%s", _("The unit is excluded from the reward by the policy (see the unit's information)"));
	} else if (!wire_declaration_passed(wire_declaration_parse(jstr(s->answer, "declaration_status")))) {
		snprintf(line, size, "%s", _("Not applied: a unit applies once its declaration has passed the annual review"));
	} else if (!json_is_true(json_object_get(preview, "eligible"))) {
		*style = STYLE_FAIL;
		snprintf(line, size, "%s", _(kinds[s->kind].not_eligible));
	} else {
		*style = STYLE_OK;
		snprintf(line, size, "%s", _("Not applied yet: press a to apply"));
	}
}

/* 初审 / 复审 with result, reviewer and reason, when decided. */
static void review_line(const json_t *step, const char *label, char *line, size_t size)
{
	if (!json_is_object(step)) {
		snprintf(line, size, "%s: -", label);
		return;
	}
	bool pass = strcmp(jstr(step, "result"), "pass") == 0;
	snprintf(line, size, "%s: %s %s %.10s %s", label, pass ? _("passed the review") : _("failed the review"),
		 jstr(step, "reviewer"), jstr(step, "at"), jstr(step, "reason"));
}

static void reward_draw(struct view *v, struct canvas *c)
{
	struct reward_state *s = v->state;
	struct session *ss = app_session(v->app);
	WINDOW *w = c->w;
	const json_t *f = figures(s);
	char buf[1024], line[1024], quota[24];
	enum style style;
	int y = c->y;
	char *unit = text_clean(s->app ? jstr(s->app, "unit_name")
			       : s->window ? jstr(s->unit, "name")
			       : ss->unit_name ? ss->unit_name : s->uscc);
	int year = s->app ? (int)json_integer_value(json_object_get(s->app, "year")) : s->year;
	snprintf(line, sizeof line, _("%s - %s - business year %d"), _(kinds[s->kind].title), unit,
		 year);
	free(unit);
	wattrset(w, theme_attr(STYLE_TITLE));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, y++, c->x, buf);
	status_line(v, line, sizeof line, &style);
	wattrset(w, theme_attr(style));
	text_fit(buf, sizeof buf, line, c->cols, 0);
	mvwaddstr(w, y++, c->x, buf);
	wattrset(w, theme_attr(STYLE_NORMAL));
	if (kinds[s->kind].reward) {
		quota_text(f, quota, sizeof quota);
		const char *row1[] = { N_("Staff last year"), jstr(f, "staff"), N_("Persons placed"),
				       jstr(f, "placed"), N_("Quota"), quota };
		pairs_line(w, y++, c->x, c->cols, row1, 6);
		const char *excess =
			json_is_string(json_object_get(f, "excess")) ? jstr(f, "excess") : "-";
		const char *row2[] = { N_("Placed above the quota"), excess, N_("Reward (yuan)"),
				       jstr(f, "amount") };
		pairs_line(w, y++, c->x, c->cols, row2, 4);
	} else {
		const char *row1[] = { N_("Staff last year"), jstr(f, "staff"),
				       N_("Graduates who qualify"), jstr(f, "placed") };
		pairs_line(w, y++, c->x, c->cols, row1, 4);
		const char *row2[] = { N_("Subsidy (yuan, an example figure)"), jstr(f, "amount") };
		pairs_line(w, y++, c->x, c->cols, row2, 2);
	}
	const json_t *bank = json_object_get(s->app ? s->app : s->unit, "bank");
	const char *row3[] = { N_("Payee"), jstr(bank, "payee") };
	pairs_line(w, y++, c->x, c->cols, row3, 2);
	const char *row4[] = { N_("Account"), jstr(bank, "account"), N_("Bank"), jstr(bank, "bank") };
	pairs_line(w, y++, c->x, c->cols, row4, 4);
	if (s->app) {
		wattrset(w, theme_attr(STYLE_DIM));
		review_line(json_object_get(s->app, "first_review"), _("First review"), line, sizeof line);
		put_line(w, y++, c->x, c->cols, line);
		review_line(json_object_get(s->app, "second_review"), _("Second review"), line, sizeof line);
		put_line(w, y++, c->x, c->cols, line);
	}
	y++;
	table_draw(&s->t, w, y, c->x, c->y + c->rows - y, c->cols);
	canvas_focus(c, s->t.cursor_y >= 0 ? s->t.cursor_y : y, c->x);
}

static unsigned reward_refresh(struct view *v, enum action a)
{
	load(v);
	return H_REDRAW;
}

static void confirm_apply(struct view *v)
{
	struct reward_state *s = v->state;
	char q[256];
	char year[8];
	snprintf(year, sizeof year, "%d", s->year);
	const char *args[5] = { jstr(json_object_get(s->answer, "preview"), "amount"), year };
	i18n_subst(q, sizeof q, _(kinds[s->kind].confirm), args);
	app_confirm(v, ASK_APPLY, q);
}

/* The unit applies as it is; staff at the window type the staff count and
 * the bank account first (prompts, the unit's information filled in). */
static unsigned reward_apply(struct view *v, enum action a)
{
	struct reward_state *s = v->state;
	if (s->id || (!s->window && !app_session(v->app)->unit)) {
		app_flash(v->app, true, "%s", _("Staff apply for a unit from the window (W on the queue)"));
		return H_REDRAW;
	}
	if (s->app) {
		app_flash(v->app, true, "%s", _("The unit has applied for this year already"));
		return H_REDRAW;
	}
	if (!s->window) {
		confirm_apply(v);
		return H_REDRAW;
	}
	const json_t *bank = json_object_get(s->unit, "bank");
	snprintf(s->staff, sizeof s->staff, "%lld",
		 (long long)json_integer_value(json_object_get(s->unit, "staff_last_year")));
	snprintf(s->payee, sizeof s->payee, "%s", jstr(bank, "payee"));
	snprintf(s->account, sizeof s->account, "%s", jstr(bank, "account"));
	snprintf(s->bank, sizeof s->bank, "%s", jstr(bank, "bank"));
	app_prompt(v, ASK_STAFF, _("Staff last year:"), s->staff, 0);
	return H_REDRAW;
}

/* The window's next question after each answer, then the confirmation. */
static void window_answer(struct view *v, int tag, const char *text)
{
	struct reward_state *s = v->state;
	static const struct {
		int tag, next;
		size_t off, size;
		const char *next_label;   /* the next question */
	} steps[] = {
		{ ASK_STAFF, ASK_PAYEE, offsetof(struct reward_state, staff), 24, N_("Payee:") },
		{ ASK_PAYEE, ASK_ACCOUNT, offsetof(struct reward_state, payee), 128, N_("Account:") },
		{ ASK_ACCOUNT, ASK_BANK, offsetof(struct reward_state, account), 48, N_("Bank:") },
		{ ASK_BANK, 0, offsetof(struct reward_state, bank), 128, NULL },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if (steps[i].tag != tag)
			continue;
		snprintf((char *)s + steps[i].off, steps[i].size, "%s", text);
		if (!steps[i].next) {
			confirm_apply(v);
			return;
		}
		const char *init = (const char *)s + steps[i + 1].off;
		app_prompt(v, steps[i].next, _(steps[i].next_label), init, 0);
		return;
	}
}

static json_t *apply_body(const struct reward_state *s)
{
	if (!s->window)
		return json_object();   /* staff and bank: the unit's information */
	return json_pack("{s:s, s:{s:s, s:s, s:s}, s:s}", "staff", s->staff, "bank", "payee",
			 s->payee, "account", s->account, "bank", s->bank, "channel", "window");
}

/* The step that is next: 初审 while applied, 复审 once it passed; NULL when decided. */
static const char *next_step(const struct reward_state *s)
{
	switch (status_of(s)) {
	case APPLICATION_APPLIED:
		return "first-review";
	case APPLICATION_FIRST_PASSED:
		return "second-review";
	default:
		return NULL;
	}
}

static void review(struct view *v, bool pass, const char *reason)
{
	struct reward_state *s = v->state;
	char path[96], etag[32];
	snprintf(path, sizeof path, "/%s/%lld/%s", kinds[s->kind].path,
		 (long long)json_integer_value(json_object_get(s->app, "id")), next_step(s));
	snprintf(etag, sizeof etag, "\"%lld\"",
		 (long long)json_integer_value(json_object_get(s->app, "version")));
	json_t *body = json_pack("{s:s}", "result", pass ? "pass" : "fail");
	if (reason)
		json_object_set_new(body, "reason", json_string(reason));
	api_save(v, TAG_REVIEW, "PUT", path, body, etag);
	json_decref(body);
}

static bool may_review(struct view *v)
{
	struct reward_state *s = v->state;
	if (!s->app || !next_step(s)) {
		app_flash(v->app, true, "%s", _("This application is decided: nothing to review"));
		return false;
	}
	return true;
}

static unsigned reward_pass(struct view *v, enum action a)
{
	if (may_review(v))
		review(v, true, NULL);
	return H_REDRAW;
}

static unsigned reward_fail(struct view *v, enum action a)
{
	if (may_review(v))
		app_prompt(v, ASK_REASON, _("Why it does not pass:"), "", 0);
	return H_REDRAW;
}

static unsigned reward_answer(struct view *v, int tag, const char *text)
{
	struct reward_state *s = v->state;
	if (!text)
		return H_REDRAW;
	if (tag == ASK_APPLY) {
		char path[128];
		snprintf(path, sizeof path, "/units/%s/years/%d/%s", s->uscc, s->year,
			 kinds[s->kind].path);
		json_t *body = apply_body(s);
		api_save(v, TAG_APPLY, "POST", path, body, NULL);
		json_decref(body);
	} else if (tag >= ASK_STAFF) {
		window_answer(v, tag, text);
	} else if (tag == ASK_REASON) {
		if (!*text) {
			app_flash(v->app, true, "%s", _("A reason is needed to reject"));
			return H_REDRAW;
		}
		review(v, false, text);
	}
	return H_REDRAW;
}

/* g: the other kind of application of the same unit and year. */
static unsigned reward_kind(struct view *v, enum action a)
{
	struct reward_state *s = v->state;
	if (s->id) {
		app_flash(v->app, true, "%s", _("An application from the queue has one kind"));
		return H_REDRAW;
	}
	s->kind = (s->kind + 1) % NKINDS;
	json_decref(s->answer);
	s->answer = NULL;
	s->app = NULL;
	fill(s);
	load(v);
	return H_REDRAW;
}

static unsigned reward_documents(struct view *v, enum action a)
{
	struct reward_state *s = v->state;
	app_push(v->app, &screen_documents, &(struct screen_args){ .year = s->year });
	return H_REDRAW;
}

/* An application opened by id is the screen's own (the year's is the answer's). */
static void take_application(struct reward_state *s, json_t *app)
{
	json_decref(s->app);
	s->app = json_is_object(app) ? json_incref(app) : NULL;
}

static void reward_reply(struct view *v, const struct api_reply *r)
{
	struct reward_state *s = v->state;
	if (!r->ok) {
		/* the service's refusal in words (four eyes, not passed, excluded…);
		 * its English detail goes to the message log */
		app_flash(v->app, true, "%s", r->message ? r->message : "");
		if (r->detail)
			app_log_detail(v->app, "%s", r->detail);
		if (r->tag == TAG_REVIEW && r->status == 412)
			load(v);
		return;
	}
	switch (r->tag) {
	case TAG_LOAD:
		if (s->id) {
			take_application(s, r->body);
		} else {
			json_decref(s->answer);
			s->answer = json_incref(r->body);
			s->app = json_is_object(json_object_get(s->answer, "application"))
				 ? json_object_get(s->answer, "application") : NULL;
		}
		fill(s);
		break;
	case TAG_UNIT:
		json_decref(s->unit);
		s->unit = json_incref(r->body);
		break;
	case TAG_APPLY:
		app_flash(v->app, false, "%s", _("Applied: the federation reviews the application"));
		load(v);
		break;
	case TAG_REVIEW: {
		enum application_status st = wire_application_status_parse(
			json_string_value(json_object_get(r->body, "status")));
		app_flash(v->app, false, "%s: %s", _("Saved"), application_status_label(st));
		if (!s->id) {   /* the window's application: the year's answer again */
			load(v);
			break;
		}
		take_application(s, r->body);
		fill(s);
		break;
	}
	}
}

static void reward_close(struct view *v)
{
	struct reward_state *s = v->state;
	table_free(&s->t);
	if (s->id)
		json_decref(s->app);
	json_decref(s->answer);
	json_decref(s->unit);
}

static struct table *reward_list(struct view *v)
{
	struct reward_state *s = v->state;
	return &s->t;
}

static int reward_year(struct view *v)
{
	struct reward_state *s = v->state;
	return s->id ? 0 : s->year;
}

static const struct screen_action reward_actions[] = {
	{ .act = ACT_REWARD_APPLY, .run = reward_apply, .hint = true },
	{ .act = ACT_REVIEW_PASS, .run = reward_pass, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_REVIEW_FAIL, .run = reward_fail, .roles = ROLES_FEDERATION, .hint = true },
	{ .act = ACT_DOCUMENTS, .run = reward_documents, .needs = NEED_UNIT,
	  .roles = ROLES_UNIT_SIDE, .hint = true },
	{ .act = ACT_KIND_NEXT, .run = reward_kind, .hint = true },
	{ .act = ACT_REFRESH, .run = reward_refresh, .hint = true },
	{ .act = ACT_BACK, .run = NULL, .hint = true },
	{ .act = ACT_HELP, .run = NULL, .hint = true },
};

const struct screen screen_reward = {
	.name = "reward",
	.state_size = sizeof(struct reward_state),
	.open = reward_open,
	.draw = reward_draw,
	SCREEN_ACTIONS(reward_actions),
	.reply = reward_reply,
	.close = reward_close,
	.answer = reward_answer,
	.list = reward_list,
	.year = reward_year,
};
