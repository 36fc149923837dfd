/* totp and passwords: the second factor's codes are RFC 6238's (Appendix B,
 * SHA-1 seed "12345678901234567890"), a code is good for its 30 s step and
 * one either side, the secret is sealed with the data directory's 0600 key,
 * recovery codes hash the same however they are typed, and a new password
 * must not be short, the username or a common one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/passwords.h"
#include "server/totp.h"

static const unsigned char rfc_seed[] = "12345678901234567890";
static char dir[] = "/tmp/anzhi-totp-XXXXXX";

static int setup(void **state)
{
	char err[256];
	if (!mkdtemp(dir))
		return -1;
	return totp_init(dir, err, sizeof err);
}

static int teardown(void **state)
{
	char path[64];
	snprintf(path, sizeof path, "%s/totp.key", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

/* RFC 6238 Appendix B gives 8 digits; a 6-digit code is the same HOTP value
 * mod 10^6 (RFC 4226 5.3): the last six digits. */
static void test_codes_are_rfc6238_appendix_b_sha1(void **state)
{
	static const struct {
		long long t;
		const char *eight;
	} vectors[] = {
		{ 59, "94287082" },	    { 1111111109, "07081804" }, { 1111111111, "14050471" },
		{ 1234567890, "89005924" }, { 2000000000, "69279037" }, { 20000000000, "65353130" },
	};
	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
		char code[TOTP_DIGITS + 1];
		assert_int_equal(totp_code(rfc_seed, 20, vectors[i].t, code), 0);
		assert_string_equal(code, vectors[i].eight + 2);
	}
}

static void test_a_code_is_good_for_its_step_and_one_either_side(void **state)
{
	char code[TOTP_DIGITS + 1];
	int64_t step = 0;
	assert_int_equal(totp_code(rfc_seed, 20, 1111111109, code), 0);
	assert_int_equal(totp_match(rfc_seed, 20, 1111111109, code, &step), 0);
	assert_int_equal(step, 1111111109 / 30);
	assert_int_equal(totp_match(rfc_seed, 20, 1111111109 + 30, code, &step), 0);
	assert_int_equal(step, 1111111109 / 30); /* the step the code belongs to */
	assert_int_equal(totp_match(rfc_seed, 20, 1111111109 - 30, code, &step), 0);
	assert_int_equal(totp_match(rfc_seed, 20, 1111111109 + 90, code, &step), -1);
	assert_int_equal(totp_match(rfc_seed, 20, 1111111109, "07081804", &step), -1);
	assert_int_equal(totp_match(rfc_seed, 20, 1111111109, "08180a", &step), -1);
	assert_int_equal(totp_match(rfc_seed, 20, 1111111109, "", &step), -1);
}

static void test_secret_is_sealed_with_the_private_key_file(void **state)
{
	unsigned char sealed[128], back[64];
	size_t n, m;
	struct stat sb;
	char path[64];
	snprintf(path, sizeof path, "%s/totp.key", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(totp_seal(rfc_seed, 20, sealed, sizeof sealed, &n), 0);
	assert_null(memmem(sealed, n, rfc_seed, 20));
	assert_int_equal(totp_open(sealed, n, back, sizeof back, &m), 0);
	assert_int_equal(m, 20);
	assert_memory_equal(back, rfc_seed, 20);
	sealed[n - 1] ^= 1; /* tampered: refused */
	assert_int_equal(totp_open(sealed, n, back, sizeof back, &m), -1);
}

static void test_secret_and_uri_are_what_authenticator_apps_read(void **state)
{
	char b32[TOTP_BASE32_MAX + 1], uri[256];
	assert_int_equal(totp_base32(rfc_seed, 20, b32, sizeof b32), 0);
	assert_string_equal(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	totp_uri("xinghe agent", b32, uri, sizeof uri);
	assert_string_equal(uri, "otpauth://totp/anzhi:xinghe%20agent?secret="
				 "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=anzhi&algorithm=SHA1"
				 "&digits=6&period=30");
}

static void test_recovery_codes_hash_alike_however_typed_and_per_user(void **state)
{
	char code[TOTP_RECOVERY_CHARS + 1], again[TOTP_RECOVERY_CHARS + 1];
	char a[65], b[65], c[65], typed[32];
	totp_recovery_code(code);
	totp_recovery_code(again);
	assert_int_equal(strlen(code), 11);
	assert_int_equal(code[5], '-');
	assert_string_not_equal(code, again);
	assert_int_equal(totp_recovery_hash(7, code, a), 0);
	snprintf(typed, sizeof typed, "%.5s %s", code, code + 6);
	for (char *p = typed; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	assert_int_equal(totp_recovery_hash(7, typed, b), 0);
	assert_string_equal(a, b);
	assert_int_equal(totp_recovery_hash(8, code, c), 0);
	assert_string_not_equal(a, c);
	assert_int_equal(totp_recovery_hash(7, "short", c), -1);
}

static void test_required_roles_are_matched_whole(void **state)
{
	assert_true(totp_role_listed("unit,reviewer", "unit"));
	assert_true(totp_role_listed("unit,reviewer", "reviewer"));
	assert_false(totp_role_listed("unit,reviewer", "supervisor"));
	assert_false(totp_role_listed("supervisor", "visor"));
	assert_false(totp_role_listed("", "unit"));
}

static void test_new_passwords_follow_the_rules(void **state)
{
	char why[160];
	assert_int_equal(password_acceptable("wang", "k7#Lm2qZ", why, sizeof why), 0);
	assert_int_equal(password_acceptable("wang", "k7#Lm2q", why, sizeof why), -1);
	assert_non_null(strstr(why, "8"));
	assert_int_equal(password_acceptable("wangxiaoming", "WangXiaoMing", why, sizeof why), -1);
	assert_non_null(strstr(why, "username"));
	assert_int_equal(password_acceptable("wang", "Password1", why, sizeof why), -1);
	assert_int_equal(password_acceptable("wang", "12345678", why, sizeof why), -1);
	assert_non_null(strstr(why, "common"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes_are_rfc6238_appendix_b_sha1),
		cmocka_unit_test(test_a_code_is_good_for_its_step_and_one_either_side),
		cmocka_unit_test(test_secret_is_sealed_with_the_private_key_file),
		cmocka_unit_test(test_secret_and_uri_are_what_authenticator_apps_read),
		cmocka_unit_test(test_recovery_codes_hash_alike_however_typed_and_per_user),
		cmocka_unit_test(test_required_roles_are_matched_whole),
		cmocka_unit_test(test_new_passwords_follow_the_rules),
	};
	return cmocka_run_group_tests_name("server_totp", tests, setup, teardown);
}
