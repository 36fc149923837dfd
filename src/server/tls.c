/* tls — makes and loads the service's key + self-signed certificate and
 * computes the curl-style public-key pin (sha256// + base64 of the SHA-256 of
 * the DER SubjectPublicKeyInfo). */
#include "server/tls.h"
#include "server/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int write_file(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0)
		return -1;
	const char *p = data;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return close(fd);
}

#define TRY(expr) do { int rc_ = (expr); if (rc_ < 0) { \
	snprintf(err, errlen, "%s: %s", #expr, gnutls_strerror(rc_)); goto out; } } while (0)

static int make_identity(const char *keyp, const char *certp, char *err, size_t errlen)
{
	gnutls_x509_privkey_t key = NULL;
	gnutls_x509_crt_t crt = NULL;
	gnutls_datum_t kd = { 0 }, cd = { 0 };
	int ok = -1;
	unsigned char serial[16];
	unsigned char ip[4] = { 127, 0, 0, 1 };
	time_t now = time(NULL);

	TRY(gnutls_x509_privkey_init(&key));
	TRY(gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA,
					 GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0));
	TRY(gnutls_x509_crt_init(&crt));
	TRY(gnutls_x509_crt_set_version(crt, 3));
	randombytes_buf(serial, sizeof serial);
	serial[0] &= 0x7f; /* positive */
	TRY(gnutls_x509_crt_set_serial(crt, serial, sizeof serial));
	TRY(gnutls_x509_crt_set_activation_time(crt, now - 3600));
	TRY(gnutls_x509_crt_set_expiration_time(crt, now + 10L * 365 * 24 * 3600));
	TRY(gnutls_x509_crt_set_key(crt, key));
	TRY(gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, "localhost", 9));
	TRY(gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_ORGANIZATION_NAME, 0, "anzhid", 6));
	TRY(gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME, "localhost", 9,
						 GNUTLS_FSAN_APPEND));
	TRY(gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_IPADDRESS, ip, sizeof ip,
						 GNUTLS_FSAN_APPEND));
	TRY(gnutls_x509_crt_set_basic_constraints(crt, 0, -1));
	TRY(gnutls_x509_crt_set_key_usage(crt, GNUTLS_KEY_DIGITAL_SIGNATURE));
	TRY(gnutls_x509_crt_set_key_purpose_oid(crt, GNUTLS_KP_TLS_WWW_SERVER, 0));
	TRY(gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0));
	TRY(gnutls_x509_privkey_export2(key, GNUTLS_X509_FMT_PEM, &kd));
	TRY(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &cd));
	if (write_file(keyp, kd.data, kd.size, 0600) != 0 ||
	    write_file(certp, cd.data, cd.size, 0644) != 0) {
		snprintf(err, errlen, "writing %s: %s", keyp, strerror(errno));
		goto out;
	}
	ok = 0;
out:
	gnutls_free(kd.data);
	gnutls_free(cd.data);
	if (crt)
		gnutls_x509_crt_deinit(crt);
	if (key)
		gnutls_x509_privkey_deinit(key);
	return ok;
}

static int compute_pin(const char *cert_pem, char *pin, size_t pinlen, char *err, size_t errlen)
{
	gnutls_x509_crt_t crt = NULL;
	gnutls_pubkey_t pub = NULL;
	gnutls_datum_t in = { (unsigned char *)cert_pem, (unsigned)strlen(cert_pem) };
	gnutls_datum_t der = { 0 };
	int ok = -1;
	unsigned char h[crypto_hash_sha256_BYTES];
	char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];

	TRY(gnutls_x509_crt_init(&crt));
	TRY(gnutls_x509_crt_import(crt, &in, GNUTLS_X509_FMT_PEM));
	TRY(gnutls_pubkey_init(&pub));
	TRY(gnutls_pubkey_import_x509(pub, crt, 0));
	TRY(gnutls_pubkey_export2(pub, GNUTLS_X509_FMT_DER, &der));
	crypto_hash_sha256(h, der.data, der.size);
	sodium_bin2base64(b64, sizeof b64, h, sizeof h, sodium_base64_VARIANT_ORIGINAL);
	snprintf(pin, pinlen, "sha256//%s", b64);
	ok = 0;
out:
	gnutls_free(der.data);
	if (pub)
		gnutls_pubkey_deinit(pub);
	if (crt)
		gnutls_x509_crt_deinit(crt);
	return ok;
}

int tls_identity_load(const char *dir, int create, struct tls_identity *id,
		      int *created, char *err, size_t errlen)
{
	char tdir[4096], keyp[4200], certp[4200];
	memset(id, 0, sizeof *id);
	if (created)
		*created = 0;
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium failed to initialise");
		return -1;
	}
	snprintf(tdir, sizeof tdir, "%s/tls", dir);
	snprintf(keyp, sizeof keyp, "%s/key.pem", tdir);
	snprintf(certp, sizeof certp, "%s/cert.pem", tdir);
	if (access(keyp, R_OK) != 0 || access(certp, R_OK) != 0) {
		if (!create) {
			snprintf(err, errlen, "no TLS identity in %s (start anzhid once to make it)", tdir);
			return -1;
		}
		if (mkdir(tdir, 0700) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "mkdir %s: %s", tdir, strerror(errno));
			return -1;
		}
		if (make_identity(keyp, certp, err, errlen) != 0)
			return -1;
		if (created)
			*created = 1;
	}
	id->key_pem = srv_read_file(keyp, NULL);
	id->cert_pem = srv_read_file(certp, NULL);
	if (!id->key_pem || !id->cert_pem) {
		snprintf(err, errlen, "reading %s: %s", tdir, strerror(errno));
		tls_identity_free(id);
		return -1;
	}
	if (compute_pin(id->cert_pem, id->pin, sizeof id->pin, err, errlen) != 0) {
		tls_identity_free(id);
		return -1;
	}
	return 0;
}

void tls_identity_free(struct tls_identity *id)
{
	if (id->key_pem)
		sodium_memzero(id->key_pem, strlen(id->key_pem));
	free(id->key_pem);
	free(id->cert_pem);
	id->key_pem = id->cert_pem = NULL;
}
