/* calctext: the calculator (残保金 levy, 超比例奖励 reward) with every step
 * explained — the core computes, this renders the steps as translated text or
 * as one JSON object.  `anzhi calc` and the calculator screen both call it,
 * in the same process. */
#ifndef ANZHI_CLIENT_CALCTEXT_H
#define ANZHI_CLIENT_CALCTEXT_H

#include <jansson.h>
#include <stdbool.h>

/* The inputs as typed (the CLI's option values; NULL = not given).  Amounts
 * in yuan; placed = counted months / 12. */
struct calc_args {
	const char *staff, *placed, *avg_wage, *total_wages, *social_avg_wage, *min_wage;
	const char *year, *region, *unit_kind, *area_class, *policy, *date;
};

struct calc_out {
	char *text;        /* the lines (text form), malloc'd */
	json_t *json;      /* the object (JSON form) */
	char msg[512];     /* CALC_USAGE: what is wrong, translated ("option --staff: …"),
			    * with the core's English detail */
	char option[32];   /* CALC_USAGE: the option at fault ("--avg-wage") or "" */
	int code;          /* CALC_USAGE: its core error code (core/error.h), 0 = none */
};

enum { CALC_OK = 0, CALC_USAGE = 2 };

/* CALC_OK with out->text (or out->json when `json`), else CALC_USAGE with
 * out->msg; calctext_free either way. */
int  calctext_levy(const struct calc_args *in, bool json, struct calc_out *out);
int  calctext_reward(const struct calc_args *in, bool json, struct calc_out *out);
void calctext_free(struct calc_out *out);
/* One levy step as the service sent it (a TAX_RECORD's STEP) in the same
 * words as the calculator's; false for a kind or number it cannot read. */
bool calctext_levy_step_line(const json_t *step, char *line, size_t size);

#endif
