/* application — what the reward and graduate handlers (and the demo) share:
 * an application's numbers computed from the unit's year (the persons by
 * application_calc, the totals and the reward by the core), made into a
 * stored application, and the API's APPLICATION. */
#ifndef ANZHI_SERVER_APPLICATION_H
#define ANZHI_SERVER_APPLICATION_H

#include <jansson.h>
#include <stdbool.h>

#include "core/reward.h"
#include "server/application_calc.h"
#include "server/srv.h"
#include "server/store.h"

/* What one kind of application is called where people read it. */
struct application_kind_info {
	enum application_kind kind;
	const char *title;           /* 超比例奖励申请 / 安置残疾大学生申请 (notices) */
	const char *entity;          /* audit entity: "reward" | "graduate_application" */
};
const struct application_kind_info *application_kind_info(enum application_kind kind);

/* The numbers of an application for a unit's year, as they are now. */
struct application_calc {
	enum application_kind kind;
	struct dec staff;
	struct app_person *persons;  /* every person considered (owned) */
	int n_persons;
	int64_t months_counted;      /* Σ over the persons counted */
	int counted_persons;         /* persons counted (graduates who qualify) */
	struct dec placed;           /* reward: months ÷ 12 as the policy rounds counts;
				      * graduate: the graduates who qualify */
	struct reward_result reward; /* kind reward */
	bool eligible;
	char why[24];                /* reward_why_name, or "no_graduates"; "ok" */
	int64_t amount_fen;
};

/* Counts the unit's year for kind (staff: 上年度在职职工总数, > 0). 0; -1
 * with err when the store fails; -2 with err when the policy cannot price
 * it (no minimum wage known for the unit's area and year). */
int application_calc_run(struct srv_ctx *ctx, struct store *st, const struct unit_ref *u,
			 enum application_kind kind, int year, struct dec staff,
			 struct application_calc *out, char *err, size_t errlen);
void application_calc_free(struct application_calc *c);

/* The unit's exclusion from the reward (SPEC §7.2) from its UNIT; the unit
 * field that decides it in *field. */
enum reward_exclusion application_unit_exclusion(const struct policy *pol, const json_t *unit,
						 const char **field);

/* Fills a new row (status by channel: online → applied, window → first_passed)
 * from the calc, inserts it with its persons. STORE_CONFLICT when the unit
 * already applied for that kind and year. */
int application_store(struct store *st, const struct policy *pol, const struct unit_ref *u,
		      int year, const struct application_calc *c, const json_t *bank,
		      enum application_channel channel, const struct srv_user *by,
		      struct application_row *row);

/* The API's APPLICATION: the row, its persons (PERSON[]) and attachments. */
json_t *application_json(const struct application_row *a, json_t *persons, json_t *attachments);
/* The preview (GET /units/{uscc}/years/{year}/rewards): the calc's numbers
 * and persons as APPLICATION has them, plus eligible / why. */
json_t *application_preview_json(const struct unit_ref *u, int year,
				 const struct application_calc *c);

/* Loads the application whose id is id_text, of kind, if the caller may see
 * its unit (404 in rp otherwise, as for every record out of reach). */
int application_access(struct srv_req *rq, struct srv_reply *rp, const char *id_text,
		       enum application_kind kind, struct application_row *a);
/* Replies status with the APPLICATION (persons, attachments) and its ETag. */
void application_reply(struct srv_req *rq, struct srv_reply *rp, int status,
		       const struct application_row *a);
/* The APPLICATION as stored (for the audit), or NULL. */
json_t *application_load_json(struct store *st, const struct application_row *a);

/* A notice to the unit about its application (the kind's title + what). */
int application_notify(struct store *st, const struct application_row *a, const char *what,
		       const char *body);

/* Defines h_reward_NAME and h_graduate_NAME, each calling fn(rq, rp, kind):
 * every application endpoint exists once per kind. */
#define APPLICATION_HANDLERS(name, fn)                                            \
	void h_reward_##name(struct srv_req *rq, struct srv_reply *rp)            \
	{                                                                         \
		fn(rq, rp, APPLICATION_REWARD);                                   \
	}                                                                         \
	void h_graduate_##name(struct srv_req *rq, struct srv_reply *rp)          \
	{                                                                         \
		fn(rq, rp, APPLICATION_GRADUATE);                                 \
	}

#endif
