/* tls — the service's TLS identity: a key and self-signed certificate made on
 * first start (GnuTLS x509 API) and the public-key pin clients use. */
#ifndef ANZHI_SERVER_TLS_H
#define ANZHI_SERVER_TLS_H

#include <stddef.h>

struct tls_identity {
	char *key_pem;   /* malloc'd, NUL-terminated */
	char *cert_pem;  /* malloc'd, NUL-terminated */
	char pin[128];   /* "sha256//BASE64" of the DER SubjectPublicKeyInfo */
};

/* Loads DIR/tls/{key,cert}.pem, creating both when missing. 0 on success;
 * on failure fills err (NUL-terminated) and returns -1. *created set to 1
 * when a new identity was made. */
int tls_identity_load(const char *dir, int create, struct tls_identity *id,
		      int *created, char *err, size_t errlen);
void tls_identity_free(struct tls_identity *id);

#endif
