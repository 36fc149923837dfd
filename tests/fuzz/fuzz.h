/* fuzz.h: what the libFuzzer targets share — REQUIRE(cond) for the promises a
 * target checks beyond "no crash": a broken one prints the condition and its
 * file:line (tests/fuzz/run shows it) and aborts, which libFuzzer records
 * as a crash with its input. */
#ifndef ANZHI_FUZZ_H
#define ANZHI_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

#define REQUIRE(c) do { if (!(c)) fuzz_fail(#c, __FILE__, __LINE__); } while (0)

__attribute__((noreturn)) static inline void fuzz_fail(const char *cond, const char *file, int line)
{
	fprintf(stderr, "REQUIRE failed: %s at %s:%d\n", cond, file, line);
	abort();
}

#endif
