/* raw — connections libcurl will not make: from a chosen loopback source
 * address (127.0.0.0/8 is all loopback on Linux, so a test can play several
 * clients), TLS with a chosen priority string, bytes sent a few at a time,
 * and the moment the service closes the connection. */
#ifndef ANZHI_TESTS_API_RAW_H
#define ANZHI_TESTS_API_RAW_H

#include <gnutls/gnutls.h>
#include <stddef.h>

struct raw {
	int fd;
	gnutls_session_t tls;    /* NULL: plain TCP */
	gnutls_certificate_credentials_t cred;
};

/* TCP connection to 127.0.0.1:port from source address src (NULL: any).
 * 0 on success. */
int raw_tcp(struct raw *c, const char *src, int port);
/* raw_tcp, then a TLS handshake with priority (NULL: "NORMAL"). 0 on
 * success, else the GnuTLS error (negative) or -1 (no TCP connection). The
 * server's certificate is not checked: these tests attack, they do not
 * trust. */
int raw_tls(struct raw *c, const char *src, int port, const char *priority);
/* raw_tls with a receive buffer of rcvbuf bytes (a small TCP window: the
 * service can push little before the client reads). */
int raw_tls_window(struct raw *c, const char *src, int port, int rcvbuf);
/* Sends n bytes (over TLS when the connection has it). 0 when all went. */
int raw_send(struct raw *c, const void *p, size_t n);
/* Waits up to timeout_ms for the service to close the connection, keeping
 * what arrives (up to len - 1 bytes, NUL-terminated) in buf when not NULL.
 * Returns the milliseconds waited, or -1 when it stayed open. */
long raw_wait_closed(struct raw *c, long timeout_ms, char *buf, size_t len);
/* Reads what has arrived (waiting up to timeout_ms for something): bytes
 * read (> 0), 0 when the service closed the connection, -1 when nothing
 * came in time. */
long raw_read(struct raw *c, char *buf, size_t len, long timeout_ms);
/* True when the connection is still open (nothing to read, no EOF). */
int raw_is_open(struct raw *c);
void raw_close(struct raw *c);

/* Milliseconds on a monotonic clock. */
long raw_now_ms(void);
void raw_sleep_ms(long ms);

#endif
