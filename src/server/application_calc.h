/* application_calc — who counts for an over-quota reward or a graduate
 * application, person by person and month by month, from the placements of
 * the unit's year as the store holds them. Pure: the caller gathers the
 * placements and the facts from other units; nothing here reads the store.
 *
 * Reward (SPEC §7.2, 《内蒙古自治区超比例安排残疾人就业奖励办法(试行)》): a
 * person counts with Inner Mongolia household registration (the policy's
 * province, reward.local_hukou); a month counts when it is confirmed (system
 * or reviewer), the person was of employment age (its age check passed) and
 * held a 残疾人证 or 残疾军人证 1–8级 valid that month (its certificate check
 * passed). A dispatched person (劳务派遣) counts for one side only: the
 * receiving unit that registered them with the dispatch agreement (SPEC §3:
 * the agreement says the person counts for it; the 办法: 计入其中一方…应与
 * 按比例安排残疾人就业申报单位一致). So a month this unit holds under its own
 * dispatch contract counts here; a month another unit confirmed under a
 * dispatch contract counts there, not here (dispatch_other_side); any other
 * month confirmed at two units counts at neither (confirmed_elsewhere: the
 * federation resolves the double registration). Counted months carry the
 * certificate's weight (SPEC §6).
 *
 * Graduate (SPEC §5.5, an example policy): persons marked 高校毕业生 with an
 * education the policy lists, a 学位学历 material on file and at least
 * graduate.min_months months that are confirmed with the age and certificate
 * checks passed. */
#ifndef ANZHI_SERVER_APPLICATION_CALC_H
#define ANZHI_SERVER_APPLICATION_CALC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/policy.h"
#include "server/records.h"
#include "wire/enums.h"

/* A month of the person's year that another unit has confirmed. */
struct app_elsewhere {
	int ym;                          /* YYYYMM */
	bool dispatch;                   /* that unit registered them under a dispatch contract */
};

struct app_person_in {
	const struct placement *p;
	const struct app_elsewhere *elsewhere;
	size_t n_elsewhere;
	bool has_degree;                 /* a 学位学历 (degree) material is on file */
};

struct app_month {
	int ym;                          /* a registered month */
	bool counted;
	int weight;                      /* of a counted month (SPEC §6); 1 for graduates */
	enum left_out_reason reason;     /* LEFT_OUT_NONE when counted */
};

struct app_person {
	int64_t placement_id;
	char name_masked[96];
	char idno_masked[32];
	bool counted;                    /* reward: counted months > 0; graduate: qualifies */
	enum left_out_reason reason;     /* why not, else LEFT_OUT_NONE */
	int months_counted;              /* reward: Σ weights; graduate: qualifying months */
	struct app_month months[12];
	int n_months;
};

/* The reward's view of one person. */
void application_reward_person(const struct policy *pol, const struct app_person_in *in,
			       struct app_person *out);
/* The graduate application's view of one person; false when the person is
 * not marked 高校毕业生 (not listed at all). */
bool application_graduate_person(const struct policy *pol, const struct app_person_in *in,
				 struct app_person *out);

/* A count as a decimal string: exact, trailing zeros dropped down to
 * min_places decimals ("120", "8.00", "3.725"). false when buf is too small. */
bool application_format_count(struct dec v, int min_places, char *buf, size_t size);

#endif
