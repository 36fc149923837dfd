/* fuzz_wire: src/wire/wire.c — the validation every request body of the
 * service goes through (NEW_PLACEMENT, UNIT, the months list) — on arbitrary
 * JSON.  Besides "no crash, no UB, no leak": a refusal names a code and a
 * field, and what passes is a normal form (validating it again gives the same
 * JSON), so the service stores one shape whatever the client sent. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "wire/wire.h"
#include "tests/fuzz/fuzz.h"

static void refused(const struct wire_error *err)
{
	REQUIRE(memchr(err->code, '\0', sizeof err->code) && err->code[0]);
	REQUIRE(memchr(err->field, '\0', sizeof err->field));
	REQUIRE(memchr(err->detail, '\0', sizeof err->detail));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct wire_error err;
	json_t *in, *out = NULL, *again = NULL;
	bool ok;

	if (n < 1 || n > 65536)
		return 0;
	/* first byte: which body; the rest: the JSON text */
	in = json_loadb((const char *)data + 1, n - 1, JSON_DECODE_ANY, NULL);
	if (!in)
		return 0;
	memset(&err, 0, sizeof err);
	switch (data[0] % 3) {
	case 0:
		ok = wire_placement_validate(in, &out, &err);
		if (ok)
			REQUIRE(wire_placement_validate(out, &again, &err));
		break;
	case 1:
		ok = wire_unit_validate(in, "91150924MA0HXD012T", &out, &err);
		if (ok)
			REQUIRE(wire_unit_validate(out, "91150924MA0HXD012T", &again, &err));
		break;
	default:
		ok = wire_months_validate(in, 2025, &out, &err);
		if (ok) {
			/* the answer is the array; the body shape wraps it */
			json_t *body = json_pack("{s:O}", "months", out);

			REQUIRE(body && wire_months_validate(body, 2025, &again, &err));
			json_decref(body);
		}
		break;
	}
	if (ok)
		REQUIRE(out && again && json_equal(out, again));
	else
		refused(&err);
	json_decref(again);
	json_decref(out);
	json_decref(in);
	return 0;
}
