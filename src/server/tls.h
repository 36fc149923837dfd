/* tls — the service's TLS identity: a key and self-signed certificate made on
 * first start (GnuTLS x509 API) and the public-key pin clients use. */
#ifndef ANZHI_SERVER_TLS_H
#define ANZHI_SERVER_TLS_H

#include <stddef.h>

/* TLS 1.3 and 1.2 with AEAD suites only (AES-GCM, ChaCha20-Poly1305): no
 * CBC, no SHA-1 MAC or signature. `gnutls-cli -l --priority` lists them. */
#define TLS_PRIORITIES                                                              \
	"NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM:"      \
	"+AES-128-GCM:+CHACHA20-POLY1305:-MAC-ALL:+AEAD:-SIGN-RSA-SHA1:-SIGN-ECDSA-SHA1"

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
