/* money: exact arithmetic for amounts and counts — never binary floating point.
 *
 *  - Amounts are integer fen (int64_t; 100 fen = 1 yuan).
 *  - Counts, ratios and intermediate results are `struct dec`: an exact rational
 *    num/den (den > 0, reduced).  Placed persons = counted months / 12 stays exact;
 *    rounding happens only where a policy says so (dec_round, with a mode and a
 *    number of decimals).
 *  Every operation checks overflow and returns false instead of wrapping. */
#ifndef ANZHI_CORE_MONEY_H
#define ANZHI_CORE_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/error.h"

struct dec {
	int64_t num;
	int64_t den;        /* > 0; always reduced by the dec_* functions */
};

enum round_mode {
	ROUND_HALF_UP,      /* 0.125 -> 0.13, -0.125 -> -0.13 (away from zero at .5) */
	ROUND_HALF_EVEN,    /* 0.125 -> 0.12, 0.135 -> 0.14 */
	ROUND_DOWN,         /* toward zero: 1.559 -> 1.55 */
	ROUND_UP,           /* away from zero: 0.451 -> 1 (0 places) */
	ROUND__COUNT
};

/* "half_up" "half_even" "down" "up" <-> enum. parse returns false if unknown. */
const char *round_mode_name(enum round_mode m);
bool round_mode_parse(const char *s, enum round_mode *out);

struct dec dec_int(int64_t n);
/* num/den reduced; den must not be 0 (returns 0/1 then). */
struct dec dec_frac(int64_t num, int64_t den);
/* fen -> yuan (fen/100). */
struct dec dec_from_fen(int64_t fen);

bool dec_add(struct dec a, struct dec b, struct dec *out);
bool dec_sub(struct dec a, struct dec b, struct dec *out);
bool dec_mul(struct dec a, struct dec b, struct dec *out);
/* false on overflow or b == 0. */
bool dec_div(struct dec a, struct dec b, struct dec *out);

int  dec_cmp(struct dec a, struct dec b);   /* <0, 0, >0 (exact) */
int  dec_sign(struct dec a);
bool dec_is_int(struct dec a);

/* Rounds to `places` decimals (0..9) with mode; result has den = 10^places
 * (before reduction). */
bool dec_round(struct dec a, int places, enum round_mode mode, struct dec *out);
/* Rounds to an integer with mode (places 0) and returns it. */
bool dec_to_int(struct dec a, enum round_mode mode, int64_t *out);
/* A yuan amount rounded to the fen with mode. */
bool dec_to_fen(struct dec yuan, enum round_mode mode, int64_t *fen);

/* Parses "1980", "1980.5", "-3", "0.015", "3000.00" (at most 9 decimals;
 * no exponent, no spaces, no thousands separators).  field names the input. */
bool dec_parse(const char *s, const char *field, struct dec *out, struct core_error *err);
/* Formats rounded to `places` decimals with mode: (9900,2) -> "9900.00".
 * Returns false when buf is too small (64 bytes is always enough). */
bool dec_format(struct dec a, int places, enum round_mode mode, char *buf, size_t size);

/* "3000.00" / "3000" / "3000.5" yuan -> fen exactly; more than 2 decimals is
 * refused (CORE_ERR_FORMAT), never silently rounded. */
bool money_parse_fen(const char *s, const char *field, int64_t *fen, struct core_error *err);
/* 990000 -> "9900.00", -105 -> "-1.05".  buf needs 24 bytes. */
void money_format_fen(int64_t fen, char *buf, size_t size);

#endif
