/* count: counting months (SPEC §6) — registered, confirmed, counted (confirmed ×
 * certificate weight) — and placed persons = Σ counted ÷ 12, exact. */
#ifndef ANZHI_CORE_COUNT_H
#define ANZHI_CORE_COUNT_H

#include <stdbool.h>
#include <stddef.h>
#include "core/money.h"
#include "core/policy.h"

/* Weight of a certificate under the policy (2 for 一级/二级, 残疾军人证 1–3级;
 * Inner Mongolia also 智力/精神 at any level; else 1).  Same as
 * policy_cert_weight. */
int count_weight(const struct policy *p, enum cert_type type, int level, int category);

struct count_month {
	bool registered;
	bool confirmed;     /* system ✓ or reviewer 有效 (only counts when registered) */
	int weight;         /* of the month's best certificate (1 when unknown) */
};

struct count_totals {
	int registered;     /* 安置登记(月) */
	int confirmed;      /* 安置确认(月) */
	int counted;        /* 安置核定(月) */
};

void count_placement(const struct count_month *months, size_t n, struct count_totals *out);
/* Adds b into a (a unit's totals over its placements). */
void count_add(struct count_totals *a, const struct count_totals *b);
/* counted months / 12, exact. */
struct dec count_placed_persons(long counted_months);
/* The same rounded per the policy's count rounding and formatted ("2.00"). */
bool count_format_persons(const struct policy *p, struct dec placed, char *buf, size_t size);

#endif
