/* reasons: the month checks of SPEC §4 in words — each check's label, each
 * CHECK.reason code's explanation, and whether the seed's hint about a wrong
 * credit code (USCC) at the insurance or tax office belongs beside it. */
#ifndef ANZHI_REASONS_H
#define ANZHI_REASONS_H

#include <stdbool.h>
#include <stddef.h>

#define CHECK_COUNT 7
/* The checks in grid order: wage social medical certificate age contract exclusive. */
const char *check_key(int i);
const char *check_label(int i);          /* translated: 工资 … */
const char *check_long_label(int i);     /* translated: 工资信息 … */
/* Translated explanation of a CHECK.reason code; the code itself when unknown. */
const char *reason_text(const char *code);
/* True for wage / social / medical: the failure may come from a wrong USCC. */
bool check_uscc_hint(int i);
/* False for a reason no wrong USCC can cause (min_wage_unknown); true otherwise. */
bool reason_uscc_hint(const char *code);
/* "工资信息: 本单位当月无工资发放记录 (wages 2025-12-31)" into buf. */
size_t reason_line(int check, const char *code, const char *source, char *buf, size_t bufsz);

#endif
