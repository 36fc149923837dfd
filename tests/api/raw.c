/* raw — see raw.h. */
#include "tests/api/raw.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

long raw_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

void raw_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int tcp_open(struct raw *c, const char *src, int port, int rcvbuf);

int raw_tcp(struct raw *c, const char *src, int port)
{
	return tcp_open(c, src, port, 0);
}

static int tcp_open(struct raw *c, const char *src, int port, int rcvbuf)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	memset(c, 0, sizeof *c);
	c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return -1;
	if (rcvbuf > 0)
		setsockopt(c->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
	if (src) {
		struct sockaddr_in from = { .sin_family = AF_INET };
		inet_pton(AF_INET, src, &from.sin_addr);
		if (bind(c->fd, (struct sockaddr *)&from, sizeof from) != 0)
			goto fail;
	}
	inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
	if (connect(c->fd, (struct sockaddr *)&to, sizeof to) != 0)
		goto fail;
	return 0;
fail:
	close(c->fd);
	c->fd = -1;
	return -1;
}

static int tls_open(struct raw *c, const char *src, int port, const char *priority,
		    int rcvbuf);

int raw_tls(struct raw *c, const char *src, int port, const char *priority)
{
	return tls_open(c, src, port, priority, 0);
}

int raw_tls_window(struct raw *c, const char *src, int port, int rcvbuf)
{
	return tls_open(c, src, port, NULL, rcvbuf);
}

static int tls_open(struct raw *c, const char *src, int port, const char *priority,
		    int rcvbuf)
{
	int rc;
	if (tcp_open(c, src, port, rcvbuf) != 0)
		return -1;
	gnutls_certificate_allocate_credentials(&c->cred);
	gnutls_init(&c->tls, GNUTLS_CLIENT);
	rc = gnutls_priority_set_direct(c->tls, priority ? priority : "NORMAL", NULL);
	if (rc >= 0)
		rc = gnutls_credentials_set(c->tls, GNUTLS_CRD_CERTIFICATE, c->cred);
	if (rc >= 0) {
		gnutls_transport_set_int(c->tls, c->fd);
		gnutls_handshake_set_timeout(c->tls, 10000);
		do
			rc = gnutls_handshake(c->tls);
		while (rc < 0 && !gnutls_error_is_fatal(rc));
	}
	return rc < 0 ? rc : 0;
}

int raw_send(struct raw *c, const void *p, size_t n)
{
	const char *b = p;
	while (n > 0) {
		ssize_t w = c->tls ? gnutls_record_send(c->tls, b, n)
				   : send(c->fd, b, n, MSG_NOSIGNAL);
		if (w < 0 && (w == GNUTLS_E_AGAIN || w == GNUTLS_E_INTERRUPTED || errno == EINTR))
			continue;
		if (w <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* One read: >0 bytes, 0 closed, -2 nothing yet (TLS record incomplete). */
static ssize_t read_some(struct raw *c, char *buf, size_t len)
{
	if (!c->tls) {
		ssize_t r = recv(c->fd, buf, len, 0);
		return r < 0 ? (errno == EINTR ? -2 : 0) : r;
	}
	ssize_t r = gnutls_record_recv(c->tls, buf, len);
	if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED)
		return -2;
	return r < 0 ? 0 : r;
}

long raw_wait_closed(struct raw *c, long timeout_ms, char *buf, size_t len)
{
	char scratch[4096];
	size_t have = 0;
	long t0 = raw_now_ms();
	if (buf && len)
		buf[0] = '\0';
	for (;;) {
		long left = timeout_ms - (raw_now_ms() - t0);
		struct pollfd p = { .fd = c->fd, .events = POLLIN };
		int pending = c->tls && gnutls_record_check_pending(c->tls) > 0;
		if (!pending) {
			if (left <= 0)
				return -1;
			int n = poll(&p, 1, (int)left);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return -1;
		}
		ssize_t r = read_some(c, scratch, sizeof scratch);
		if (r == 0)
			return raw_now_ms() - t0;
		if (r > 0 && buf && have + 1 < len) {
			size_t take = (size_t)r < len - 1 - have ? (size_t)r : len - 1 - have;
			memcpy(buf + have, scratch, take);
			have += take;
			buf[have] = '\0';
		}
	}
}

long raw_read(struct raw *c, char *buf, size_t len, long timeout_ms)
{
	long t0 = raw_now_ms();
	for (;;) {
		struct pollfd p = { .fd = c->fd, .events = POLLIN };
		long left = timeout_ms - (raw_now_ms() - t0);
		int pending = c->tls && gnutls_record_check_pending(c->tls) > 0;
		if (!pending && poll(&p, 1, left > 0 ? (int)left : 0) <= 0) {
			if (raw_now_ms() - t0 >= timeout_ms)
				return -1;
			continue;
		}
		ssize_t r = read_some(c, buf, len);
		if (r != -2)
			return r;
	}
}

int raw_is_open(struct raw *c)
{
	struct pollfd p = { .fd = c->fd, .events = POLLIN };
	if (c->fd < 0)
		return 0;
	if (poll(&p, 1, 0) == 0)
		return 1;
	char b;
	return recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
}

void raw_close(struct raw *c)
{
	if (c->tls)
		gnutls_deinit(c->tls);
	if (c->cred)
		gnutls_certificate_free_credentials(c->cred);
	if (c->fd >= 0)
		close(c->fd);
	memset(c, 0, sizeof *c);
	c->fd = -1;
}
