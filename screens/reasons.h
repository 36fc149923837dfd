/* reasons: the month checks of SPEC §4 in words — each check kind's label,
 * each CHECK.reason's explanation, and whether the seed's hint about a wrong
 * credit code (USCC) at the insurance or tax office belongs beside it.  The
 * kinds and reasons are the API's (wire/enums.h); only the words are here. */
#ifndef ANZHI_REASONS_H
#define ANZHI_REASONS_H

#include <stdbool.h>
#include <stddef.h>

#include "wire/enums.h"

/* The checks in grid order (enum check_kind): wage social medical certificate
 * age contract exclusive. */
const char *check_label(enum check_kind k);          /* translated: 工资 … */
const char *check_long_label(enum check_kind k);     /* translated: 工资信息 … */
/* Translated explanation of a CHECK.reason word; the word itself when unknown. */
const char *reason_text(const char *word);
/* True for wage / social / medical: the failure may come from a wrong USCC. */
bool check_uscc_hint(enum check_kind k);
/* False for a reason no wrong USCC can cause (min_wage_unknown); true otherwise. */
bool reason_uscc_hint(const char *word);
/* "工资信息: 本单位当月无工资发放记录 (wages 2025-12-31)" into buf. */
size_t reason_line(enum check_kind k, const char *word, const char *source, char *buf, size_t bufsz);

#endif
