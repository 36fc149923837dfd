/* cli: `anzhi calc levy|reward …` — the calculator face of the client
 * (check-id lives in cli_checkid.c).  This file parses the options and
 * prints; calctext.c computes and renders the steps (the calculator screen
 * uses it too). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/i18n.h"
#include "client/calctext.h"
#include "client/cli.h"
#include "client/cli_shared.h"
#include "ui/text.h"

/* ------------------------------------------------------------------ options */

struct opts {
	struct calc_args in;
	bool json;
};

struct opt_def {
	const char *name;
	size_t offset;      /* of the const char * in struct opts */
	unsigned cmds;      /* bit 0 levy, bit 1 reward */
};

#define OPT(n, f, c) {n, offsetof(struct opts, in.f), c}
static const struct opt_def opt_defs[] = {
	OPT("--staff", staff, 3), OPT("--placed", placed, 3), OPT("--avg-wage", avg_wage, 1),
	OPT("--total-wages", total_wages, 1), OPT("--social-avg-wage", social_avg_wage, 1),
	OPT("--min-wage", min_wage, 2), OPT("--year", year, 3), OPT("--region", region, 3),
	OPT("--unit-kind", unit_kind, 1), OPT("--area-class", area_class, 2),
	OPT("--policy", policy, 3), OPT("--date", date, 1),
};

int cli_usage_error(const char *cmd, const char *opt, const char *tmpl, const char *detail)
{
	char line[512];
	const char *args[5] = {cmd, opt, detail, NULL, NULL};

	i18n_subst(line, sizeof line, tmpl, args);
	fprintf(stderr, "anzhi %s: %s\n", cmd, line);
	return CLI_USAGE;
}

static const char levy_usage[] = N_(
	"usage: anzhi calc levy --staff N --placed P --avg-wage W [--total-wages T]\n"
	"         [--social-avg-wage S] [--year Y] [--date YYYY-MM-DD] [--region CODE]\n"
	"         [--unit-kind enterprise|institution|government|organisation]\n"
	"         [--policy FILE] [--json]\n"
	"  Amounts in yuan (annual wages); P = placed persons (counted months / 12).\n");
static const char reward_usage[] = N_(
	"usage: anzhi calc reward --staff N --placed P [--min-wage M] [--year Y]\n"
	"         [--region CODE] [--area-class 1|2|3] [--policy FILE] [--json]\n"
	"  M = monthly minimum wage in yuan; else the policy's for the area class.\n");

/* 0 when parsed; -1 when help was printed (exit 0); else the exit status. */
static int parse_opts(const char *cmd, unsigned bit, int argc, char **argv, struct opts *o)
{
	memset(o, 0, sizeof *o);
	for (int i = 3; i < argc; i++) {
		const char *a = argv[i], *eq = strchr(a, '=');
		size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
		const struct opt_def *d = NULL;

		if (strcmp(a, "--json") == 0) {
			o->json = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(bit == 1 ? _(levy_usage) : _(reward_usage), stdout);
			return -1;
		}
		if (a[0] == '-' && a[1] == '-') {
			for (size_t k = 0; k < sizeof opt_defs / sizeof *opt_defs; k++)
				if ((opt_defs[k].cmds & bit) && strlen(opt_defs[k].name) == nlen &&
				    strncmp(opt_defs[k].name, a, nlen) == 0)
					d = &opt_defs[k];
		}
		if (!d)
			return cli_usage_error(cmd, a, _("unknown option {2}"), NULL);
		const char *val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!val || !*val)
			return cli_usage_error(cmd, d->name, _("option {2} needs a value"), NULL);
		*(const char **)((char *)o + d->offset) = val;
	}
	return 0;
}

void cli_print_json(json_t *root)
{
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (s) {
		fputs(s, stdout);
		fputc('\n', stdout);
		free(s);
	}
	json_decref(root);
}

/* Parses the options of `anzhi calc <cmd>`, runs it, prints the steps. */
static int calc(const char *cmd, unsigned bit, int argc, char **argv,
		int (*run)(const struct calc_args *, bool, struct calc_out *))
{
	struct opts o;
	struct calc_out out;
	int st = parse_opts(cmd, bit, argc, argv, &o);

	if (st)
		return st < 0 ? CLI_OK : st;
	st = run(&o.in, o.json, &out);
	if (st != CALC_OK)
		fprintf(stderr, "anzhi %s: %s\n", cmd, out.msg);
	else if (out.json) {
		cli_print_json(out.json);
		out.json = NULL;
	}
	else
		fputs(out.text, stdout);
	fflush(stdout);
	calctext_free(&out);
	return st == CALC_OK ? CLI_OK : CLI_USAGE;
}

/* ------------------------------------------------------------------ dispatch */

/* The verbs that work in the session of `anzhi login` (cli_login.c,
 * cli_review.c). */
static bool cli_session_verb(int argc, char **argv, int *status)
{
	static const struct {
		const char *word;
		int (*run)(int argc, char **argv);
	} verbs[] = {
		{ "login", cli_login },
		{ "logout", cli_logout },
		{ "review", cli_review },
	};
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(argv[1], verbs[i].word) == 0) {
			text_init(i18n_utf8());   /* server strings are cleaned for this locale */
			*status = verbs[i].run(argc, argv);
			return true;
		}
	return false;
}

bool cli_dispatch(int argc, char **argv, int *status)
{
	if (argc < 2)
		return false;
	if (strcmp(argv[1], "check-id") == 0) {
		*status = cli_check_id(argc, argv);
		return true;
	}
	if (strcmp(argv[1], "verify") == 0) {
		*status = cli_verify(argc, argv);
		return true;
	}
	if (strcmp(argv[1], "tax") == 0) {
		*status = cli_tax(argc, argv);
		return true;
	}
	if (cli_session_verb(argc, argv, status))
		return true;
	if (strcmp(argv[1], "calc") != 0)
		return false;
	if (argc > 2 && strcmp(argv[2], "levy") == 0)
		*status = calc("calc levy", 1, argc, argv, calctext_levy);
	else if (argc > 2 && strcmp(argv[2], "reward") == 0)
		*status = calc("calc reward", 2, argc, argv, calctext_reward);
	else
		*status = cli_usage_error("calc", argc > 2 ? argv[2] : "",
				      _("usage: anzhi calc levy|reward [options] (see anzhi(1))"), NULL);
	return true;
}
