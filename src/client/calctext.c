/* calctext: the calculator's explained steps as text or JSON — the levy
 * (残保金) and the over-quota reward (超比例奖励) computed by the core
 * (levy.h, reward.h) and rendered in the user's language.  One formatter for
 * `anzhi calc` (cli.c) and the calculator screen, in the same process.  Texts
 * use {1}…{5} placeholders (not printf) so that translators may reorder them
 * and table formats stay literal. */
#include "client/calctext.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datadir.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "core/levy.h"
#include "core/reward.h"

enum { POLICY_FILE_MAX = 4 << 20 };

/* The text form's lines go to out->text through a memory stream. */
static FILE *text_stream(struct calc_out *out)
{
	size_t len;
	FILE *f = open_memstream(&out->text, &len);
	if (!f) {
		fprintf(stderr, "anzhi: out of memory\n");
		abort();
	}
	return f;
}

/* How a number is shown: amounts to the fen, counts with 2..4 decimals, ratios
 * as percent in text and as a 6-decimal fraction in JSON, plain integers, months. */
enum nfmt { F_NONE, F_AMOUNT, F_COUNT, F_PLAIN, F_RATIO, F_INT, F_YM };

/* Formats d with `max` decimals, then trims trailing zeros down to `min`. */
static void trimmed(struct dec d, int min, int max, char *buf, size_t size)
{
	char *dot;
	size_t len;

	if (!dec_format(d, max, ROUND_HALF_UP, buf, size))
		return;
	dot = strchr(buf, '.');
	if (!dot)
		return;
	len = strlen(buf);
	while ((int)(len - (size_t)(dot - buf) - 1) > min && buf[len - 1] == '0')
		buf[--len] = '\0';
	if (buf[len - 1] == '.')
		buf[len - 1] = '\0';
}

static void num(struct dec d, enum nfmt f, bool json, char *buf, size_t size)
{
	struct dec pct;

	buf[0] = '\0';
	switch (f) {
	case F_NONE:
		break;
	case F_AMOUNT:
		dec_format(d, 2, ROUND_HALF_UP, buf, size);
		break;
	case F_COUNT:       /* exact to 4 decimals, at least 2 ("0.45", "0.4167") */
		trimmed(d, 2, 4, buf, size);
		break;
	case F_PLAIN:       /* "30", "1.5" */
		trimmed(d, 0, 4, buf, size);
		break;
	case F_RATIO:
		if (json)
			dec_format(d, 6, ROUND_HALF_UP, buf, size);
		else if (dec_mul(d, dec_int(100), &pct)) {
			trimmed(pct, 0, 2, buf, size - 1);
			strcat(buf, "%");
		}
		break;
	case F_INT:
		dec_format(d, 0, ROUND_HALF_UP, buf, size);
		break;
	case F_YM:
		if (dec_is_int(d) && d.num > 0)
			snprintf(buf, size, "%04lld-%02lld", (long long)(d.num / 100 % 10000),
				 (long long)(d.num % 100));
		break;
	}
}

/* One explained step kind: its text (with an alternative when `alt` holds), and
 * per number (a b c d result) its JSON name, format and place in the text. */
struct step_fmt {
	const char *kind;
	const char *text;
	const char *alt_text;
	const char *names[5];
	enum nfmt fmts[5];
};

#define A_ F_AMOUNT
#define C_ F_COUNT
#define P_ F_PLAIN
#define R_ F_RATIO
#define I_ F_INT
#define N_NONE F_NONE

/* Levy: text args are always the 5 numbers in order a b c d result. */
static const struct step_fmt levy_fmt[LEVY_STEP__COUNT] = {
	[LEVY_STEP_PLACED_ROUNDED] = {"placed_rounded", N_("Placed persons: {5} (exact {1})"), NULL,
		{"placed_exact", NULL, NULL, NULL, "placed"}, {C_, N_NONE, N_NONE, N_NONE, C_}},
	[LEVY_STEP_AVG_WAGE] = {"avg_wage", N_("Average wage: {1} / {2} staff = {5}"), NULL,
		{"total_wages", "staff", NULL, NULL, "avg_wage"}, {A_, P_, N_NONE, N_NONE, A_}},
	[LEVY_STEP_WAGE_CAP] = {"wage_cap",
		N_("Wage cap {2} x {3} (social average wage): average wage {1} is below it, used as is"),
		N_("Wage cap {2} x {3} (social average wage): average wage {1} capped to {5}"),
		{"avg_wage", "multiple", "social_avg_wage", NULL, "wage"}, {A_, I_, A_, N_NONE, A_}},
	[LEVY_STEP_NO_CAP] = {"no_cap", N_("Wage used: {5} (the policy has no cap for this year)"), NULL,
		{"avg_wage", NULL, NULL, NULL, "wage"}, {A_, N_NONE, N_NONE, N_NONE, A_}},
	[LEVY_STEP_REQUIRED] = {"required", N_("Required: {1} staff x quota {2} = {5} persons"), NULL,
		{"staff", "quota", NULL, NULL, "required"}, {P_, R_, N_NONE, N_NONE, C_}},
	[LEVY_STEP_SHORTFALL] = {"shortfall", N_("Shortfall: {1} - {2} = {5} persons"), NULL,
		{"required", "placed", NULL, NULL, "shortfall"}, {C_, C_, N_NONE, N_NONE, C_}},
	[LEVY_STEP_BASE] = {"base", N_("Levy before reduction: {1} x {2} = {5}"), NULL,
		{"shortfall", "wage", NULL, NULL, "base"}, {C_, A_, N_NONE, N_NONE, A_}},
	[LEVY_STEP_RATIO] = {"ratio", N_("Placement ratio: {1} / {2} = {5}"), NULL,
		{"placed", "staff", NULL, NULL, "ratio"}, {C_, P_, N_NONE, N_NONE, R_}},
	[LEVY_STEP_TIER] = {"tier", N_("Reduction: ratio {1} is in [{2}, {3}): pay {4} = {5}"), NULL,
		{"ratio", "min", "below", "factor", "due"}, {R_, R_, R_, R_, A_}},
	[LEVY_STEP_EXEMPT_SMALL] = {"exempt_small",
		N_("Exempt: an enterprise with {1} staff (at most {2}) pays no levy"), NULL,
		{"staff", "staff_max", NULL, NULL, NULL}, {P_, I_, N_NONE, N_NONE, N_NONE}},
	[LEVY_STEP_NOTHING_DUE] = {"nothing_due", N_("The quota is met: nothing due"), NULL,
		{"shortfall", NULL, NULL, NULL, NULL}, {C_, N_NONE, N_NONE, N_NONE, N_NONE}},
	[LEVY_STEP_DUE] = {"due", N_("Levy due: {5} yuan"), NULL,
		{NULL, NULL, NULL, NULL, "due"}, {N_NONE, N_NONE, N_NONE, N_NONE, A_}},
};

/* The eligibility steps say the two conditions of 《内蒙古自治区超比例安排残疾人就业奖励
 * 办法(试行)》 in its words: "超过本单位在职职工总数1.5%(不含1.5%)，超出部分为1人以上
 * (含1人)" (the numbers come from the policy table). */
static const struct step_fmt reward_fmt[REWARD_STEP__COUNT] = {
	[REWARD_STEP_REQUIRED] = {"required",
		N_("Required by the quota: {1} staff x {2} = {5} persons (exact, not rounded)"), NULL,
		{"staff", "quota", NULL, NULL, "required"}, {P_, R_, N_NONE, N_NONE, C_}},
	[REWARD_STEP_RATIO] = {"ratio", N_("Placement ratio: {1} / {2} = {5} (quota {3})"), NULL,
		{"placed", "staff", "quota", NULL, "ratio"}, {C_, P_, R_, N_NONE, R_}},
	[REWARD_STEP_EXCESS] = {"excess", N_("Placed above the quota: {1} - {2} = {5} persons"), NULL,
		{"placed", "required", NULL, NULL, "excess"}, {C_, C_, N_NONE, N_NONE, C_}},
	[REWARD_STEP_ELIGIBLE] = {"eligible",
		N_("Eligible: the persons placed are {1} of the staff, above {2} ({2} itself not included), and the excess of {3} is {4} person or more ({4} included)"),
		NULL,
		{"ratio", "quota", "excess", "min_excess", NULL}, {R_, R_, C_, P_, N_NONE}},
	[REWARD_STEP_NOT_ELIGIBLE] = {"not_eligible",
		N_("Not eligible: the persons placed are {1} of the staff, not above {2} ({2} itself not included)"),
		N_("Not eligible: the excess of {3} is less than {4} person (a reward needs {4} or more, {4} included)"),
		{"ratio", "quota", "excess", "min_excess", NULL}, {R_, R_, C_, P_, N_NONE}},
	[REWARD_STEP_PERSONS] = {"persons",
		N_("Persons rewarded: the excess of {1} in whole persons (rounded down) = {5}"), NULL,
		{"excess", NULL, NULL, NULL, "persons"}, {C_, N_NONE, N_NONE, N_NONE, P_}},
	[REWARD_STEP_MIN_WAGE] = {"min_wage",
		N_("Monthly minimum wage, area class {1}, {2}: {5}"),
		N_("Monthly minimum wage (given): {5}"),
		{"area_class", "month", NULL, NULL, "min_wage"}, {I_, F_YM, N_NONE, N_NONE, A_}},
	[REWARD_STEP_AMOUNT] = {"amount", N_("Reward: {1} x {2} x {3} = {5} yuan"), NULL,
		{"persons", "multiplier", "min_wage", NULL, "reward"}, {P_, P_, A_, N_NONE, A_}},
};

/* Renders one step as text (into line) and, when arr is not NULL, as a JSON
 * object appended to arr. */
static void emit_step(const struct step_fmt *f, const struct dec v[5], bool alt, json_t *arr,
		      char *line, size_t size)
{
	char nums[5][48];
	const char *args[5];

	for (int i = 0; i < 5; i++) {
		num(v[i], f->fmts[i], false, nums[i], sizeof nums[i]);
		args[i] = nums[i];
	}
	i18n_subst(line, size, _(alt && f->alt_text ? f->alt_text : f->text), args);
	if (!arr)
		return;
	json_t *o = json_object();
	json_object_set_new(o, "kind", json_string(f->kind));
	for (int i = 0; i < 5; i++)
		if (f->names[i] && f->fmts[i] != F_NONE) {
			num(v[i], f->fmts[i], true, nums[i], sizeof nums[i]);
			if (nums[i][0])
				json_object_set_new(o, f->names[i], json_string(nums[i]));
		}
	json_object_set_new(o, "text", json_string(line));
	json_array_append_new(arr, o);
}

/* One step of a TAX_RECORD (doc/api.md STEP: kind, a b c d result as exact
 * decimal strings, capped) in the calculator's words. */
bool calctext_levy_step_line(const json_t *step, char *line, size_t size)
{
	static const char *const members[5] = { "a", "b", "c", "d", "result" };
	const char *kind = json_string_value(json_object_get(step, "kind"));
	const struct step_fmt *f = NULL;
	for (int k = 0; kind && k < LEVY_STEP__COUNT && !f; k++)   /* the service's names */
		if (strcmp(levy_step_name((enum levy_step_kind)k), kind) == 0)
			f = &levy_fmt[k];
	if (!f)
		return false;
	struct dec v[5];
	for (int i = 0; i < 5; i++) {
		struct core_error err = { 0 };
		const char *t = json_string_value(json_object_get(step, members[i]));
		v[i] = dec_int(0);
		if (t && !dec_parse(t, members[i], &v[i], &err))
			return false;
	}
	emit_step(f, v, json_is_true(json_object_get(step, "capped")), NULL, line, size);
	return true;
}

/* ------------------------------------------------------------------ input */

/* Says what is wrong (translated, {1} the command, {2} the option, {3} the
 * detail) in out->msg and returns CALC_USAGE. */
static int refuse(struct calc_out *out, const char *cmd, const char *opt, const char *tmpl,
		  const char *detail)
{
	const char *args[5] = {cmd, opt, detail, NULL, NULL};

	i18n_subst(out->msg, sizeof out->msg, tmpl, args);
	/* an option, not a file name (the policy file's complaints) */
	if (opt && opt[0] == '-' && strlen(opt) < sizeof out->option)
		memcpy(out->option, opt, strlen(opt) + 1);
	return CALC_USAGE;
}

static int bad_value(struct calc_out *out, const char *cmd, const char *opt, const struct core_error *err)
{
	refuse(out, cmd, opt, _("option {2}: {3}"), err->msg);
	out->code = err->code;
	return CALC_USAGE;
}

/* A core error about input field "avg_wage" is about option --avg-wage. */
static int bad_field(struct calc_out *out, const char *cmd, const struct core_error *err)
{
	char opt[72];
	size_t n = 2;

	memcpy(opt, "--", 2);
	for (const char *f = err->field[0] ? err->field : "value"; *f && n + 1 < sizeof opt; f++)
		opt[n++] = *f == '_' ? '-' : *f;
	opt[n] = '\0';
	return bad_value(out, cmd, opt, err);
}

static int need(struct calc_out *out, const char *cmd, const char *opt, const char *val)
{
	return val ? 0 : refuse(out, cmd, opt, _("missing option {2}"), NULL);
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* Loads --policy FILE, else <datadir>/policy/<region>.json. */
static int load_policy(struct calc_out *out, const char *cmd, const struct calc_args *o,
		       struct policy *p)
{
	char path[1024];
	const char *region = o->region ? o->region : "150000";
	const char *base;
	struct core_error err = {0};
	char *text;

	if (strlen(region) != 6 || strspn(region, "0123456789") != 6)
		return refuse(out, cmd, "--region", _("option {2}: expected a 6-digit region code"), NULL);
	if (o->policy)
		snprintf(path, sizeof path, "%s", o->policy);
	else
		snprintf(path, sizeof path, "%s/policy/%s.json", datadir(), region);
	text = file_read_all(path, POLICY_FILE_MAX, NULL);
	if (!text)
		return refuse(out, cmd, path, _("cannot read the policy file {2}"), NULL);
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (!policy_load(text, base, p, &err)) {
		free(text);
		return refuse(out, cmd, path, _("the policy file {2} is malformed: {3}"), err.msg);
	}
	free(text);
	return 0;
}

static int last_full_year(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return tm.tm_year + 1900 - 1;
}

static void policy_line(FILE *f, const struct policy *p, int year, json_t *root)
{
	char line[256], y[8];
	const char *args[5] = {p->origin, p->name, p->version, y, NULL};

	snprintf(y, sizeof y, "%d", year);
	if (root) {
		json_object_set_new(root, "policy", json_pack("{s:s, s:s, s:s}", "file", p->origin,
							      "region", p->region, "version", p->version));
		json_object_set_new(root, "year", json_integer(year));
		return;
	}
	i18n_subst(line, sizeof line, _("Policy {1} ({2}, version {3}); data year {4}"), args);
	fprintf(f, "%s\n", line);
}

/* ------------------------------------------------------------------ levy */

static void levy_whatif_lines(FILE *f, const struct levy_result *r, json_t *root)
{
	const struct levy_whatif *w = &r->whatif;
	char m[24], pct[24], due[24], line[512], persons[24];
	const char *args[5] = {m, pct, due, persons, NULL};
	json_t *o = root ? json_object() : NULL;

	if (w->has_next_tier) {
		snprintf(m, sizeof m, "%ld", w->months_to_next_tier);
		num(w->next_tier_factor, F_RATIO, false, pct, sizeof pct);
		money_format_fen(w->next_tier_due_fen, due, sizeof due);
		num(dec_frac(w->months_to_next_tier, 12), F_AMOUNT, false, persons, sizeof persons);
		i18n_subst(line, sizeof line, w->months_to_next_tier <= 12
		      ? _("What if: one more person for {1} months brings you to the {2} tier: due {3} yuan")
		      : _("What if: {1} more counted months (about {4} persons for a year) bring you to the {2} tier: due {3} yuan"),
		      args);
		if (o) {
			json_object_set_new(o, "months_to_next_tier", json_integer(w->months_to_next_tier));
			num(w->next_tier_factor, F_RATIO, true, pct, sizeof pct);
			json_object_set_new(o, "next_tier_factor", json_string(pct));
			json_object_set_new(o, "next_tier_due", json_string(due));
			json_object_set_new(o, "next_tier_text", json_string(line));
		} else {
			fprintf(f, "%s\n", line);
		}
	}
	if (w->has_quota) {
		snprintf(m, sizeof m, "%ld", w->months_to_quota);
		num(dec_frac(w->months_to_quota, 12), F_AMOUNT, false, persons, sizeof persons);
		i18n_subst(line, sizeof line, w->months_to_quota <= 12
		      ? _("What if: one more person for {1} months meets the quota: nothing due")
		      : _("What if: {1} more counted months (about {4} persons for a year) meet the quota: nothing due"),
		      args);
		if (o) {
			json_object_set_new(o, "months_to_quota", json_integer(w->months_to_quota));
			json_object_set_new(o, "quota_text", json_string(line));
		} else {
			fprintf(f, "%s\n", line);
		}
	}
	if (o)
		json_object_set_new(root, "whatif", o);
}

/* ------------------------------------------------------------------ levy */

int calctext_levy(const struct calc_args *o, bool json, struct calc_out *out)
{
	static const char cmd[] = "calc levy";
	struct policy p;
	struct levy_input in = {0};
	struct levy_result r;
	struct core_error err = {0};
	int st;

	memset(out, 0, sizeof *out);
	if ((st = need(out, cmd, "--staff", o->staff)) || (st = need(out, cmd, "--placed", o->placed)) ||
	    (st = need(out, cmd, "--avg-wage", o->avg_wage || o->total_wages ? "" : NULL)))
		return st;
	if (!dec_parse(o->staff, "staff", &in.staff, &err))
		return bad_value(out, cmd, "--staff", &err);
	if (!dec_parse(o->placed, "placed", &in.placed, &err))
		return bad_value(out, cmd, "--placed", &err);
	/* persons placed among the staff: more than the staff is a typing error */
	if (dec_cmp(in.placed, in.staff) > 0) {
		core_error_set(&err, CORE_ERR_MISMATCH, "placed",
			       "placed persons (%s) are more than the staff (%s)", o->placed, o->staff);
		return bad_value(out, cmd, "--placed", &err);
	}
	if (o->avg_wage && !money_parse_fen(o->avg_wage, "avg_wage", &in.avg_wage_fen, &err))
		return bad_value(out, cmd, "--avg-wage", &err);
	if (o->total_wages) {
		in.has_total_wages = true;
		if (!money_parse_fen(o->total_wages, "total_wages", &in.total_wages_fen, &err))
			return bad_value(out, cmd, "--total-wages", &err);
	}
	if (o->social_avg_wage) {
		in.has_social_avg = true;
		if (!money_parse_fen(o->social_avg_wage, "social_avg_wage", &in.social_avg_wage_fen, &err))
			return bad_value(out, cmd, "--social-avg-wage", &err);
	}
	in.year = last_full_year();
	if (o->year && !parse_int(o->year, 1990, 9998, &in.year))
		return refuse(out, cmd, "--year", _("option {2}: expected a year like 2024"), NULL);
	if (o->date && !date_parse(o->date, "date", &in.date, &err))
		return bad_value(out, cmd, "--date", &err);
	in.kind = UNIT_ENTERPRISE;
	if (o->unit_kind && !policy_unit_kind_parse(o->unit_kind, &in.kind))
		return refuse(out, cmd, "--unit-kind",
			      _("option {2}: expected enterprise, institution, government or organisation"),
			      NULL);
	if ((st = load_policy(out, cmd, o, &p)))
		return st;
	if (!levy_compute(&p, &in, &r, &err))
		return bad_field(out, cmd, &err);

	FILE *f = json ? NULL : text_stream(out);
	json_t *root = json ? json_object() : NULL, *steps = json ? json_array() : NULL;
	char line[512], due[24];

	money_format_fen(r.due_fen, due, sizeof due);
	if (root)
		json_object_set_new(root, "due", json_string(due));
	else
		fprintf(f, "%s\n", _("Employment security levy"));
	policy_line(f, &p, in.year, root);
	for (size_t i = 0; i < r.n_steps; i++) {
		const struct levy_step *s = &r.steps[i];
		struct dec v[5] = {s->a, s->b, s->c, s->d, s->result};

		emit_step(&levy_fmt[s->kind], v, s->capped, steps, line, sizeof line);
		if (!root)
			fprintf(f, "  %s\n", line);
	}
	if (root)
		json_object_set_new(root, "steps", steps);
	if (r.social_wage_example) {
		const char *note = _("Note: the policy's social average wage for this year is an example value, not the official figure; give the official one (--social-avg-wage, or the calculator's field)");

		if (root)
			json_object_set_new(root, "note", json_string(note));
		else
			fprintf(f, "%s\n", note);
	}
	levy_whatif_lines(f, &r, root);
	if (f)
		fclose(f);
	out->json = root;
	return CALC_OK;
}

/* ------------------------------------------------------------------ reward */

int calctext_reward(const struct calc_args *o, bool json, struct calc_out *out)
{
	static const char cmd[] = "calc reward";
	struct policy p;
	struct reward_input in = {0};
	struct reward_result r;
	struct core_error err = {0};
	int st;

	memset(out, 0, sizeof *out);
	if ((st = need(out, cmd, "--staff", o->staff)) || (st = need(out, cmd, "--placed", o->placed)))
		return st;
	if (!dec_parse(o->staff, "staff", &in.staff, &err))
		return bad_value(out, cmd, "--staff", &err);
	if (!dec_parse(o->placed, "placed", &in.placed, &err))
		return bad_value(out, cmd, "--placed", &err);
	if (o->min_wage) {
		in.has_min_wage = true;
		if (!money_parse_fen(o->min_wage, "min_wage", &in.min_wage_fen, &err))
			return bad_value(out, cmd, "--min-wage", &err);
	}
	in.year = last_full_year();
	if (o->year && !parse_int(o->year, 1990, 9998, &in.year))
		return refuse(out, cmd, "--year", _("option {2}: expected a year like 2024"), NULL);
	if (o->area_class && !parse_int(o->area_class, 1, POLICY_AREA_CLASSES, &in.area_class))
		return refuse(out, cmd, "--area-class", _("option {2}: expected 1, 2 or 3"), NULL);
	if ((st = load_policy(out, cmd, o, &p)))
		return st;
	if (!reward_compute(&p, &in, &r, &err))
		return bad_field(out, cmd, &err);

	FILE *f = json ? NULL : text_stream(out);
	json_t *root = json ? json_object() : NULL, *steps = json ? json_array() : NULL;
	char line[512], amount[24];

	money_format_fen(r.reward_fen, amount, sizeof amount);
	if (root) {
		json_object_set_new(root, "reward", json_string(amount));
		json_object_set_new(root, "eligible", json_boolean(r.eligible));
		json_object_set_new(root, "why", json_string(reward_why_name(r.why)));
		num(r.excess, F_COUNT, true, line, sizeof line);
		json_object_set_new(root, "excess", json_string(line));
		num(r.persons, F_PLAIN, true, line, sizeof line);
		json_object_set_new(root, "persons", json_string(line));
	} else {
		fprintf(f, "%s\n", _("Over-quota reward"));
	}
	policy_line(f, &p, in.year, root);
	for (size_t i = 0; i < r.n_steps; i++) {
		const struct reward_step *s = &r.steps[i];
		struct dec v[5] = {s->a, s->b, s->c, s->d, s->result};
		bool alt = (s->kind == REWARD_STEP_MIN_WAGE && dec_sign(s->b) == 0) ||
			   (s->kind == REWARD_STEP_NOT_ELIGIBLE && r.why == REWARD_EXCESS_TOO_SMALL);

		emit_step(&reward_fmt[s->kind], v, alt, steps, line, sizeof line);
		if (!root)
			fprintf(f, "  %s\n", line);
	}
	if (root) {
		json_object_set_new(root, "steps", steps);
	} else {
		i18n_subst(line, sizeof line, _("Reward: {1} yuan"), (const char *const[5]){amount});
		fprintf(f, "%s\n", line);
		fclose(f);
	}
	out->json = root;
	return CALC_OK;
}

void calctext_free(struct calc_out *out)
{
	free(out->text);
	json_decref(out->json);
	out->text = NULL;
	out->json = NULL;
}
